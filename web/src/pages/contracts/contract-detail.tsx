/**
 * A technology contract's page: the workflow panel (status, deadline, the moves the user may make,
 * the history with each submission's deadline), every registration field, the related-party
 * finding, the payments ledger, the researchers named on it and — for auditors — the audit trail. Drafts and contracts awaiting
 * materials open the edit drawer.
 */
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Drawer, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import {
  CONTRACT_STATUSES,
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  CONTRACT_TYPES_2001,
  FUNDING_LEVELS,
  IP_KINDS,
  LICENSE_SCOPES,
  ORGANIZATION_KINDS,
  REJECTION_REASONS,
  TECH_FIELDS,
} from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { AuditTable } from '../../components/audit-table.js';
import { DemoTag } from '../../components/demo-tag.js';
import { DetailTableCard } from '../../components/detail-table-card.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { EMPTY, formatInstant, formatPercent, text } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { can, PERMISSIONS } from '../../permissions.js';
import { useContract, useUpdateContract } from '../../queries.js';
import type { Contract, ContractDetail, ContractParty, ContractStep } from '../../types.js';
import { useTalentText } from '../talent/model.js';
import { partyLabel, StatusTag, Yuan } from './contract-bits.js';
import { ContractActions } from './contract-actions.js';
import { ContractForm } from './contract-form.js';
import { PaymentsTab } from './payments-tab.js';
import { RelatedPartiesCard } from './related-parties.js';
import { ResearchersTab } from './researchers-tab.js';
import { ContractPricingCard } from '../pricing/contract-pricing.js';

const EDITABLE = new Set(['draft', 'materials_requested']);

export default function ContractDetailPage() {
  const { id = '' } = useParams();
  const query = useContract(id);
  return <QueryGate query={query}>{(contract) => <ContractView contract={contract} onReload={() => void query.refetch()} />}</QueryGate>;
}

function ContractView({ contract, onReload }: { contract: ContractDetail; onReload: () => void }) {
  const { t } = useI18n();
  const talent = useTalentText().t;
  const { message } = App.useApp();
  const user = useUser();
  const update = useUpdateContract(contract.id);
  const [editing, setEditing] = useState(false);
  const [opened, setOpened] = useState(0);
  const editable = EDITABLE.has(contract.status) && can(user, PERMISSIONS.contractUpdate);

  return (
    <div className="tt-page">
      <PageHeader
        back="/contracts"
        title={contract.name}
        tags={
          <>
            <StatusTag status={contract.status} />
            <DemoTag isDemo={contract.isDemo} />
          </>
        }
        extra={
          editable && (
            <Button
              icon={<EditOutlined />}
              onClick={() => {
                setOpened((n) => n + 1);
                setEditing(true);
              }}
              data-testid="edit-button"
            >
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'overview', label: t('common.basic'), children: <Overview contract={contract} onReload={onReload} /> },
          { key: 'payments', label: t('contract.payments'), children: <PaymentsTab contract={contract} /> },
          { key: 'researchers', label: talent('researchers'), children: <ResearchersTab contractId={contract.id} /> },
          ...(can(user, PERMISSIONS.auditRead)
            ? [{ key: 'audit', label: t('audit.tab'), children: <AuditTable subjectType="contract" subjectId={contract.id} /> }]
            : []),
        ]}
      />
      <Drawer title={t('contract.edit')} open={editing} onClose={() => setEditing(false)} size={980} destroyOnHidden>
        <Fragment key={`${contract.version}-${opened}`}>
          <ContractForm
            contract={contract}
            submitting={update.isPending}
            onCancel={() => setEditing(false)}
            onReload={onReload}
            onSubmit={async (body) => {
              await update.mutateAsync(body as Record<string, unknown> & { version: number });
              void message.success(t('common.saved'));
              setEditing(false);
            }}
          />
        </Fragment>
      </Drawer>
    </div>
  );
}

