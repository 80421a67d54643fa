/**
 * 复查 (/reexaminations): the cases of the jurisdiction with filters (decision kind, state, verdict) and
 * the Excel export; a case opens on the decision as frozen — outcome, reason, facts, evidence files by
 * name (downloadable where the reader may read the decision's own files) — the grounds, and, while
 * open, the conclusion form for an operator other than the decision-maker. The evaluator reads only.
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { DECISION_KINDS, REEXAMINATION_STATUSES, REEXAMINATION_VERDICTS, VERDICTS_NEEDING_CORRECTION, type ReexaminationVerdict } from '../../../../common/reexamination.js';
import { errorText } from '../../api.js';
import { useUser } from '../../auth.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { EMPTY, formatInstant, text } from '../../format.js';
import { can } from '../../permissions.js';
import { NotFoundPage } from '../errors.js';
import {
  type ReexaminationCase,
  type ReexaminationFilters,
  reexaminationEvidenceUrl,
  reexaminationsXlsxUrl,
  useConcludeReexamination,
  useReexamination,
  useReexaminations,
  useReexaminationText,
} from './model.js';

const VERDICT_COLORS: Record<ReexaminationVerdict, string> = { diligent: 'green', erred_but_diligent: 'gold', not_diligent: 'red' };

function StatusTag({ c }: { c: ReexaminationCase }) {
  const { vocab } = useReexaminationText();
  return <Tag color={c.status === 'open' ? 'processing' : 'default'} data-testid="reexamination-status">{vocab(REEXAMINATION_STATUSES, c.status)}</Tag>;
}

function VerdictTag({ c }: { c: ReexaminationCase }) {
  const { vocab } = useReexaminationText();
  if (!c.verdict) return <>{EMPTY}</>;
  return <Tag color={VERDICT_COLORS[c.verdict]} data-testid="reexamination-verdict">{vocab(REEXAMINATION_VERDICTS, c.verdict)}</Tag>;
}

function CaseList() {
  const { r, vocab } = useReexaminationText();
  const user = useUser();
  const [filters, setFilters] = useState<ReexaminationFilters>({});
  const [page, setPage] = useState(1);
  const query = useReexaminations({ ...filters, page, pageSize: 20 });
  const set = (patch: ReexaminationFilters) => {
    setFilters({ ...filters, ...patch });
    setPage(1);
  };
  const columns: ColumnsType<ReexaminationCase> = [
    { title: r('number'), width: 150, render: (_: unknown, c) => <Link to={`/reexaminations/${encodeURIComponent(c.id)}`} data-testid="reexamination-link">{c.number}</Link> },
    { title: r('kind'), width: 140, render: (_: unknown, c) => vocab(DECISION_KINDS, c.decisionKind) },
    { title: r('decision'), render: (_: unknown, c) => c.snapshot.subject },
    { title: r('outcome'), width: 160, render: (_: unknown, c) => c.snapshot.outcome },
    { title: r('decider'), width: 130, render: (_: unknown, c) => c.snapshot.deciderName },
    { title: r('requestedAt'), width: 160, render: (_: unknown, c) => formatInstant(c.requestedAt) },
    { title: r('status'), width: 90, render: (_: unknown, c) => <StatusTag c={c} /> },
    { title: r('verdict'), width: 220, render: (_: unknown, c) => <VerdictTag c={c} /> },
  ];
  return (
    <>
      <PageHeader
        title={r('title')}
        extra={can(user, 'reexamination.export') && <Button icon={<DownloadOutlined />} href={reexaminationsXlsxUrl(filters)} data-testid="reexaminations-export">{r('export')}</Button>}
      />
      <Card>
        <Typography.Paragraph type="secondary">{r('intro')}</Typography.Paragraph>
        {!can(user, 'reexamination.case.conclude') && <Alert type="info" showIcon message={r('readOnly')} style={{ marginBottom: 12 }} data-testid="reexamination-read-only" />}
        <Space style={{ marginBottom: 12 }} wrap>
          <Select allowClear placeholder={r('kind')} style={{ width: 180 }} value={filters.decisionKind} onChange={(v) => set({ decisionKind: v })}
            options={DECISION_KINDS.values.map((v) => ({ value: v, label: vocab(DECISION_KINDS, v) }))} data-testid="reexamination-kind-filter" />
          <Select allowClear placeholder={r('status')} style={{ width: 130 }} value={filters.status} onChange={(v) => set({ status: v })}
            options={REEXAMINATION_STATUSES.values.map((v) => ({ value: v, label: vocab(REEXAMINATION_STATUSES, v) }))} data-testid="reexamination-status-filter" />
          <Select allowClear placeholder={r('verdict')} style={{ width: 240 }} value={filters.verdict} onChange={(v) => set({ verdict: v })}
            options={REEXAMINATION_VERDICTS.values.map((v) => ({ value: v, label: vocab(REEXAMINATION_VERDICTS, v) }))} data-testid="reexamination-verdict-filter" />
        </Space>
        <Table<ReexaminationCase>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: r('none') }}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          data-testid="reexaminations-table"
        />
      </Card>
    </>
  );
}

/** 办结复查: the verdict in words, the findings, the corrective measure; confirms, saying it is irreversible. */
function ConclusionForm({ c }: { c: ReexaminationCase }) {
  const { r, vocab } = useReexaminationText();
  const { message } = App.useApp();
  const user = useUser();
  const conclude = useConcludeReexamination(c.id);
  const [verdict, setVerdict] = useState<ReexaminationVerdict | undefined>();
  const [findings, setFindings] = useState('');
  const [measure, setMeasure] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  if (c.status !== 'open' || !can(user, 'reexamination.case.conclude')) return null;
  if (c.decidedByReader) return <Alert type="warning" showIcon message={r('ownDecision')} data-testid="reexamination-own-decision" />;
  const needsMeasure = !!verdict && VERDICTS_NEEDING_CORRECTION.includes(verdict);
  const check = () => {
    if (!verdict) return setProblem(r('verdictRequired'));
    if (findings.trim().length < 4) return setProblem(r('findingsRequired'));
    if (needsMeasure && !measure.trim()) return setProblem(r('correctiveRequired'));
    setProblem(null);
    setConfirming(true);
  };
  const confirm = async () => {
    try {
      await conclude.mutateAsync({ verdict: verdict!, findings: findings.trim(), ...(measure.trim() ? { correctiveMeasure: measure.trim() } : {}), version: c.version });
      setConfirming(false);
      void message.success(r('concluded'));
    } catch (error) {
      setConfirming(false);
      setProblem(errorText(error));
    }
  };
  return (
    <Card size="small" title={r('conclude')} data-testid="reexamination-conclusion-form">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select placeholder={r('verdictPlaceholder')} value={verdict} onChange={setVerdict} style={{ width: 320 }} data-testid="reexamination-verdict-select"
          options={REEXAMINATION_VERDICTS.values.map((v) => ({ value: v, label: vocab(REEXAMINATION_VERDICTS, v) }))} />
        <Input.TextArea rows={4} maxLength={4000} showCount placeholder={r('findingsPlaceholder')} value={findings} onChange={(e) => setFindings(e.target.value)} data-testid="reexamination-findings" />
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={r('correctivePlaceholder')} value={measure} onChange={(e) => setMeasure(e.target.value)} data-testid="reexamination-corrective" />
        {problem && <Alert type="error" showIcon message={problem} data-testid="reexamination-conclude-problem" />}
        <Button type="primary" onClick={check} data-testid="reexamination-conclude">{r('conclude')}</Button>
      </Space>
      <Modal open={confirming} title={r('concludeTitle')} okText={r('confirm')} cancelText={r('cancel')} confirmLoading={conclude.isPending} onOk={() => void confirm()} onCancel={() => setConfirming(false)}
        okButtonProps={{ danger: true, 'data-testid': 'reexamination-conclude-ok' } as never}>
        <p data-testid="reexamination-conclude-text">{r('concludeBody', { verdict: verdict ? vocab(REEXAMINATION_VERDICTS, verdict) : '', measure: measure.trim() ? r('concludeMeasure') : '' })}</p>
      </Modal>
    </Card>
  );
}

