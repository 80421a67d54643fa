/**
 * 信用记录 (/credit): government roles read the jurisdiction's records (filters, export); the operator
 * imports a 失信 list (with its XLSX template) and ends records or decides 信用修复; a unit reads its
 * own records and asks for 信用修复 with evidence. Kinds, sources and states are shown in words.
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Descriptions, Input, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { CREDIT_KINDS, CREDIT_RECORD_STATES, CREDIT_SOURCES, type CreditRecordState } from '../../../../common/credit.js';
import { errorText, isApiError } from '../../api.js';
import { useUser } from '../../auth.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { OrganizationSelect, PersonSelect } from '../../components/pickers.js';
import { EMPTY, formatInstant, text, today } from '../../format.js';
import { can } from '../../permissions.js';
import { NotFoundPage } from '../errors.js';
import {
  type CreditFilters,
  type CreditRecordView,
  creditTemplateUrl,
  creditXlsxUrl,
  repairEvidenceUrl,
  useCreditRecord,
  useCreditRecords,
  useCommitmentBreach,
  useCreateCreditRecord,
  useCreditText,
  useDecideRepair,
  useEndCreditRecord,
  useImportCredit,
  useRequestRepair,
  useUploadRepairEvidence,
} from './credit-model.js';

const STATE_COLORS: Record<CreditRecordState, string> = { in_force: 'red', not_yet: 'gold', expired: 'default', ended: 'green' };

export function CreditStateTag({ record }: { record: Pick<CreditRecordView, 'state' | 'stateLabel'> }) {
  const { vocab, lang } = useCreditText();
  return <Tag color={STATE_COLORS[record.state]} data-testid="credit-state">{lang === 'en' ? vocab(CREDIT_RECORD_STATES, record.state) : record.stateLabel}</Tag>;
}

function usePeriod() {
  const { c } = useCreditText();
  return (r: CreditRecordView) => (r.validTo ? `${r.validFrom} 至 ${r.validTo}` : `${r.validFrom}${c('openEnded')}`);
}

function holderLink(r: CreditRecordView) {
  const path = r.holderType === 'organization' ? `/organizations/${encodeURIComponent(r.holderId)}` : `/people/${encodeURIComponent(r.holderId)}`;
  return <Link to={path}>{r.holderName}</Link>;
}

/** The records of one holder, for the organization and person pages (shown to whoever may read them). */
export function CreditCard({ organizationId, personId }: { organizationId?: string; personId?: string }) {
  const { c, vocab, lang } = useCreditText();
  const user = useUser();
  const allowed = can(user, 'credit.record.read');
  const query = useCreditRecords({ ...(organizationId ? { organizationId } : {}), ...(personId ? { personId } : {}), page: 1, pageSize: 50 }, allowed);
  const period = usePeriod();
  if (!allowed) return null;
  return (
    <Card size="small" title={c('card')} data-testid="credit-card">
      <Table<CreditRecordView>
        size="small"
        rowKey="id"
        pagination={false}
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        locale={{ emptyText: c('none') }}
        columns={[
          { title: c('kind'), render: (_: unknown, r) => <Link to={`/credit/${encodeURIComponent(r.id)}`}>{lang === 'en' ? vocab(CREDIT_KINDS, r.kind) : r.kindLabel}</Link> },
          { title: c('source'), render: (_: unknown, r) => r.sourceName },
          { title: c('document'), render: (_: unknown, r) => text(r.documentNumber) },
          { title: c('period'), render: (_: unknown, r) => period(r) },
          { title: c('state'), render: (_: unknown, r) => <CreditStateTag record={r} /> },
        ]}
      />
    </Card>
  );
}

interface ImportProblem {
  line?: number;
  column?: string;
  value?: string;
  reason: string;
}