function Overview({ contract, onReload }: { contract: ContractDetail; onReload: () => void }) {
  const { t, vocab } = useI18n();
  const personWord = t('contract.partyPerson');

  const partyColumns = [
    {
      title: t('org.name'),
      key: 'name',
      render: (_: unknown, p: ContractParty) =>
        p.organizationId ? <Link to={`/organizations/${encodeURIComponent(p.organizationId)}`}>{p.name}</Link> : partyLabel(p, personWord),
    },
    { title: t('org.uscc'), dataIndex: 'uscc', render: (v: string | null) => (v ? <code>{v}</code> : EMPTY) },
    { title: t('org.kind'), dataIndex: 'kind', render: (v: string | null) => (v ? vocab(ORGANIZATION_KINDS, v) : personWord) },
    { title: t('org.divisionCode'), dataIndex: 'divisionCode', render: (v: string | null) => text(v) },
  ];
  const d = contract.deductions;
  const deductionText = (['materialsFen', 'equipmentFen', 'componentsFen', 'otherFen'] as const)
    .filter((k) => d[k] > 0)
    .map((k) => (
      <span key={k} style={{ marginRight: 12 }}>
        {t(`contract.${k.replace('Fen', '')}` as 'contract.materials')} <Yuan fen={d[k]} />
      </span>
    ));

  const fields = (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="contract-descriptions"
      items={[
        { key: 'type', label: t('contract.type'), children: `${vocab(CONTRACT_TYPES, contract.type)}／${vocab(CONTRACT_SUBTYPES, contract.subtype)}` },
        { key: 'type2001', label: t('contract.type2001'), children: vocab(CONTRACT_TYPES_2001, contract.type2001) },
        ...(contract.type === 'license'
          ? [
              { key: 'licenseScope', label: t('contract.licenseScope'), children: contract.licenseScope ? vocab(LICENSE_SCOPES, contract.licenseScope) : EMPTY },
              { key: 'licenseYears', label: t('contract.licenseYears'), children: text(contract.licenseYears) },
            ]
          : []),
        { key: 'techField', label: t('contract.techField'), children: vocab(TECH_FIELDS, contract.techField) },
        { key: 'signedOn', label: t('contract.signedOn'), children: contract.signedOn },
        {
          key: 'term',
          label: t('contract.term'),
          children: contract.termStart || contract.termEnd ? `${text(contract.termStart)} ~ ${text(contract.termEnd)}` : EMPTY,
        },
        { key: 'implementation', label: t('contract.implementation'), children: text(contract.implementationDivisionName ?? contract.implementationDivision) },
        { key: 'amount', label: t('contract.amount'), children: <Yuan fen={contract.amountFen} strong /> },
        { key: 'techAmount', label: t('contract.techAmount'), children: <span data-testid="contract-tech-amount-value"><Yuan fen={contract.techAmountFen} strong /></span> },
        { key: 'deductions', label: t('contract.deductions'), children: deductionText.length ? deductionText : EMPTY, span: 2 },
        { key: 'registrationNumber', label: t('contract.registrationNumber'), children: contract.registrationNumber ? <code data-testid="registration-number-value">{contract.registrationNumber}</code> : EMPTY },
        { key: 'registeredOn', label: t('contract.registeredOn'), children: text(contract.registeredOn) },
        { key: 'registrationOffice', label: t('contract.registrationOffice'), children: text(contract.registrationOffice?.name) },
        { key: 'fiscalFunded', label: t('contract.fiscalFunded'), children: contract.fiscalFunded ? t('common.yes') : t('common.no') },
        { key: 'declaredRelated', label: t('contract.declaredRelated'), children: contract.declaredRelated ? t('common.yes') : t('common.no') },
        { key: 'version', label: t('common.version'), children: contract.version },
        { key: 'updatedAt', label: t('common.updatedAt'), children: formatInstant(contract.updatedAt) },
      ]}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <WorkflowPanel contract={contract} onReload={onReload} />
      <ContractPricingCard contract={contract} />
      {fields}
      <DetailTableCard<ContractParty>
        title={t('contract.sellers')}
        rowKey={(p) => p.organizationId ?? `${p.name}-${p.personIdMasked ?? ''}`}
        columns={partyColumns}
        dataSource={contract.sellers}
      />
      <DetailTableCard<ContractParty>
        title={t('contract.buyers')}
        rowKey={(p) => p.organizationId ?? `${p.name}-${p.personIdMasked ?? ''}`}
        columns={partyColumns}
        dataSource={contract.buyers}
      />
      <RelatedPartiesCard contractId={contract.id} />
      <DetailTableCard<Contract['ipItems'][number]>
        title={t('contract.ipItems')}
        rowKey={(i) => `${i.kind}-${i.number}`}
        columns={[
          { title: t('contract.ipKind'), dataIndex: 'kind', render: (v: string) => vocab(IP_KINDS, v) },
          { title: t('contract.ipNumber'), dataIndex: 'number', render: (v: string) => <code>{v}</code> },
        ]}
        dataSource={contract.ipItems}
      />
      <DetailTableCard<Contract['brokers'][number]>
        title={t('contract.brokers')}
        rowKey="personId"
        columns={[
          { title: t('contract.broker'), dataIndex: 'name', render: (name: string, b) => <Link to={`/people/${encodeURIComponent(b.personId)}`}>{name || b.personId}</Link> },
          {
            title: t('contract.share'),
            dataIndex: 'share',
            render: (share: number) => {
              const total = contract.brokers.reduce((sum, b) => sum + b.share, 0);
              return `${share}（${formatPercent((share / total) * 100)}）`;
            },
          },
        ]}
        dataSource={contract.brokers}
      />
      <DetailTableCard<Contract['thirdParties'][number]>
        title={t('contract.thirdParties')}
        rowKey="organizationId"
        columns={[
          { title: t('contract.thirdParty'), dataIndex: 'name', render: (name: string, tp) => <Link to={`/organizations/${encodeURIComponent(tp.organizationId)}`}>{name || tp.organizationId}</Link> },
          { title: t('contract.role'), dataIndex: 'role' },
        ]}
        dataSource={contract.thirdParties}
      />
      <DetailTableCard<Contract['funding'][number]>
        title={t('contract.funding')}
        rowKey={(f) => `${f.level}-${f.programme}`}
        columns={[
          { title: t('contract.fundingLevel'), dataIndex: 'level', render: (v: string) => vocab(FUNDING_LEVELS, v) },
          { title: t('contract.programme'), dataIndex: 'programme' },
          { title: t('contract.fundingAmount'), dataIndex: 'amountFen', align: 'right' as const, render: (fen: number) => <Yuan fen={fen} /> },
        ]}
        dataSource={contract.funding}
      />
    </Space>
  );
}

