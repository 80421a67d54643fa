import { Col, DatePicker, Form, Input, Row } from 'antd';
import { LEVELS, PLATFORM_TYPES } from '../../../../common/vocabulary.js';
import { EditForm } from '../../components/edit-form.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { useEditForm, useRequiredRule, type EditFormProps } from '../../components/use-edit-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem } from '../../format.js';
import { useI18n } from '../../i18n.js';
import type { Platform } from '../../types.js';

export const PLATFORM_FIELDS = ['name', 'type', 'level', 'hostOrganizationId', 'recognizedOn', 'revokedOn', 'documentNumber'] as const;

export interface PlatformFormValues {
  name?: string;
  type?: string;
  level?: string;
  hostOrganizationId?: string;
  recognizedOn?: string;
  revokedOn?: string;
  documentNumber?: string;
}

function platformToValues(platform: Platform): PlatformFormValues {
  return {
    name: platform.name,
    type: platform.type,
    level: platform.level,
    hostOrganizationId: platform.hostOrganizationId,
    recognizedOn: platform.recognizedOn,
    revokedOn: platform.revokedOn ?? undefined,
    documentNumber: platform.documentNumber ?? undefined,
  };
}

interface Props extends EditFormProps {
  platform?: Platform;
  /** Host organization preset when creating from an organization. */
  hostOrganizationId?: string;
}

export function PlatformForm({ platform, hostOrganizationId, ...props }: Props) {
  const { t } = useI18n();
  const required = useRequiredRule();
  const { formProps } = useEditForm<PlatformFormValues>({
    ...props,
    fields: PLATFORM_FIELDS,
    record: platform,
    initial: platform ? platformToValues(platform) : { hostOrganizationId },
  });

  return (
    <EditForm {...formProps} data-testid="platform-form">
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('platform.name')} rules={[required(t('platform.name'))]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="type" label={t('platform.type')} rules={[required(t('platform.type'))]}>
            <VocabSelect vocabulary={PLATFORM_TYPES} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="level" label={t('platform.level')} rules={[required(t('platform.level'))]}>
            <VocabSelect vocabulary={LEVELS} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="hostOrganizationId" label={t('platform.host')} rules={[required(t('platform.host'))]}>
            <OrganizationSelect initialLabel={platform ? hostName(platform) : undefined} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="recognizedOn" label={t('platform.recognizedOn')} rules={[required(t('platform.recognizedOn'))]} {...dateItem}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="revokedOn" label={t('platform.revokedOn')} {...dateItem}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="documentNumber" label={t('platform.documentNumber')}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
      </Row>
    </EditForm>
  );
}

export function hostName(platform: Platform): string {
  return platform.hostOrganizationName ?? platform.hostOrganization?.name ?? platform.hostOrganizationId;
}
