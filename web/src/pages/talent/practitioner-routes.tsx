/**
 * 从业人员 (/practitioners): the practitioners in role on a date with filters and the T2 count behind
 * the target; the operator registers a practitioner period, edits it, and ends it (终止任职: an end
 * date). A person's 转化贡献 page (/practitioners/people/:personId/contributions) lists the registered
 * contracts they worked on, with the XLSX download for 职称评审.
 */
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { Button, Card, DatePicker, Form, Input, Space, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { BROKER_LEVELS, EMPLOYMENT, PERSON_ROLES } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { FormModal, patchOf } from '../../components/form-modal.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { OrganizationSelect, PersonSelect } from '../../components/pickers.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem, EMPTY, formatFen, today } from '../../format.js';
import { can } from '../../permissions.js';
import { NotFoundPage } from '../errors.js';
import { type Contributions, type Practitioner, downloads, useContributions, usePractitioners, useSavePractitioner, useTalentText, useUpdatePractitioner } from './model.js';

const PRACTITIONER_ROLE_VOCAB = { values: ['broker', 'transfer_staff'] as const, label: PERSON_ROLES.label };

/** What an edit may change (the schema's practitionerPatch). */
const EDITABLE = ['organizationId', 'level', 'employment', 'certificateNumber', 'validFrom', 'validTo'] as const;

/** The practitioner form, for a new period or an existing one (its person and role then fixed: a new role is a new period). */
function PractitionerFields({ editing }: { editing?: Practitioner }) {
  const { t, vocab } = useTalentText();
  return (<>
    {editing ? (<>
      <Form.Item label={t('person')}>{editing.personName}</Form.Item>
      <Form.Item label={t('role')}>{vocab(PERSON_ROLES, editing.role)}</Form.Item>
    </>) : (<>
      <Form.Item name="personId" label={t('person')} rules={[{ required: true }]}><PersonSelect /></Form.Item>
      <Form.Item name="role" label={t('role')} rules={[{ required: true }]}><VocabSelect vocabulary={PRACTITIONER_ROLE_VOCAB} /></Form.Item>
    </>)}
    <Form.Item name="organizationId" label={t('organization')}><OrganizationSelect initialLabel={editing?.organizationName} /></Form.Item>
    <Form.Item name="level" label={t('level')}><VocabSelect vocabulary={BROKER_LEVELS} /></Form.Item>
    <Form.Item name="employment" label={t('employment')} rules={[{ required: true }]}><VocabSelect vocabulary={EMPLOYMENT} /></Form.Item>
    <Form.Item name="certificateNumber" label={t('certificate')}><Input /></Form.Item>
    <Space wrap>
      <Form.Item name="validFrom" label={t('validFrom')} rules={[{ required: true }]} {...dateItem}><DatePicker data-testid="practitioner-valid-from" /></Form.Item>
      <Form.Item name="validTo" label={t('validTo')} extra={editing && t('endHint')} {...dateItem}><DatePicker data-testid="practitioner-valid-to" /></Form.Item>
    </Space>
  </>);
}

function AddPractitionerButton() {
  const { t } = useTalentText();
  const save = useSavePractitioner();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="practitioner-new">{t('addPractitioner')}</Button>
      {open && (
        <FormModal<Record<string, unknown>> open title={t('addPractitioner')} onClose={() => setOpen(false)} onSubmit={(v) => save.mutateAsync(v)}
          initialValues={{ role: 'broker', employment: 'full_time' }} testId="practitioner-new">
          {() => <PractitionerFields />}
        </FormModal>
      )}
    </>
  );
}

function EditPractitioner({ row, onClose }: { row: Practitioner; onClose: () => void }) {
  const { t } = useTalentText();
  const update = useUpdatePractitioner();
  const initial = {
    organizationId: row.organizationId ?? undefined, level: row.level ?? undefined, employment: row.employment,
    certificateNumber: row.certificateNumber ?? undefined, validFrom: row.validFrom, validTo: row.validTo ?? undefined,
  };
  return (
    <FormModal<Record<string, unknown>> open title={`${t('editPractitioner')}：${row.personName ?? ''}`} onClose={onClose} initialValues={initial} testId="practitioner-edit"
      onSubmit={async (v) => {
        const patch = patchOf(row, initial, v, EDITABLE);
        if (patch) await update.mutateAsync({ id: row.id, ...patch, version: row.version });
      }}>
      {() => <PractitionerFields editing={row} />}
    </FormModal>
  );
}

/** Any registry person's contributions (researchers are not practitioners): pick and open. */
function ContributionsLookup() {
  const { t } = useTalentText();
  const navigate = useNavigate();
  const [person, setPerson] = useState<string | undefined>();
  return (
    <Space>
      <PersonSelect value={person} onChange={setPerson} placeholder={t('person')} style={{ width: 240 }} />
      <Button disabled={!person} onClick={() => navigate(`/practitioners/people/${person}/contributions`)} data-testid="contributions-open">{t('contributions')}</Button>
    </Space>
  );
}

