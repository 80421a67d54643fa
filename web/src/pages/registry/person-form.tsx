/** The person form. The ID number is write-only: required on create, optional (replace) on edit. */
import { Alert, Button, Col, Divider, Form, Input, Row, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { checkResidentId } from '../../../../common/resident-id.js';
import { BROKER_LEVELS, EMPLOYMENT, PERSON_ROLES } from '../../../../common/vocabulary.js';
import { EditForm } from '../../components/edit-form.js';
import { changes } from '../../components/form-values.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { useEditForm, useRequiredRule, type EditFormProps } from '../../components/use-edit-form.js';
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

interface Props extends EditFormProps {
  person?: Person;
  /** For an organization's own users: phone and job titles only (the rest are verified facts). */
  factsLocked?: boolean;
}

export function PersonForm({ person, factsLocked = false, ...props }: Props) {
  const { t } = useI18n();
  const required = useRequiredRule();
  const { form, formProps } = useEditForm<PersonFormValues>({
    ...props,
    fields: factsLocked ? (['phone', 'affiliations'] as const) : PERSON_FIELDS,
    record: person,
    initial: person ? personToValues(person) : { roles: [], affiliations: [] },
    // The stored ID number is never shown, so it is not compared: a typed one replaces it.
    diff: (previous, next) => {
      const changed = changes(previous, next, PERSON_FIELDS.filter((f) => f !== 'idNumber'));
      if (next.idNumber) changed.idNumber = next.idNumber;
      return changed;
    },
    lists: ['roles', 'affiliations'],
  });
  const organizationNames = new Map((person?.affiliations ?? []).map((a) => [a.organizationId, a.organizationName ?? null]));

  return (
    <EditForm {...formProps} data-testid="person-form">
      {factsLocked && <Alert type="info" showIcon title={t('person.factsLocked')} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('person.name')} rules={[required(t('person.name'))]}>
            <Input maxLength={50} disabled={factsLocked} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('person.phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        {!factsLocked && <Col xs={24} md={12}>
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
        </Col>}
      </Row>
      {!factsLocked && <>
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
      </>}
      <Divider titlePlacement="start">{t('person.affiliations')}</Divider>
      <Form.List name="affiliations">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => {
              const organizationId = form.getFieldValue(['affiliations', name, 'organizationId']) as string | undefined;
              return (
                <Space key={key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  {factsLocked && <Typography.Text style={{ display: 'inline-block', width: 320 }}>{organizationNames.get(organizationId ?? '') ?? organizationId}</Typography.Text>}
                  <Form.Item name={[name, 'organizationId']} rules={[required(t('person.organization'))]} hidden={factsLocked}>
                    <OrganizationSelect
                      placeholder={t('person.organization')}
                      initialLabel={organizationId ? organizationNames.get(organizationId) : undefined}
                      style={{ width: 320 }}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'title']}>
                    <Input placeholder={t('person.title')} style={{ width: 160 }} />
                  </Form.Item>
                  {!factsLocked && <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />}
                </Space>
              );
            })}
            {!factsLocked && (
              <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                {t('person.addAffiliation')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </EditForm>
  );
}
