/** The organization form, for /organizations/new and the detail page's 编辑 drawer. */
import { Alert, Button, Col, DatePicker, Divider, Form, Input, Row, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { SELF_SERVICE_ORGANIZATION_FIELDS } from '../../../../common/change-request.js';
import { checkUscc } from '../../../../common/uscc.js';
import { INDUSTRIES, ORGANIZATION_KINDS, SERVICE_TYPES } from '../../../../common/vocabulary.js';
import { EditForm } from '../../components/edit-form.js';
import { DivisionSelect, PersonSelect } from '../../components/pickers.js';
import { useEditForm, useRequiredRule, type EditFormProps } from '../../components/use-edit-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem } from '../../format.js';
import { useI18n } from '../../i18n.js';
import type { Organization } from '../../types.js';

export const ORGANIZATION_FIELDS = [
  'name',
  'uscc',
  'kind',
  'divisionCode',
  'address',
  'description',
  'industries',
  'serviceTypes',
  'rdFiled',
  'rdFiledOn',
  'legalRepresentativeId',
  'actualControllerId',
  'contacts',
] as const;

export interface OrganizationFormValues {
  name?: string;
  uscc?: string;
  kind?: string;
  divisionCode?: string;
  address?: string;
  description?: string;
  industries?: string[];
  serviceTypes?: string[];
  rdFiled?: boolean;
  rdFiledOn?: string;
  legalRepresentativeId?: string;
  actualControllerId?: string;
  contacts?: { name?: string; title?: string; phone?: string; email?: string }[];
}

export function organizationToValues(organization: Organization): OrganizationFormValues {
  return {
    name: organization.name,
    uscc: organization.uscc,
    kind: organization.kind,
    divisionCode: organization.divisionCode,
    address: organization.address ?? undefined,
    description: organization.description ?? undefined,
    industries: organization.industries ?? [],
    serviceTypes: organization.serviceTypes ?? [],
    rdFiled: organization.rdFiled ?? undefined,
    rdFiledOn: organization.rdFiledOn ?? undefined,
    legalRepresentativeId: organization.legalRepresentativeId ?? organization.legalRepresentative?.id ?? undefined,
    actualControllerId: organization.actualControllerId ?? organization.actualController?.id ?? undefined,
    contacts: (organization.contacts ?? []).map((c) => ({ ...c })),
  };
}

/** What an organization's own users edit directly (the verified facts go through a 变更申请). */
export const SELF_SERVICE_FIELDS = SELF_SERVICE_ORGANIZATION_FIELDS;

interface Props extends EditFormProps {
  /** Editing this record; absent when creating. */
  organization?: Organization;
  /** For own users: only the self-service fields, with a pointer to 申请变更 for the rest. */
  factsLocked?: boolean;
}

export function OrganizationForm({ organization, factsLocked = false, ...props }: Props) {
  const { t } = useI18n();
  const required = useRequiredRule();
  const { form, formProps } = useEditForm<OrganizationFormValues>({
    ...props,
    fields: factsLocked ? SELF_SERVICE_FIELDS : ORGANIZATION_FIELDS,
    record: organization,
    initial: organization ? organizationToValues(organization) : { industries: [], serviceTypes: [], contacts: [] },
    // The R&D filing belongs to new R&D institutions only: other kinds do not send it.
    prepare: (next) => {
      if (next.kind !== 'new_rd_institution') {
        delete next.rdFiled;
        delete next.rdFiledOn;
      }
      return next;
    },
    lists: ['industries', 'serviceTypes', 'contacts'],
  });
  const kind = Form.useWatch('kind', form);

  return (
    <EditForm {...formProps} data-testid="organization-form">
      {factsLocked && <Alert type="info" showIcon title={t('org.factsLocked')} style={{ marginBottom: 16 }} data-testid="facts-locked" />}
      <Row gutter={16}>
        {!factsLocked && (<>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('org.name')} rules={[required(t('org.name'))]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="uscc"
            label={t('org.uscc')}
            normalize={(value: string) => value?.toUpperCase()}
            rules={[
              required(t('org.uscc')),
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!value) return;
                  const result = checkUscc(value);
                  if (!result.ok) throw new Error(`统一社会信用代码${result.message}`);
                },
              },
            ]}
          >
            <Input maxLength={20} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('org.kind')} rules={[required(t('org.kind'))]}>
            <VocabSelect vocabulary={ORGANIZATION_KINDS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="divisionCode" label={t('org.division')} rules={[required(t('org.division'))]}>
            <DivisionSelect initialLabel={organization?.divisionName} />
          </Form.Item>
        </Col>
        </>)}
        <Col span={24}>
          <Form.Item name="address" label={t('org.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="description" label={t('org.description')}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('org.descriptionPlaceholder')} data-testid="organization-description" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industries" label={t('org.industries')}>
            <VocabSelect vocabulary={INDUSTRIES} mode="multiple" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="serviceTypes" label={t('org.serviceTypes')}>
            <VocabSelect vocabulary={SERVICE_TYPES} mode="multiple" />
          </Form.Item>
        </Col>
        {!factsLocked && kind === 'new_rd_institution' && (
          <>
            <Col xs={24} md={12}>
              <Form.Item name="rdFiled" label={t('org.rdFiled')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="rdFiledOn" label={t('org.rdFiledOn')} {...dateItem}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        )}
        {!factsLocked && (<>
        <Col xs={24} md={12}>
          <Form.Item name="legalRepresentativeId" label={t('org.legalRepresentative')}>
            <PersonSelect initialLabel={organization?.legalRepresentative?.name} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="actualControllerId" label={t('org.actualController')}>
            <PersonSelect initialLabel={organization?.actualController?.name} />
          </Form.Item>
        </Col>
        </>)}
      </Row>
      <Divider titlePlacement="start">{t('org.contacts')}</Divider>
      <Form.List name="contacts">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => (
              <Space key={key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[name, 'name']} rules={[required(t('contact.name'))]}>
                  <Input placeholder={t('contact.name')} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[name, 'title']}>
                  <Input placeholder={t('contact.title')} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[name, 'phone']}>
                  <Input placeholder={t('contact.phone')} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[name, 'email']} rules={[{ type: 'email', message: t('field.invalid', { label: t('contact.email') }) }]}>
                  <Input placeholder={t('contact.email')} style={{ width: 200 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
              {t('contact.add')}
            </Button>
          </>
        )}
      </Form.List>
    </EditForm>
  );
}
