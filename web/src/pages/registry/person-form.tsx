/** The person form. The ID number is write-only: required on create, optional (replace) on edit. */
import { Button, Col, Divider, Form, Input, Row, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { checkResidentId } from '../../../../common/resident-id.js';
import { BROKER_LEVELS, EMPLOYMENT, PERSON_ROLES } from '../../../../common/vocabulary.js';
import { FormProblems } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { changes, cleanRecord, withLists } from '../../components/form-values.js';
import { useServerForm } from '../../components/use-server-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { useI18n } from '../../i18n.js';
import type { Person } from '../../types.js';

export const PERSON_FIELDS = ['name', 'idNumber', 'phone', 'roles', 'affiliations'] as const;

export interface PersonFormValues {
  name?: string;
  idNumber?: string;
  phone?: string;
  roles?: { role?: string; certificateNumber?: string; level?: string; employment?: string }[];
  affiliations?: { organizationId?: string; title?: string }[];
}

function personToValues(person: Person): PersonFormValues {
  return {
    name: person.name,
    phone: person.phone ?? undefined,
    roles: (person.roles ?? []).map((r) => ({
      role: r.role,
      certificateNumber: r.certificateNumber ?? undefined,
      level: r.level ?? undefined,
      employment: r.employment ?? undefined,
    })),
    affiliations: (person.affiliations ?? []).map((a) => ({ organizationId: a.organizationId, title: a.title ?? undefined })),
  };
}

interface Props {
  person?: Person;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
  submitting: boolean;
}

export function PersonForm({ person, onSubmit, onCancel, onReload, submitting }: Props) {
  const { t } = useI18n();
  const { form, problems, conflict, submit } = useServerForm<PersonFormValues>(PERSON_FIELDS);
  const initial: PersonFormValues = person ? personToValues(person) : { roles: [], affiliations: [] };
  const organizationNames = new Map((person?.affiliations ?? []).map((a) => [a.organizationId, a.organizationName ?? null]));
  const required = (label: string) => ({ required: true, message: t('field.required', { label }) });

  const onFinish = (values: PersonFormValues) => {
    const next = cleanRecord(values) as Record<string, unknown>;
    if (!person) {
      void submit(() => onSubmit(next));
      return;
    }
    const previous = cleanRecord(initial) as Record<string, unknown>;
    const changed = changes(previous, next, PERSON_FIELDS.filter((f) => f !== 'idNumber'));
    if (next.idNumber) changed.idNumber = next.idNumber;
    const patch = withLists(changed, previous, ['roles', 'affiliations']);
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    void submit(() => onSubmit({ version: person.version, ...patch }), { versioned: true });
  };

  return (
    <Form<PersonFormValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} scrollToFirstError data-testid="person-form">
      <FormProblems problems={problems} conflict={conflict} onReload={onReload} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('person.name')} rules={[required(t('person.name'))]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('person.phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="idNumber"
            label={person ? t('person.idNumberNew') : t('person.idNumber')}
            extra={person ? `${t('person.idNumberMasked')}：${person.idNumberMasked}` : undefined}
            normalize={(value: string) => value?.toUpperCase()}
            rules={[
              ...(person ? [] : [required(t('person.idNumber'))]),
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!value) return;
                  const result = checkResidentId(value);
                  if (!result.ok) throw new Error(`身份证号码${result.message}`);
                },
              },
            ]}
          >
            <Input.Password maxLength={18} autoComplete="off" visibilityToggle />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('person.roles')}</Divider>
      <Form.List name="roles">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => (
              <Space key={key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[name, 'role']} rules={[required(t('person.role'))]}>
                  <VocabSelect vocabulary={PERSON_ROLES} placeholder={t('person.role')} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name={[name, 'employment']}>
                  <VocabSelect vocabulary={EMPLOYMENT} placeholder={t('person.employment')} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[name, 'level']}>
                  <VocabSelect vocabulary={BROKER_LEVELS} placeholder={t('person.level')} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[name, 'certificateNumber']}>
                  <Input placeholder={t('person.certificateNumber')} style={{ width: 180 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
              {t('person.addRole')}
            </Button>
          </>
        )}
      </Form.List>
      <Divider titlePlacement="start">{t('person.affiliations')}</Divider>
      <Form.List name="affiliations">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => {
              const organizationId = form.getFieldValue(['affiliations', name, 'organizationId']) as string | undefined;
              return (
                <Space key={key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[name, 'organizationId']} rules={[required(t('person.organization'))]}>
                    <OrganizationSelect
                      placeholder={t('person.organization')}
                      initialLabel={organizationId ? organizationNames.get(organizationId) : undefined}
                      style={{ width: 320 }}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'title']}>
                    <Input placeholder={t('person.title')} style={{ width: 160 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />
                </Space>
              );
            })}
            <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
              {t('person.addAffiliation')}
            </Button>
          </>
        )}
      </Form.List>
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