function WorkflowPanel({ contract, onReload }: { contract: ContractDetail; onReload: () => void }) {
  const { t, vocab } = useI18n();
  const deadline = contract.deadline;

  const columns: ColumnsType<ContractStep> = [
    { title: '#', dataIndex: 'seq', width: 50 },
    {
      title: t('contract.step'),
      key: 'step',
      width: 230,
      render: (_: unknown, s) =>
        s.from ? (
          <Space size={4}>
            <span className="tt-muted">{vocab(CONTRACT_STATUSES, s.from)}</span>→<StatusTag status={s.to} />
          </Space>
        ) : (
          <Space size={4}>
            {t('contract.created')}
            <StatusTag status={s.to} />
          </Space>
        ),
    },
    { title: t('contract.stepDate'), dataIndex: 'onDate', width: 110, render: (d: string, s) => <Tooltip title={formatInstant(s.at)}>{d}</Tooltip> },
    { title: t('contract.stepActor'), dataIndex: 'actorName', width: 170 },
    {
      title: t('contract.statusNote'),
      key: 'note',
      render: (_: unknown, s) => (
        <>
          {s.reason && <Tag color="red">{vocab(REJECTION_REASONS, s.reason)}</Tag>}
          {text(s.note)}
        </>
      ),
    },
    {
      title: t('contract.stepDeadline'),
      key: 'deadline',
      width: 300,
      render: (_: unknown, s) => {
        const dl = s.deadline;
        if (!dl) return EMPTY;
        return (
          <Space size={4} wrap data-testid="step-deadline">
            <span>
              {dl.period} → {dl.due}
            </span>
            {dl.decidedOn ? (
              <Tag color={dl.overdue ? 'red' : 'green'}>
                {t('contract.decidedOn', { date: dl.decidedOn })} · {t(dl.overdue ? 'contract.overdue' : 'contract.inTime')}
              </Tag>
            ) : (
              <Tag color={dl.overdue ? 'red' : 'blue'}>{t(dl.overdue ? 'contract.overdue' : 'contract.pending')}</Tag>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Card size="small" title={t('contract.workflow')} data-testid="workflow-panel" extra={<ContractActions contract={contract} onReload={onReload} />}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'status', label: t('contract.currentStatus'), children: <StatusTag status={contract.status} /> },
          ...(deadline
            ? [
                {
                  key: 'deadline',
                  label: t('contract.deadline'),
                  span: 2,
                  children: (
                    <Space size={4}>
                      <Typography.Text data-testid="current-deadline">
                        {t('contract.deadlineText', { period: deadline.period, from: deadline.from, due: deadline.due })}
                      </Typography.Text>
                      {!deadline.calendarComplete && (
                        <Tooltip title={t('contract.calendarIncomplete', { years: deadline.uncoveredYears.join('、') })}>
                          <Tag color="warning" data-testid="calendar-incomplete">{t('contract.calendarIncompleteTag')}</Tag>
                        </Tooltip>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
          ...(contract.registrationNumber
            ? [{ key: 'reg', label: t('contract.registrationNumber'), children: <code>{contract.registrationNumber}</code> }]
            : []),
          ...(contract.rejectionReason
            ? [{ key: 'reason', label: t('contract.rejectionReason'), children: vocab(REJECTION_REASONS, contract.rejectionReason) }]
            : []),
          ...(contract.statusNote ? [{ key: 'note', label: t('contract.statusNote'), children: contract.statusNote }] : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('contract.history')}
      </Typography.Title>
      <Table<ContractStep>
        size="small"
        rowKey="seq"
        columns={columns}
        dataSource={contract.steps}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="contract-history"
      />
    </Card>
  );
}