function ImportButton() {
  const { c } = useCreditText();
  const { message } = App.useApp();
  const run = useImportCredit();
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  return (
    <>
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          setProblems(null);
          run.mutate(file, {
            onSuccess: (r) => void message.success(c('imported', { created: r.created, unchanged: r.unchanged })),
            onError: (error) => {
              if (isApiError(error) && error.code === 'IMPORT_INVALID') setProblems(error.details as ImportProblem[]);
              else void message.error(errorText(error));
            },
          });
          return false;
        }}
      >
        <Button type="primary" icon={<UploadOutlined />} loading={run.isPending} data-testid="credit-import">{c('import')}</Button>
      </Upload>
      <Modal open={problems !== null} title={c('importFailed')} footer={null} onCancel={() => setProblems(null)} width={760}>
        <Table<ImportProblem & { key: number }>
          size="small"
          pagination={false}
          data-testid="credit-import-problems"
          dataSource={(problems ?? []).map((p, i) => ({ ...p, key: i }))}
          columns={[
            { title: c('line'), dataIndex: 'line', width: 60 },
            { title: c('column'), dataIndex: 'column', width: 140 },
            { title: c('reason'), dataIndex: 'reason' },
          ]}
        />
      </Modal>
    </>
  );
}

/** 登记信用记录 for the operator: a picked organization or person (by name), kind, source, 文号, dates. */
function CreateButton() {
  const { c, vocab } = useCreditText();
  const { message } = App.useApp();
  const create = useCreateCreditRecord();
  const [open, setOpen] = useState(false);
  const [holderKind, setHolderKind] = useState<'organization' | 'person'>('organization');
  const [holder, setHolder] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [source, setSource] = useState<string | undefined>();
  const [sourceName, setSourceName] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [validFrom, setValidFrom] = useState(today());
  const [validTo, setValidTo] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    try {
      await create.mutateAsync({
        ...(holderKind === 'organization' ? { organizationId: holder } : { personId: holder }),
        kind, source, validFrom,
        ...(validTo ? { validTo } : {}),
        ...(sourceName.trim() ? { sourceName: sourceName.trim() } : {}),
        ...(documentNumber.trim() ? { documentNumber: documentNumber.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setOpen(false);
      void message.success(c('done'));
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <>
      <Button onClick={() => { setProblem(null); setOpen(true); }} data-testid="credit-create">{c('create')}</Button>
      <Modal open={open} title={c('createTitle')} okText={c('confirm')} cancelText={c('cancel')} confirmLoading={create.isPending} onOk={() => void confirm()} onCancel={() => setOpen(false)} width={560}>
        <p>{c('createBody')}</p>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select value={holderKind} style={{ width: 160 }} onChange={(v) => { setHolderKind(v); setHolder(undefined); }} aria-label={c('holderKind')}
            options={[{ value: 'organization', label: c('organization') }, { value: 'person', label: c('person') }]} />
          {holderKind === 'organization'
            ? <OrganizationSelect value={holder} onChange={setHolder} placeholder={c('organization')} style={{ width: '100%' }} />
            : <PersonSelect value={holder} onChange={setHolder} placeholder={c('person')} style={{ width: '100%' }} />}
          <Select placeholder={c('kind')} value={kind} onChange={setKind} style={{ width: '100%' }} options={CREDIT_KINDS.values.map((v) => ({ value: v, label: vocab(CREDIT_KINDS, v) }))} />
          <Select placeholder={c('source')} value={source} onChange={setSource} style={{ width: '100%' }} options={CREDIT_SOURCES.values.map((v) => ({ value: v, label: vocab(CREDIT_SOURCES, v) }))} />
          <Input placeholder={c('sourceName')} value={sourceName} onChange={(e) => setSourceName(e.target.value)} />
          <Input placeholder={c('document')} value={documentNumber} onChange={(e) => setDocumentNumber(e.target.value)} />
          <Space>
            <DatePicker value={dayjs(validFrom)} allowClear={false} onChange={(d) => d && setValidFrom(d.format('YYYY-MM-DD'))} placeholder={c('validFrom')} />
            <DatePicker value={validTo ? dayjs(validTo) : null} onChange={(d) => setValidTo(d ? d.format('YYYY-MM-DD') : undefined)} placeholder={c('validTo')} />
          </Space>
          <Input.TextArea rows={2} placeholder={c('note')} value={note} onChange={(e) => setNote(e.target.value)} />
          {problem && <Alert type="error" showIcon message={problem} />}
        </Space>
      </Modal>
    </>
  );
}

/** On an application's page: a false declaration found in review becomes a 违背信用承诺 record in one step. */
export function CommitmentBreachButton({ applicationId, applicantName }: { applicationId: string; applicantName: string }) {
  const { c } = useCreditText();
  const { message } = App.useApp();
  const user = useUser();
  const breach = useCommitmentBreach();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!can(user, 'credit.record.from_application')) return null;
  const confirm = async () => {
    if (reason.trim().length < 4) return setProblem(c('reasonRequired'));
    try {
      await breach.mutateAsync({ applicationId, reason: reason.trim() });
      setOpen(false);
      void message.success(c('breachDone'));
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <>
      <Button danger onClick={() => { setReason(''); setProblem(null); setOpen(true); }} data-testid="commitment-breach">{c('breach')}</Button>
      <Modal open={open} title={c('breachTitle')} okText={c('confirm')} cancelText={c('cancel')} confirmLoading={breach.isPending} onOk={() => void confirm()} onCancel={() => setOpen(false)}>
        <p>{c('breachBody', { holder: applicantName })}</p>
        <Input.TextArea rows={3} placeholder={c('breachReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="commitment-breach-reason" />
        {problem && <Alert type="error" showIcon message={problem} />}
      </Modal>
    </>
  );
}

function CreditList() {
  const { c, vocab } = useCreditText();
  const user = useUser();
  const government = !can(user, 'credit.repair.create');
  const [filters, setFilters] = useState<CreditFilters>({});
  const [page, setPage] = useState(1);
  const query = useCreditRecords({ ...filters, page, pageSize: 20 });
  const period = usePeriod();
  const set = (patch: CreditFilters) => {
    setFilters({ ...filters, ...patch });
    setPage(1);
  };
  const columns: ColumnsType<CreditRecordView> = [
    { title: c('holder'), width: 240, render: (_: unknown, r) => holderLink(r) },
    { title: c('kind'), width: 150, render: (_: unknown, r) => <Link to={`/credit/${encodeURIComponent(r.id)}`} data-testid="credit-record-link">{r.kindLabel}</Link> },
    { title: c('source'), render: (_: unknown, r) => r.sourceName },
    { title: c('document'), render: (_: unknown, r) => text(r.documentNumber) },
    { title: c('period'), width: 220, render: (_: unknown, r) => period(r) },
    { title: c('state'), width: 110, render: (_: unknown, r) => <CreditStateTag record={r} /> },
  ];
  return (
    <>
      <PageHeader
        title={government ? c('title') : c('mine')}
        extra={
          <>
            {can(user, 'credit.record.write') && <CreateButton />}
            {can(user, 'credit.import') && <Button icon={<DownloadOutlined />} href={creditTemplateUrl} data-testid="credit-template">{c('template')}</Button>}
            {can(user, 'credit.import') && <ImportButton />}
            {can(user, 'credit.export') && <Button icon={<DownloadOutlined />} href={creditXlsxUrl(filters)} data-testid="credit-export">{c('export')}</Button>}
          </>
        }
      />
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          {government && <Input.Search allowClear placeholder={c('search')} style={{ width: 220 }} onSearch={(q) => set({ q: q || undefined })} data-testid="credit-search" />}
          <Select allowClear placeholder={c('kind')} style={{ width: 180 }} value={filters.kind} onChange={(v) => set({ kind: v })} options={CREDIT_KINDS.values.map((v) => ({ value: v, label: vocab(CREDIT_KINDS, v) }))} />
          <Select allowClear placeholder={c('source')} style={{ width: 160 }} value={filters.source} onChange={(v) => set({ source: v })} options={CREDIT_SOURCES.values.map((v) => ({ value: v, label: vocab(CREDIT_SOURCES, v) }))} />
          <Select allowClear placeholder={c('state')} style={{ width: 140 }} value={filters.state} onChange={(v) => set({ state: v })} options={CREDIT_RECORD_STATES.values.map((v) => ({ value: v, label: vocab(CREDIT_RECORD_STATES, v) }))} />
        </Space>
        <Table<CreditRecordView>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: government ? c('none') : c('noneOwn') }}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          data-testid="credit-table"
        />
      </Card>
    </>
  );
}

/** 提前结束 for the operator: asks for the date and a reason, says what will happen. */
function EndButton({ record }: { record: CreditRecordView }) {
  const { c } = useCreditText();
  const { message } = App.useApp();
  const user = useUser();
  const end = useEndCreditRecord();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [on, setOn] = useState(today());
  const [problem, setProblem] = useState<string | null>(null);
  if (!can(user, 'credit.record.write') || record.endedOn || record.state === 'expired') return null;
  const confirm = async () => {
    if (reason.trim().length < 2) return setProblem(c('reasonRequired'));
    try {
      await end.mutateAsync({ id: record.id, endedOn: on, reason: reason.trim(), version: record.version });
      setOpen(false);
      void message.success(c('done'));
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <>
      <Button onClick={() => { setReason(''); setProblem(null); setOpen(true); }} data-testid="credit-end">{c('end')}</Button>
      <Modal open={open} title={c('endTitle')} okText={c('confirm')} cancelText={c('cancel')} confirmLoading={end.isPending} onOk={() => void confirm()} onCancel={() => setOpen(false)}>
        <p>{c('endBody', { holder: record.holderName })}</p>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <DatePicker value={dayjs(on)} allowClear={false} onChange={(d) => d && setOn(d.format('YYYY-MM-DD'))} aria-label={c('endDate')} />
          <Input.TextArea rows={3} placeholder={c('endReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="credit-end-reason" />
          {problem && <Alert type="error" showIcon message={problem} />}
        </Space>
      </Modal>
    </>
  );
}

/** 申请信用修复 for the unit: an explanation and evidence files. */
function RepairButton({ record }: { record: CreditRecordView }) {
  const { c } = useCreditText();
  const { message } = App.useApp();
  const user = useUser();
  const ask = useRequestRepair();
  const upload = useUploadRepairEvidence();
  const [open, setOpen] = useState(false);
  const [explanation, setExplanation] = useState('');
  const [files, setFiles] = useState<{ hash: string; fileName: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const pending = record.repairs.some((r) => r.status === 'pending');
  if (!can(user, 'credit.repair.create') || record.holderType !== 'organization' || !user.organizationIds.includes(record.holderId)) return null;
  if (pending || record.state === 'ended' || record.state === 'expired') return null;
  const confirm = async () => {
    try {
      await ask.mutateAsync({ id: record.id, explanation: explanation.trim(), evidence: files });
      setOpen(false);
      void message.success(c('submitted'));
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => { setProblem(null); setOpen(true); }} data-testid="credit-repair">{c('repair')}</Button>
      <Modal open={open} title={c('repairTitle')} okText={c('submit')} cancelText={c('cancel')} confirmLoading={ask.isPending} onOk={() => void confirm()} onCancel={() => setOpen(false)}>
        <p>{c('repairHint')}</p>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={4} placeholder={c('explanation')} value={explanation} onChange={(e) => setExplanation(e.target.value)} data-testid="credit-repair-explanation" />
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file, {
                onSuccess: (f) => setFiles((list) => [...list, { hash: f.hash, fileName: file.name }]),
                onError: (error) => setProblem(errorText(error)),
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="credit-repair-upload">{c('upload')}</Button>
          </Upload>
          {files.map((f) => <span key={f.hash}><PaperClipOutlined /> {f.fileName}</span>)}
          {problem && <Alert type="error" showIcon message={problem} data-testid="credit-repair-problem" />}
        </Space>
      </Modal>
    </>
  );
}

/** 通过修复 / 驳回 for the operator; each asks first, saying what will happen. */
function RepairDecision({ record, repair }: { record: CreditRecordView; repair: CreditRecordView['repairs'][number] }) {
  const { c } = useCreditText();
  const { message } = App.useApp();
  const user = useUser();
  const decide = useDecideRepair();
  const [asking, setAsking] = useState<'approve' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (repair.status !== 'pending' || !can(user, 'credit.repair.review')) return null;
  const confirm = async () => {
    if (asking === 'reject' && reason.trim().length < 2) return setProblem(c('reasonRequired'));
    try {
      await decide.mutateAsync({ id: repair.id, decision: asking!, reason: reason.trim() || undefined, version: repair.version });
      setAsking(null);
      void message.success(c('done'));
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <Space>
      <Button type="primary" onClick={() => { setReason(''); setProblem(null); setAsking('approve'); }} data-testid="credit-repair-approve">{c('approve')}</Button>
      <Button danger onClick={() => { setReason(''); setProblem(null); setAsking('reject'); }} data-testid="credit-repair-reject">{c('reject')}</Button>
      <Modal open={asking !== null} title={asking === 'approve' ? c('approveTitle') : c('rejectTitle')} okText={c('confirm')} cancelText={c('cancel')} confirmLoading={decide.isPending} onOk={() => void confirm()} onCancel={() => setAsking(null)}>
        <p>{asking === 'approve' ? c('approveBody', { holder: record.holderName, kind: record.kindLabel }) : c('rejectBody')}</p>
        <Input.TextArea rows={3} placeholder={c('decisionReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="credit-decision-reason" />
        {problem && <Alert type="error" showIcon message={problem} />}
      </Modal>
    </Space>
  );
}

function CreditDetail() {
  const { id } = useParams();
  const { c, vocab, lang } = useCreditText();
  const query = useCreditRecord(id);
  const period = usePeriod();
  return (
    <QueryGate query={query}>
      {(r) => (
        <div className="tt-page">
          <PageHeader title={`${r.holderName} · ${lang === 'en' ? vocab(CREDIT_KINDS, r.kind) : r.kindLabel}`} back="/credit" tags={<CreditStateTag record={r} />} extra={<><RepairButton record={r} /><EndButton record={r} /></>} />
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="credit-facts" items={[
                { key: 'holder', label: c('holder'), children: holderLink(r) },
                { key: 'kind', label: c('kind'), children: lang === 'en' ? vocab(CREDIT_KINDS, r.kind) : r.kindLabel },
                { key: 'source', label: c('source'), children: r.sourceName },
                { key: 'doc', label: c('document'), children: text(r.documentNumber) },
                { key: 'period', label: c('period'), children: period(r) },
                { key: 'ended', label: c('endedOn'), children: r.endedOn ? `${r.endedOn}：${r.endReason ?? ''}` : EMPTY },
                { key: 'app', label: c('application'), children: r.applicationId ? <Link to={`/applications/${encodeURIComponent(r.applicationId)}`}>{r.applicationNumber}</Link> : EMPTY },
                { key: 'by', label: c('createdBy'), children: `${r.createdByName}（${formatInstant(r.createdAt)}）` },
                { key: 'note', label: c('note'), children: text(r.note), span: 2 },
              ]} />
            </Card>
            <Card size="small" title={c('repairs')} data-testid="credit-repairs">
              {r.repairs.length === 0 && EMPTY}
              {r.repairs.map((p) => (
                <Card key={p.id} size="small" type="inner" title={<Space><Tag>{p.statusLabel}</Tag>{`${c('submittedBy')}：${p.submittedByName}（${formatInstant(p.submittedAt)}）`}</Space>} extra={<RepairDecision record={r} repair={p} />} style={{ marginBottom: 8 }}>
                  <p>{p.explanation}</p>
                  <Space wrap>
                    {p.evidence.map((e) => <a key={e.hash} href={repairEvidenceUrl(p.id, e.hash)} target="_blank" rel="noreferrer"><PaperClipOutlined /> {e.fileName}</a>)}
                  </Space>
                  {p.decidedAt && <p data-testid="credit-repair-decision">{`${c('decidedBy')}：${p.decidedByName ?? ''}（${formatInstant(p.decidedAt)}）${p.decisionReason ? `：${p.decisionReason}` : ''}`}</p>}
                </Card>
              ))}
            </Card>
          </Space>
        </div>
      )}
    </QueryGate>
  );
}

export default function CreditRoutes() {
  return (
    <Routes>
      <Route index element={<CreditList />} />
      <Route path=":id" element={<CreditDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
