/**
 * The contract form, for /contracts/new and the detail page's 编辑 drawer (draft or awaiting
 * materials). Parties are organizations (picked from the registry) or natural persons; sub-types
 * follow the type; licence fields only for licences; amounts typed in yuan, held as integer fen,
 * with the 技术交易额 (成交额 − non-technical costs) computed as the user types.
 */
import { useEffect, useMemo } from 'react';
import { Alert, Button, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Row, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { CONTRACT_SUBTYPES_OF } from '../../../../server/modules/contracts/classification.js';
import {
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  FUNDING_LEVELS,
  IP_KINDS,
  LICENSE_SCOPES,
  TECH_FIELDS,
  type ContractType,
} from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { changes } from '../../components/form-values.js';
import { EditForm } from '../../components/edit-form.js';
import { ContractPartySelect, DivisionSelect, OrganizationSelect, PersonSelect } from '../../components/pickers.js';
import { useEditForm, useRequiredRule, type EditFormProps } from '../../components/use-edit-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem, formatFen } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { can, PERMISSIONS } from '../../permissions.js';
import type { Contract } from '../../types.js';
import { YuanInput, useYuanRule } from './contract-bits.js';

/** The body's fields; server errors naming them go beside them. `deductions` errors go on top. */
export const CONTRACT_FIELDS = [
  'name',
  'type',
  'subtype',
  'licenseScope',
  'licenseYears',
  'sellers',
  'buyers',
  'signedOn',
  'termStart',
  'termEnd',
  'amountFen',
  'deductions',
  'techField',
  'ipItems',
  'implementationDivision',
  'brokers',
  'thirdParties',
  'declaredRelated',
  'fiscalFunded',
  'funding',
] as const;

/** Fields whose server errors are placed on a form item (a `deductions` error names no single input). */
const ERROR_FIELDS = CONTRACT_FIELDS.filter((f) => f !== 'deductions');

interface PartyRow {
  kind?: 'organization' | 'person';
  organizationId?: string;
  personName?: string;
  personIdNumber?: string;
}

type Money = number | string | undefined;

export interface ContractFormValues {
  name?: string;
  type?: ContractType;
  subtype?: string;
  licenseScope?: string;
  licenseYears?: number;
  sellers?: PartyRow[];
  buyers?: PartyRow[];
  signedOn?: string;
  termStart?: string;
  termEnd?: string;
  amountFen?: Money;
  deductions?: { materialsFen?: Money; equipmentFen?: Money; componentsFen?: Money; otherFen?: Money };
  techField?: string;
  ipItems?: { kind?: string; number?: string }[];
  implementationDivision?: string;
  brokers?: { personId?: string; share?: number }[];
  thirdParties?: { organizationId?: string; role?: string }[];
  declaredRelated?: boolean;
  fiscalFunded?: boolean;
  funding?: { level?: string; programme?: string; amountFen?: Money }[];
}

export function contractToValues(c: Contract): ContractFormValues {
  const party = (p: Contract['sellers'][number]): PartyRow =>
    p.organizationId ? { kind: 'organization', organizationId: p.organizationId } : { kind: 'person', personName: p.name };
  return {
    name: c.name,
    type: c.type,
    subtype: c.subtype,
    licenseScope: c.licenseScope ?? undefined,
    licenseYears: c.licenseYears ?? undefined,
    sellers: c.sellers.map(party),
    buyers: c.buyers.map(party),
    signedOn: c.signedOn,
    termStart: c.termStart ?? undefined,
    termEnd: c.termEnd ?? undefined,
    amountFen: c.amountFen,
    deductions: { ...c.deductions },
    techField: c.techField,
    ipItems: c.ipItems.map((i) => ({ ...i })),
    implementationDivision: c.implementationDivision ?? undefined,
    brokers: c.brokers.map((b) => ({ personId: b.personId, share: b.share })),
    thirdParties: c.thirdParties.map((tp) => ({ organizationId: tp.organizationId, role: tp.role })),
    declaredRelated: c.declaredRelated,
    fiscalFunded: c.fiscalFunded,
    funding: c.funding.map((f) => ({ ...f })),
  };
}

type Body = Record<string, unknown>;

/** Cleaned form values → the API's ContractInput. */
export function toBody(values: Body): Body {
  const v = values as ContractFormValues;
  const parties = (rows: PartyRow[] | undefined) =>
    (rows ?? []).map((p) =>
      p.kind === 'person'
        ? { personName: p.personName, ...(p.personIdNumber ? { personIdNumber: p.personIdNumber } : {}) }
        : { organizationId: p.organizationId },
    );
  const d = v.deductions ?? {};
  const body: Body = {
    ...values,
    sellers: parties(v.sellers),
    buyers: parties(v.buyers),
    deductions: {
      materialsFen: d.materialsFen ?? 0,
      equipmentFen: d.equipmentFen ?? 0,
      componentsFen: d.componentsFen ?? 0,
      otherFen: d.otherFen ?? 0,
    },
    ipItems: v.ipItems ?? [],
    brokers: (v.brokers ?? []).map((b) => ({ personId: b.personId, share: b.share ?? 1 })),
    thirdParties: v.thirdParties ?? [],
    funding: v.funding ?? [],
    declaredRelated: v.declaredRelated ?? false,
    fiscalFunded: v.fiscalFunded ?? false,
  };
  if (v.type !== 'license') {
    delete body.licenseScope;
    delete body.licenseYears;
  }
  return body;
}

/** 技术交易额 in fen, or null while an amount is missing or not a number. */
function liveTechAmount(amount: Money, deductions: ContractFormValues['deductions']): number | null {
  if (typeof amount !== 'number') return null;
  let total = amount;
  for (const key of ['materialsFen', 'equipmentFen', 'componentsFen', 'otherFen'] as const) {
    const v = deductions?.[key];
    if (v === undefined) continue;
    if (typeof v !== 'number') return null;
    total -= v;
  }
  return total;
}

interface Props extends EditFormProps {
  /** Editing this contract; absent when creating. */
  contract?: Contract;
}

export function ContractForm({ contract, ...props }: Props) {
  const { t } = useI18n();
  const user = useUser();
  const required = useRequiredRule();
  const yuanRule = useYuanRule();
  // An applicant (own scope) usually buys or sells for its own organization: start with it as buyer.
  const ownOrganization = !can(user, PERMISSIONS.contractReview) ? user.organizationIds[0] : undefined;
  const { form, formProps } = useEditForm<ContractFormValues>({
    ...props,
    fields: ERROR_FIELDS,
    record: contract,
    initial: contract
      ? contractToValues(contract)
      : {
          sellers: [{ kind: 'organization' }],
          buyers: [{ kind: 'organization', organizationId: ownOrganization }],
          implementationDivision: user.jurisdictionCode,
          ipItems: [],
          brokers: [],
          thirdParties: [],
          funding: [],
          declaredRelated: false,
          fiscalFunded: false,
        },
    prepare: toBody,
    diff: (previous, next) => changes(toBody(previous), next, CONTRACT_FIELDS),
  });

  const type = Form.useWatch('type', form);
  const amount = Form.useWatch('amountFen', form);
  const deductions = Form.useWatch('deductions', form);
  const techAmount = liveTechAmount(amount, deductions);
  const subtypes = useMemo(() => (type ? CONTRACT_SUBTYPES_OF[type] : []), [type]);

  // The sub-type follows the type: a single choice is made for the user, a foreign one cleared.
  useEffect(() => {
    if (!type) return;
    const current = form.getFieldValue('subtype') as string | undefined;
    if (current && (subtypes as readonly string[]).includes(current)) return;
    form.setFieldValue('subtype', subtypes.length === 1 ? subtypes[0] : undefined);
  }, [type, subtypes, form]);

  const orgLabels = new Map<string, string>();
  const personLabels = new Map<string, string>();
  for (const p of [...(contract?.sellers ?? []), ...(contract?.buyers ?? [])]) if (p.organizationId) orgLabels.set(p.organizationId, p.name);
  for (const tp of contract?.thirdParties ?? []) orgLabels.set(tp.organizationId, tp.name);
  for (const b of contract?.brokers ?? []) personLabels.set(b.personId, b.name);

  const partyList = (side: 'sellers' | 'buyers') => (
    <Form.List name={side}>
      {(fields, { add, remove }, { errors }) => (
        <div data-testid={`contract-${side}`}>
          {fields.map(({ key, name }) => (
            <PartyRowFields
              key={key}
              side={side}
              name={name}
              orgLabels={orgLabels}
              onRemove={fields.length > 1 ? () => remove(name) : undefined}
            />
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ kind: 'organization' })}>
            {t(side === 'sellers' ? 'contract.addSeller' : 'contract.addBuyer')}
          </Button>
        </div>
      )}
    </Form.List>
  );

  return (
    <EditForm {...formProps} data-testid="contract-form">
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('contract.name')} rules={[required(t('contract.name'))]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="type" label={t('contract.type')} rules={[required(t('contract.type'))]}>
            <VocabSelect vocabulary={CONTRACT_TYPES} data-testid="contract-type" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="subtype" label={t('contract.subtype')} rules={[required(t('contract.subtype'))]}>
            <VocabSelect
              vocabulary={{ values: subtypes, label: CONTRACT_SUBTYPES.label }}
              disabled={!type}
              data-testid="contract-subtype"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="techField" label={t('contract.techField')} rules={[required(t('contract.techField'))]}>
            <VocabSelect vocabulary={TECH_FIELDS} data-testid="contract-field" />
          </Form.Item>
        </Col>
        {type === 'license' && (
          <>
            <Col xs={24} md={8}>
              <Form.Item name="licenseScope" label={t('contract.licenseScope')} rules={[required(t('contract.licenseScope'))]}>
                <VocabSelect vocabulary={LICENSE_SCOPES} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="licenseYears" label={t('contract.licenseYears')} rules={[required(t('contract.licenseYears'))]}>
                <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24} md={8}>
          <Form.Item name="signedOn" label={t('contract.signedOn')} rules={[required(t('contract.signedOn'))]} {...dateItem}>
            <DatePicker style={{ width: '100%' }} data-testid="contract-signed-on" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="termStart" label={t('contract.termStart')} {...dateItem}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="termEnd" label={t('contract.termEnd')} {...dateItem}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('contract.parties')}</Divider>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('contract.sellers')}</Typography.Title>
          {partyList('sellers')}
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('contract.buyers')}</Typography.Title>
          {partyList('buyers')}
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('contract.amount')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="amountFen" label={t('contract.amount')} rules={[required(t('contract.amount')), yuanRule]}>
            <YuanInput data-testid="contract-amount" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('contract.deductions')}</Typography.Text>
      <Row gutter={16} style={{ marginTop: 8 }}>
        {(['materialsFen', 'equipmentFen', 'componentsFen', 'otherFen'] as const).map((key) => (
          <Col xs={12} md={6} key={key}>
            <Form.Item
              name={['deductions', key]}
              label={t(`contract.${key.replace('Fen', '')}` as 'contract.materials')}
              rules={[yuanRule]}
            >
              <YuanInput data-testid={`contract-deduction-${key}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Alert
        type={techAmount !== null && techAmount < 0 ? 'error' : 'info'}
        showIcon
        data-testid="contract-tech-amount"
        title={
          techAmount !== null && techAmount < 0 ? (
            t('contract.techAmountNegative')
          ) : (
            <span>
              {t('contract.techAmountLive')}
              <Typography.Text strong>{techAmount === null ? '—' : `${formatFen(techAmount)} 元`}</Typography.Text>
            </span>
          )
        }
      />

      <Divider titlePlacement="start">{t('contract.ipItems')}</Divider>
      <Form.List name="ipItems">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => (
              <Space key={key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[name, 'kind']} rules={[required(t('contract.ipKind'))]}>
                  <VocabSelect vocabulary={IP_KINDS} placeholder={t('contract.ipKind')} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[name, 'number']} rules={[required(t('contract.ipNumber'))]}>
                  <Input placeholder={t('contract.ipNumber')} style={{ width: 260 }} maxLength={60} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ kind: 'patent' })}>
              {t('contract.addIp')}
            </Button>
          </>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('contract.implementation')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="implementationDivision" label={t('contract.implementation')}>
            <DivisionSelect />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('contract.brokers')}</Typography.Text>
      <Form.List name="brokers">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map(({ key, name }) => (
              <Space key={key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[name, 'personId']} rules={[required(t('contract.broker'))]}>
                  <PersonSelect
                    placeholder={t('contract.broker')}
                    style={{ width: 280 }}
                    initialLabel={personLabels.get(form.getFieldValue(['brokers', name, 'personId']) as string)}
                  />
                </Form.Item>
                <Form.Item name={[name, 'share']} label={t('contract.share')}>
                  <InputNumber min={0.0001} max={10000} step={0.1} style={{ width: 110 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ share: 1 })}>
              {t('contract.addBroker')}
            </Button>
          </div>
        )}
      </Form.List>
      <div style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('contract.thirdParties')}</Typography.Text>
      </div>
      <Form.List name="thirdParties">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map(({ key, name }) => (
              <Space key={key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[name, 'organizationId']} rules={[required(t('contract.thirdParty'))]}>
                  <OrganizationSelect
                    placeholder={t('contract.thirdParty')}
                    style={{ width: 300 }}
                    initialLabel={orgLabels.get(form.getFieldValue(['thirdParties', name, 'organizationId']) as string)}
                  />
                </Form.Item>
                <Form.Item name={[name, 'role']} rules={[required(t('contract.role'))]}>
                  <Input placeholder={t('contract.role')} style={{ width: 200 }} maxLength={100} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('contract.addThirdParty')}
            </Button>
          </div>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('contract.funding')}</Divider>
      <Space wrap size="large">
        <Form.Item name="fiscalFunded" valuePropName="checked">
          <Checkbox>{t('contract.fiscalFunded')}</Checkbox>
        </Form.Item>
        <Form.Item name="declaredRelated" valuePropName="checked">
          <Checkbox>{t('contract.declaredRelated')}</Checkbox>
        </Form.Item>
      </Space>
      <Form.List name="funding">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => (
              <Space key={key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[name, 'level']} rules={[required(t('contract.fundingLevel'))]}>
                  <VocabSelect vocabulary={FUNDING_LEVELS} placeholder={t('contract.fundingLevel')} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[name, 'programme']} rules={[required(t('contract.programme'))]}>
                  <Input placeholder={t('contract.programme')} style={{ width: 260 }} maxLength={100} />
                </Form.Item>
                <Form.Item name={[name, 'amountFen']} rules={[required(t('contract.fundingAmount')), yuanRule]}>
                  <YuanInput placeholder={t('contract.fundingAmount')} style={{ width: 180 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('contract.addFunding')}
            </Button>
          </>
        )}
      </Form.List>
    </EditForm>
  );
}

/** One seller or buyer: an organization from the registry, or a natural person (name, optional ID). */
function PartyRowFields({
  side,
  name,
  orgLabels,
  onRemove,
}: {
  side: 'sellers' | 'buyers';
  name: number;
  orgLabels: Map<string, string>;
  onRemove?: () => void;
}) {
  const { t } = useI18n();
  const required = useRequiredRule();
  const form = Form.useFormInstance();
  const kind = Form.useWatch([side, name, 'kind'], form) as PartyRow['kind'];
  return (
    <Space align="baseline" wrap style={{ display: 'flex' }} data-testid={`party-${side}-${name}`}>
      <Form.Item name={[name, 'kind']} initialValue="organization">
        <Radio.Group
          optionType="button"
          size="small"
          options={[
            { value: 'organization', label: t('contract.partyOrganization') },
            { value: 'person', label: t('contract.partyPerson') },
          ]}
        />
      </Form.Item>
      {kind === 'person' ? (
        <>
          <Form.Item name={[name, 'personName']} rules={[required(t('contract.personName'))]}>
            <Input placeholder={t('contract.personName')} style={{ width: 120 }} maxLength={50} />
          </Form.Item>
          <Form.Item name={[name, 'personIdNumber']}>
            <Input placeholder={t('contract.personIdNumber')} style={{ width: 200 }} maxLength={18} />
          </Form.Item>
        </>
      ) : (
        <Form.Item name={[name, 'organizationId']} rules={[required(t('contract.partyOrganization'))]}>
          <ContractPartySelect
            placeholder={t('contract.partyOrganization')}
            style={{ width: 300 }}
            initialLabel={orgLabels.get(form.getFieldValue([side, name, 'organizationId']) as string)}
          />
        </Form.Item>
      )}
      {onRemove && <MinusCircleOutlined onClick={onRemove} aria-label={t('common.remove')} />}
    </Space>
  );
}