function CaseDetail() {
  const { id } = useParams();
  const { r, vocab } = useReexaminationText();
  const query = useReexamination(id);
  return (
    <QueryGate query={query}>
      {(c) => (
        <div className="tt-page">
          <PageHeader title={`${r('title')} ${c.number}`} back="/reexaminations" tags={<><StatusTag c={c} /><VerdictTag c={c} /></>} />
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={r('snapshot')} data-testid="reexamination-snapshot">
              <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
                { key: 'kind', label: r('kind'), children: vocab(DECISION_KINDS, c.decisionKind) },
                { key: 'subject', label: r('decision'), children: c.snapshot.subject },
                { key: 'outcome', label: r('outcome'), children: <span data-testid="reexamination-outcome">{c.snapshot.outcome}</span> },
                { key: 'reason', label: r('reason'), children: <span data-testid="reexamination-reason">{text(c.snapshot.reason)}</span> },
                { key: 'decider', label: r('decider'), children: c.snapshot.deciderName },
                { key: 'at', label: r('decidedAt'), children: formatInstant(c.snapshot.decidedAt) },
                ...c.snapshot.facts.map((f, i) => ({ key: `fact-${i}`, label: f.label, children: f.value, span: 2 })),
                { key: 'hash', label: r('snapshotHash'), children: <Typography.Text code>{c.snapshotHash.slice(0, 16)}</Typography.Text>, span: 2 },
              ]} />
            </Card>
            <Card size="small" title={r('evidence')} data-testid="reexamination-evidence">
              {c.snapshot.evidence.length === 0 && r('noEvidence')}
              {c.snapshot.evidence.length > 0 && !c.evidenceReadable && <Alert type="info" showIcon message={r('evidenceNotReadable')} style={{ marginBottom: 8 }} />}
              <Space orientation="vertical">
                {c.snapshot.evidence.map((e) => (
                  <span key={e.hash}>
                    {c.evidenceReadable
                      ? <a href={reexaminationEvidenceUrl(c.id, e.hash)} target="_blank" rel="noreferrer" data-testid="reexamination-evidence-link"><PaperClipOutlined /> {e.fileName}</a>
                      : <span data-testid="reexamination-evidence-name"><PaperClipOutlined /> {e.fileName}</span>}
                    {' '}<Typography.Text type="secondary">{r('evidenceHash')} {e.hash.slice(0, 8)}…</Typography.Text>
                  </span>
                ))}
              </Space>
            </Card>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="reexamination-facts" items={[
                { key: 'by', label: r('requestedBy'), children: c.requestedByName },
                { key: 'at', label: r('requestedAt'), children: formatInstant(c.requestedAt) },
                { key: 'grounds', label: r('grounds'), children: <span data-testid="reexamination-grounds-text">{c.grounds}</span>, span: 2 },
                ...(c.concludedAt
                  ? [
                      { key: 'verdict', label: r('verdict'), children: <VerdictTag c={c} />, span: 2 },
                      { key: 'findings', label: r('findings'), children: <span data-testid="reexamination-findings-text">{text(c.findings)}</span>, span: 2 },
                      { key: 'measure', label: r('corrective'), children: text(c.correctiveMeasure), span: 2 },
                      { key: 'cby', label: r('concludedBy'), children: text(c.concludedByName) },
                      { key: 'cat', label: r('concludedAt'), children: formatInstant(c.concludedAt) },
                    ]
                  : []),
              ]} />
            </Card>
            <ConclusionForm c={c} />
          </Space>
        </div>
      )}
    </QueryGate>
  );
}

export default function ReexaminationRoutes() {
  return (
    <Routes>
      <Route index element={<CaseList />} />
      <Route path=":id" element={<CaseDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