function PractitionerList() {
  const { t, vocab } = useTalentText();
  const user = useUser();
  const [asOf, setAsOf] = useState(today());
  const [role, setRole] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const [employment, setEmployment] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Practitioner | null>(null);
  const query = usePractitioners({ asOf, role, level, employment, q: q || undefined, page, pageSize: 20 });
  const columns: ColumnsType<Practitioner> = [
    {
      title: t('person'),
      width: 160,
      render: (_: unknown, row) => (
        <Space>
          {can(user, 'talent.contribution.read') ? <Link to={`/practitioners/people/${row.personId}/contributions`}>{row.personName}</Link> : row.personName}
          <DemoTag isDemo={row.isDemo} />
        </Space>
      ),
    },
    { title: t('role'), width: 200, render: (_: unknown, row) => vocab(PERSON_ROLES, row.role) },
    { title: t('organization'), width: 220, render: (_: unknown, row) => row.organizationName ?? EMPTY },
    { title: t('level'), width: 90, render: (_: unknown, row) => (row.level ? vocab(BROKER_LEVELS, row.level) : EMPTY) },
    { title: t('employment'), width: 80, render: (_: unknown, row) => vocab(EMPLOYMENT, row.employment) },
    { title: t('certificate'), width: 220, render: (_: unknown, row) => row.certificateNumber ?? EMPTY },
    { title: t('validFrom'), dataIndex: 'validFrom', width: 110 },
    { title: t('validTo'), width: 110, render: (_: unknown, row) => row.validTo ?? EMPTY },
    ...(can(user, 'talent.practitioner.write')
      ? [{
          title: '', width: 90,
          render: (_: unknown, row: Practitioner) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(row)} data-testid="practitioner-edit">{t('edit')}</Button>,
        }]
      : []),
  ];
  const t2 = query.data?.t2;
  return (
    <>
      <PageHeader title={t('practitioners')} extra={<Space>{can(user, 'talent.contribution.read') && <ContributionsLookup />}{can(user, 'talent.practitioner.write') && <AddPractitionerButton />}</Space>} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {t2 && (
          <Card size="small" data-testid="t2-card">
            <Space size="large" wrap>
              <Statistic title={t('t2')} value={t2.total} data-testid="t2-total" />
              {t2.byRole.map((r) => <Statistic key={r.key} title={vocab(PERSON_ROLES, r.key)} value={r.n} />)}
              {t2.byEmployment.map((r) => <Statistic key={r.key} title={r.key === 'unspecified' ? EMPTY : vocab(EMPLOYMENT, r.key)} value={r.n} />)}
            </Space>
          </Card>
        )}
        <Card>
          <Space wrap style={{ marginBottom: 12 }}>
            <DatePicker allowClear={false} value={dayjs(asOf)} onChange={(v) => { if (v) { setAsOf(v.format('YYYY-MM-DD')); setPage(1); } }} aria-label={t('asOf')} />
            <Input.Search allowClear placeholder={t('search')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 200 }} />
            <VocabSelect vocabulary={PRACTITIONER_ROLE_VOCAB} placeholder={t('role')} value={role} onChange={(v) => { setRole(v as string | undefined); setPage(1); }} style={{ width: 200 }} />
            <VocabSelect vocabulary={BROKER_LEVELS} placeholder={t('level')} value={level} onChange={(v) => { setLevel(v as string | undefined); setPage(1); }} style={{ width: 120 }} />
            <VocabSelect vocabulary={EMPLOYMENT} placeholder={t('employment')} value={employment} onChange={(v) => { setEmployment(v as string | undefined); setPage(1); }} style={{ width: 120 }} />
          </Space>
          <Table<Practitioner>
            rowKey="id"
            size="middle"
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            columns={columns}
            scroll={{ x: 1300 }}
            pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            data-testid="practitioners-table"
          />
        </Card>
      </Space>
      {editing && <EditPractitioner row={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ContributionsPage() {
  const { personId } = useParams();
  const { t } = useTalentText();
  const query = useContributions(personId);
  const columns: ColumnsType<Contributions['items'][number]> = [
    { title: t('registrationNumber'), dataIndex: 'registrationNumber', width: 170, render: (n: string, row) => <Link to={`/contracts/${row.contractId}`}>{n}</Link> },
    { title: t('contract'), dataIndex: 'name' },
    { title: t('type'), dataIndex: 'typeLabel', width: 100 },
    { title: t('registeredOn'), dataIndex: 'registeredOn', width: 110 },
    { title: t('myRole'), dataIndex: 'roleLabel', width: 120, render: (label: string) => <Tag>{label}</Tag> },
    { title: t('share'), width: 90, render: (_: unknown, row) => (row.brokerShare === null ? EMPTY : `${Math.round(row.brokerShare * 100)}%`) },
    { title: t('techAmount'), width: 150, align: 'right', render: (_: unknown, row) => formatFen(row.techAmountFen) },
  ];
  return (
    <QueryGate query={query}>
      {(c) => (
        <>
          <PageHeader
            title={`${c.person.name} · ${t('contributions')}`}
            back="/practitioners"
            extra={<Button icon={<DownloadOutlined />} href={downloads.contributions(c.person.id)} data-testid="contributions-xlsx">{t('exportXlsx')}</Button>}
          />
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('byType')}>
              <Space size="large" wrap>
                <Statistic title={t('contracts')} value={c.total.contracts} />
                <Statistic title={t('techAmount')} value={formatFen(c.total.techAmountFen)} />
                {c.byType.map((b) => <Statistic key={b.type} title={b.typeLabel} value={`${b.contracts} / ${formatFen(b.techAmountFen)}`} />)}
              </Space>
            </Card>
            <Card>
              <Table rowKey={(r) => `${r.contractId}-${r.role}`} size="middle" pagination={false} dataSource={c.items} columns={columns} data-testid="contributions-table" />
            </Card>
          </Space>
        </>
      )}
    </QueryGate>
  );
}

export default function PractitionerRoutes() {
  return (
    <Routes>
      <Route index element={<PractitionerList />} />
      <Route path="people/:personId/contributions" element={<ContributionsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
