import { Button, Col, DatePicker, Divider, Form, Input, Row, Space } from 'antd';
import { LEVELS, PLATFORM_TYPES } from '../../../../common/vocabulary.js';
import { FormProblems } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { changes, cleanRecord } from '../../components/form-values.js';
import { useServerForm } from '../../components/use-server-form.js';
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

interface Props {
  platform?: Platform;
  /** Host organization preset when creating from an organization. */
  hostOrganizationId?: string;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
  submitting: boolean;
}

export function PlatformForm({ platform, hostOrganizationId, onSubmit, onCancel, onReload, submitting }: Props) {
  const { t } = useI18n();
  const { form, problems, conflict, submit } = useServerForm<PlatformFormValues>(PLATFORM_FIELDS);
  const initial: PlatformFormValues = platform ? platformToValues(platform) : { hostOrganizationId };
  const required = (label: string) => ({ required: true, message: t('field.required', { label }) });

  const onFinish = (values: PlatformFormValues) => {
    const next = cleanRecord(values) as Record<string, unknown>;
    if (!platform) {
      void submit(() => onSubmit(next));
      return;
    }
    const patch = changes(cleanRecord(initial) as Record<string, unknown>, next, PLATFORM_FIELDS);
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    void submit(() => onSubmit({ version: platform.version, ...patch }), { versioned: true });
  };

  return (
    <Form<PlatformFormValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} scrollToFirstError data-testid="platform-form">
      <FormProblems problems={problems} conflict={conflict} onReload={onReload} />
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
      <Divider />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

export function hostName(platform: Platform): string {
  return platform.hostOrganizationName ?? platform.hostOrganization?.name ?? platform.hostOrganizationId;
}
