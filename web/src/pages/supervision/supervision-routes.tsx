/**
 * /supervision (督办): the board of a plan — measure × unit × period, each cell's status — with a
 * review drawer for the operator (accept, or return with a comment); a department's tasks (我的任务)
 * and its report form (进度填报: text, figures, attachments; a returned report shows the comment).
 */
import { useMemo, useState } from 'react';
import { Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography, Upload, message } from 'antd';
import { CELL_STATUSES, REPORT_STATUSES, REPORTING_PERIODS, type CellStatus, type ReportStatus } from '../../../../common/supervision-vocabulary.js';
import { errorTextWithField } from '../../api.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { formatInstant } from '../../format.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { can } from '../../permissions.js';
import {
  attachmentUrl,
  boardXlsxUrl,
  type Board,
  type ReportDetail,
  useBoard,
  useCommentReport,
  useCreateReport,
  useLinkUnit,
  usePlan,
  usePlans,
  useReport,
  useReviewReport,
  useSubmitReport,
  useSupervisionText,
  useUpdateReport,
  useUploadAttachment,
  useUploadPlan,
} from './model.js';

const CELL_COLOR: Record<CellStatus, string> = { not_due: 'default', due: 'blue', submitted: 'processing', accepted: 'success', returned: 'warning', overdue: 'error' };
const REPORT_COLOR: Record<ReportStatus, string> = { draft: 'default', submitted: 'processing', accepted: 'success', returned: 'warning' };

function CellTag({ status, testId, onClick }: { status: CellStatus; testId?: string; onClick?: () => void }) {
  const { vocab } = useSupervisionText();
  return (
    <Tag color={CELL_COLOR[status]} data-testid={testId} data-status={status} onClick={onClick} style={onClick ? { cursor: 'pointer' } : undefined}>
      {vocab(CELL_STATUSES, status)}
    </Tag>
  );
}

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { vocab } = useSupervisionText();
  return <Tag color={REPORT_COLOR[status]} data-testid="report-status">{vocab(REPORT_STATUSES, status)}</Tag>;
}

/** The chosen plan (?plan=…, else the newest) and the year filter, kept in the URL. */
function usePlanChoice() {
  const plans = usePlans();
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan') ?? plans.data?.[0]?.id;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { plans, planId, year, setPlan: (id: string) => set('plan', id), setYear: (y: number | undefined) => set('year', y ? String(y) : undefined) };
}

function PlanPicker({ choice, board }: { choice: ReturnType<typeof usePlanChoice>; board: Board | undefined }) {
  const { m } = useSupervisionText();
  const plan = choice.plans.data?.find((p) => p.id === choice.planId);
  const asOfYear = Number((board?.asOf ?? new Date().toISOString()).slice(0, 4));
  const years = useMemo(() => {
    if (!plan) return [];
    const out: number[] = [];
    for (let y = Number(plan.startsOn.slice(0, 4)); y <= Math.min(Number(plan.endsOn.slice(0, 4)), asOfYear); y++) out.push(y);
    return out;
  }, [plan, asOfYear]);
  return (
    <Space wrap>
      <Select
        style={{ minWidth: 320 }}
        value={choice.planId}
        onChange={choice.setPlan}
        options={(choice.plans.data ?? []).map((p) => ({ value: p.id, label: `${p.title}${p.document ? `（${p.document}）` : ''}` }))}
        data-testid="plan-select"
      />
      <Select
        style={{ width: 140 }}
        value={choice.year ?? 0}
        onChange={(v) => choice.setYear(v || undefined)}
        options={[{ value: 0, label: m('allYears') }, ...years.map((y) => ({ value: y, label: `${y}` }))]}
        data-testid="year-select"
      />
    </Space>
  );
}

function UploadPlanButton() {
  const { m } = useSupervisionText();
  const upload = useUploadPlan();
  return (
    <Upload
      accept=".yaml,.yml"
      showUploadList={false}
      beforeUpload={(file) => {
        upload.mutate(file, {
          onSuccess: (r) => {
            void message.success(m('planLoaded', { measures: r.measureCount, units: r.unitCount }));
            if (r.unlinkedUnits.length) void message.info(m('unlinked', { names: r.unlinkedUnits.join('、') }), 8);
          },
          onError: (e) => Modal.error({ title: m('uploadPlan'), content: <div style={{ whiteSpace: 'pre-wrap' }}>{errorTextWithField(e)}</div> }),
        });
        return false;
      }}
    >
      <Button loading={upload.isPending} data-testid="upload-plan">{m('uploadPlan')}</Button>
    </Upload>
  );
}

// ——— the board ———

function BoardPage() {
  const user = useUser();
  const navigate = useNavigate();
  const { m, vocab } = useSupervisionText();
  const choice = usePlanChoice();
  const board = useBoard(choice.planId, { year: choice.year });
  const [open, setOpen] = useState<string | null>(null);
  const b = board.data;
  return (
    <>
      <PageHeader
        title={m('board')}
        extra={
          <>
            {choice.planId && <Button onClick={() => navigate(`/supervision/plans/${choice.planId}`)} data-testid="plan-detail">{m('planDetail')}</Button>}
            {choice.planId && <Button href={boardXlsxUrl(choice.planId, choice.year)} data-testid="board-xlsx">{m('download')}</Button>}
            {can(user, 'supervision.plan.load') && <UploadPlanButton />}
          </>
        }
      />
      {choice.plans.data && !choice.plans.data.length ? (
        <Alert type="info" showIcon message={m('noPlan')} />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <PlanPicker choice={choice} board={b} />
            {b && <Typography.Text type="secondary">{m('asOf')} {b.asOf}</Typography.Text>}
            {b && (Object.keys(b.totals) as CellStatus[]).map((s) => <Tag key={s} color={CELL_COLOR[s]} data-testid={`total-${s}`}>{vocab(CELL_STATUSES, s)} {b.totals[s]}</Tag>)}
          </Space>
          <Table
            rowKey={(r) => `${r.measureId}|${r.unitId}`}
            size="small"
            bordered
            data-testid="supervision-board"
            loading={board.isPending}
            dataSource={b?.rows ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 100, hideOnSinglePage: true }}
            columns={[
              {
                title: m('measure'),
                fixed: 'left',
                width: 260,
                onCell: (row, index) => {
                  const rows = b?.rows ?? [];
                  const i = index ?? 0;
                  if (i > 0 && rows[i - 1]?.measureId === row.measureId) return { rowSpan: 0 };
                  let span = 1;
                  while (rows[i + span]?.measureId === row.measureId) span++;
                  return { rowSpan: span };
                },
                render: (_, r) => `（${r.number}）${r.heading}`,
              },
              {
                title: m('unit'),
                fixed: 'left',
                width: 200,
                render: (_, r) => <>{r.unitName} {r.role === 'lead' && <Tag color="gold">{m('lead')}</Tag>}</>,
              },
              ...(b?.periods ?? []).map((p) => ({
                title: <span title={`${m('dueOn')} ${p.dueOn}`}>{p.label}</span>,
                key: p.code,
                width: 96,
                render: (_: unknown, r: Board['rows'][number]) => {
                  const c = r.cells.find((x) => x.period === p.code);
                  if (!c) return '—';
                  return <CellTag status={c.status} testId={`cell-${r.number}-${r.unitName}-${p.code}`} onClick={c.reportId ? () => setOpen(c.reportId) : undefined} />;
                },
              })),
            ]}
          />
        </>
      )}
      <ReviewDrawer reportId={open} onClose={() => setOpen(null)} />
    </>
  );
}

function ReviewDrawer({ reportId, onClose }: { reportId: string | null; onClose: () => void }) {
  const { m } = useSupervisionText();
  const report = useReport(reportId ?? undefined);
  return (
    <Drawer open={!!reportId} onClose={onClose} size={760} title={m('report')} destroyOnHidden data-testid="review-drawer">
      {reportId && <QueryGate query={report}>{(r) => <ReportView report={r} />}</QueryGate>}
    </Drawer>
  );
}

/** The report as read by anyone allowed; the operator's accept / return under it. */
function ReportView({ report }: { report: ReportDetail }) {
  const user = useUser();
  const { m, vocab } = useSupervisionText();
  return (
    <>
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }} items={[
        { key: 'measure', label: m('measure'), children: `（${report.measureNumber}）${report.measureHeading}` },
        { key: 'unit', label: m('unit'), children: report.unitName },
        { key: 'period', label: m('period'), children: report.periodLabel },
        { key: 'due', label: m('dueOn'), children: <>{report.dueOn} {report.overdue && <Tag color="error">{m('overdueFlag')}</Tag>}</> },
        { key: 'status', label: m('status'), children: <><ReportStatusTag status={report.status} /><DemoTag isDemo={report.isDemo} /></> },
        { key: 'text', label: m('progress'), children: <div style={{ whiteSpace: 'pre-wrap' }} data-testid="report-text-view">{report.text || m('none')}</div> },
        {
          key: 'figures',
          label: m('figures'),
          children: Object.keys(report.figures).length ? Object.entries(report.figures).map(([k, v]) => <Tag key={k}>{k}：{v}</Tag>) : m('none'),
        },
        {
          key: 'attachments',
          label: m('attachments'),
          children: report.attachments.length ? report.attachments.map((a) => <div key={a.hash}><a href={attachmentUrl(report.id, a.hash)}>{a.label}</a></div>) : m('none'),
        },
        ...(report.reviewComment ? [{ key: 'comment', label: m('comment'), children: <span data-testid="review-comment">{report.reviewComment}</span> }] : []),
      ]} />
      {can(user, 'supervision.report.review') && report.status === 'submitted' && <ReviewActions report={report} />}
      {can(user, 'supervision.report.review') && <CommentBox report={report} />}
      <Card size="small" title={m('history')} style={{ marginTop: 16 }}>
        <Timeline items={report.steps.map((s) => ({ children: `${formatInstant(s.at)} ${s.actorName}：${vocab(REPORT_STATUSES, s.to)}${s.comment ? `（${s.comment}）` : ''}` }))} />
      </Card>
    </>
  );
}

function CommentBox({ report }: { report: ReportDetail }) {
  const { m } = useSupervisionText();
  const comment = useCommentReport();
  const [text, setText] = useState('');
  return (
    <Space.Compact style={{ width: '100%', marginTop: 12 }}>
      <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={m('commentPlaceholder')} data-testid="comment-input" />
      <Button
        loading={comment.isPending}
        disabled={!text.trim()}
        onClick={() => comment.mutate({ id: report.id, comment: text.trim() }, { onSuccess: () => setText(''), onError: (e) => void message.error(errorTextWithField(e)) })}
        data-testid="comment-send"
      >
        {m('addComment')}
      </Button>
    </Space.Compact>
  );
}

function ReviewActions({ report }: { report: ReportDetail }) {
  const { m } = useSupervisionText();
  const review = useReviewReport();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const decide = async (decision: 'accept' | 'return') => {
    if (decision === 'return' && !comment.trim()) {
      void message.error(m('commentRequired'));
      return;
    }
    try {
      await review.mutateAsync({ id: report.id, body: { version: report.version, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      setReturning(false);
      setComment('');
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };
  return (
    <Space>
      <Button type="primary" loading={review.isPending} onClick={() => void decide('accept')} data-testid="review-accept">{m('accept')}</Button>
      <Button danger onClick={() => setReturning(true)} data-testid="review-return">{m('return')}</Button>
      <Modal open={returning} title={m('return')} onCancel={() => setReturning(false)} onOk={() => void decide('return')} confirmLoading={review.isPending} okText={m('confirm')} okButtonProps={{ 'data-testid': 'return-confirm' } as never}>
        <Input.TextArea rows={4} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={m('comment')} data-testid="return-comment-input" />
      </Modal>
    </Space>
  );
}

// ——— a department's tasks and report form ———

function TasksPage() {
  const navigate = useNavigate();
  const { m } = useSupervisionText();
  const choice = usePlanChoice();
  const board = useBoard(choice.planId, { year: choice.year });
  const create = useCreateReport();
  const [all, setAll] = useState(false);
  const b = board.data;
  const periodLabel = new Map((b?.periods ?? []).map((p) => [p.code, p.label]));
  const tasks = (b?.rows ?? [])
    .flatMap((r) => r.cells.map((c) => ({ ...c, row: r, key: `${r.measureId}|${r.unitId}|${c.period}` })))
    .filter((t) => all || ['due', 'overdue', 'returned'].includes(t.status) || (t.status === 'not_due' && !!t.reportId) || (t.status === 'not_due' && t.dueOn >= (b?.asOf ?? '')))
    .sort((x, y) => (x.dueOn === y.dueOn ? x.row.number.localeCompare(y.row.number) : x.dueOn < y.dueOn ? 1 : -1));
  const fill = async (t: (typeof tasks)[number]) => {
    if (t.reportId) return navigate(`/supervision/reports/${t.reportId}`);
    try {
      const created = await create.mutateAsync({ measureId: t.row.measureId, unitId: t.row.unitId, period: t.period });
      navigate(`/supervision/reports/${created.id}`);
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };
  return (
    <>
      <PageHeader title={m('tasks')} extra={<Button onClick={() => navigate(`/supervision/board${choice.planId ? `?plan=${choice.planId}` : ''}`)}>{m('board')}</Button>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <PlanPicker choice={choice} board={b} />
        <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>{m('showAll')}</Checkbox>
      </Space>
      <Table
        rowKey="key"
        size="small"
        data-testid="supervision-tasks"
        loading={board.isPending}
        dataSource={tasks}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: m('measure'), render: (_, t) => `（${t.row.number}）${t.row.heading}` },
          { title: m('unit'), render: (_, t) => <>{t.row.unitName} {t.row.role === 'lead' && <Tag color="gold">{m('lead')}</Tag>}</> },
          { title: m('period'), render: (_, t) => periodLabel.get(t.period) ?? t.period },
          { title: m('dueOn'), dataIndex: 'dueOn' },
          { title: m('status'), render: (_, t) => <CellTag status={t.status} testId={`task-status-${t.row.number}-${t.period}`} /> },
          {
            title: m('actions'),
            render: (_, t) => (
              <Button size="small" type={t.reportId ? 'default' : 'primary'} loading={create.isPending} onClick={() => void fill(t)} data-testid={`task-${t.row.number}-${t.period}`}>
                {!t.reportId ? m('fill') : ['submitted', 'accepted'].includes(t.status) ? m('view') : m('edit')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function ReportForm({ report }: { report: ReportDetail }) {
  const { m } = useSupervisionText();
  const update = useUpdateReport();
  const submit = useSubmitReport();
  const upload = useUploadAttachment();
  const [text, setText] = useState(report.text);
  const [figures, setFigures] = useState(Object.entries(report.figures).map(([name, value]) => ({ name, value: value as number | null })));
  const [attachments, setAttachments] = useState(report.attachments.map((a) => ({ hash: a.hash, label: a.label })));

  const save = async (): Promise<ReportDetail | null> => {
    const clean = figures.filter((f) => f.name.trim() && f.value !== null && f.value !== undefined);
    try {
      const saved = await update.mutateAsync({
        id: report.id,
        body: { version: report.version, text, figures: Object.fromEntries(clean.map((f) => [f.name.trim(), Number(f.value)])), attachments },
      });
      return saved;
    } catch (e) {
      void message.error(errorTextWithField(e));
      return null;
    }
  };
  const onSave = async () => {
    if (await save()) void message.success(m('saved'));
  };
  const onSubmit = async () => {
    const saved = await save();
    if (!saved) return;
    try {
      await submit.mutateAsync({ id: report.id, version: saved.version });
      void message.success(m('submitted'));
    } catch (e) {
      void message.error(errorTextWithField(e));
    }
  };

  return (
    <Form layout="vertical" data-testid="report-form">
      {report.status === 'returned' && report.reviewComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`${m('returnedBecause')}：${report.reviewComment}`} data-testid="return-comment" />
      )}
      <Card size="small" title={m('measureText')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} ellipsis={{ rows: 3, expandable: true }}>{report.measureText}</Typography.Paragraph>
      </Card>
      <Form.Item label={m('progress')} required>
        <Input.TextArea rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder={m('progressPlaceholder')} data-testid="report-text" />
      </Form.Item>
      <Form.Item label={m('figures')}>
        {figures.map((f, i) => (
          <Space key={i} style={{ display: 'flex', marginBottom: 8 }}>
            <Input value={f.name} placeholder={m('figureName')} onChange={(e) => setFigures(figures.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))} data-testid={`figure-name-${i}`} />
            <InputNumber value={f.value} placeholder={m('figureValue')} onChange={(v) => setFigures(figures.map((x, k) => (k === i ? { ...x, value: v } : x)))} data-testid={`figure-value-${i}`} />
            <Button onClick={() => setFigures(figures.filter((_, k) => k !== i))}>×</Button>
          </Space>
        ))}
        <Button onClick={() => setFigures([...figures, { name: '', value: null }])} data-testid="add-figure">+ {m('addFigure')}</Button>
      </Form.Item>
      <Form.Item label={m('attachments')}>
        {attachments.map((a, i) => (
          <Space key={a.hash} style={{ display: 'flex', marginBottom: 8 }}>
            <Input value={a.label} onChange={(e) => setAttachments(attachments.map((x, k) => (k === i ? { ...x, label: e.target.value } : x)))} />
            <Typography.Text code>{a.hash.slice(0, 12)}…</Typography.Text>
            <Button onClick={() => setAttachments(attachments.filter((_, k) => k !== i))}>×</Button>
          </Space>
        ))}
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file, {
              onSuccess: (f) => setAttachments((list) => (list.some((x) => x.hash === f.hash) ? list : [...list, { hash: f.hash, label: file.name.replace(/\.[^.]+$/, '') || m('attachments') }])),
              onError: (e) => void message.error(errorTextWithField(e)),
            });
            return false;
          }}
        >
          <Button loading={upload.isPending} data-testid="upload-attachment">{m('upload')}</Button>
        </Upload>
      </Form.Item>
      <Space>
        <Button onClick={() => void onSave()} loading={update.isPending} data-testid="report-save">{m('save')}</Button>
        <Button type="primary" onClick={() => void onSubmit()} loading={submit.isPending || update.isPending} data-testid="report-submit">
          {report.status === 'returned' ? m('resubmit') : m('submit')}
        </Button>
      </Space>
    </Form>
  );
}

function ReportPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { m, vocab } = useSupervisionText();
  const query = useReport(id);
  return (
    <QueryGate query={query}>
      {(r) => (
        <>
          <PageHeader back="/supervision" title={m('reportOf', { number: r.measureNumber, heading: r.measureHeading, period: r.periodLabel })} tags={<ReportStatusTag status={r.status} />} />
          {can(user, 'supervision.report.write') && ['draft', 'returned'].includes(r.status) ? <ReportForm key={r.version} report={r} /> : <ReportView report={r} />}
          {can(user, 'supervision.report.write') && ['draft', 'returned'].includes(r.status) && (
            <Card size="small" title={m('history')} style={{ marginTop: 16 }}>
              <Timeline items={r.steps.map((s) => ({ children: `${formatInstant(s.at)} ${s.actorName}：${vocab(REPORT_STATUSES, s.to)}${s.comment ? `（${s.comment}）` : ''}` }))} />
            </Card>
          )}
        </>
      )}
    </QueryGate>
  );
}

/** A plan's measures with their units (lead first), each unit's registry link; the operator relinks. */
function PlanPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { m, vocab } = useSupervisionText();
  const plan = usePlan(id);
  const link = useLinkUnit();
  const [picked, setPicked] = useState<Record<string, string | undefined>>({});
  const mayLink = can(user, 'supervision.plan.load');
  const save = (unitId: string, organizationId: string | null) =>
    link.mutate({ unitId, organizationId }, { onError: (e) => void message.error(errorTextWithField(e)) });
  return (
    <QueryGate query={plan}>
      {(p) => (
        <>
          <PageHeader back="/supervision" title={p.title} tags={<DemoTag isDemo={p.isDemo} />} />
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }} items={[
            { key: 'doc', label: m('plan'), children: p.document ?? '—' },
            { key: 'span', label: m('span'), children: `${p.startsOn} ～ ${p.endsOn}` },
            { key: 'kind', label: m('periodKind'), children: vocab(REPORTING_PERIODS, p.period) },
            { key: 'due', label: m('dueDays'), children: p.dueDays },
          ]} />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            data-testid="plan-measures"
            dataSource={p.measures}
            expandable={{ expandedRowRender: (x) => <div style={{ whiteSpace: 'pre-wrap' }}>{x.text}{x.responsibility && <Typography.Paragraph type="secondary">（责任单位：{x.responsibility}）</Typography.Paragraph>}</div> }}
            columns={[
              { title: m('heading'), render: (_, x) => `（${x.number}）${x.heading}` },
              { title: m('units'), render: (_, x) => x.units.map((u) => <Tag key={u.unitId} color={u.role === 'lead' ? 'gold' : undefined}>{u.name}{u.role === 'lead' ? `（${m('lead')}）` : ''}</Tag>) },
              { title: m('periodKind'), render: (_, x) => vocab(REPORTING_PERIODS, x.period) },
            ]}
          />
          <Card size="small" title={m('units')} style={{ marginTop: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.units}
              columns={[
                { title: m('unit'), dataIndex: 'name' },
                { title: m('linkedTo'), render: (_, u) => u.organizationName ?? <Typography.Text type="secondary">{m('notLinked')}</Typography.Text> },
                ...(mayLink
                  ? [{
                      title: m('actions'),
                      render: (_: unknown, u: (typeof p.units)[number]) => (
                        <Space>
                          <OrganizationSelect style={{ width: 260 }} value={picked[u.id]} onChange={(v) => setPicked({ ...picked, [u.id]: v })} />
                          <Button size="small" disabled={!picked[u.id]} loading={link.isPending} onClick={() => save(u.id, picked[u.id]!)}>{m('link')}</Button>
                          {u.organizationId && <Button size="small" onClick={() => save(u.id, null)}>{m('unlink')}</Button>}
                        </Space>
                      ),
                    }]
                  : []),
              ]}
            />
          </Card>
        </>
      )}
    </QueryGate>
  );
}

function SupervisionHome() {
  const user = useUser();
  return can(user, 'supervision.report.write') && !user.roles.includes('admin') ? <TasksPage /> : <BoardPage />;
}

export default function SupervisionRoutes() {
  return (
    <Routes>
      <Route index element={<SupervisionHome />} />
      <Route path="board" element={<BoardPage />} />
      <Route path="tasks" element={<TasksPage />} />
      <Route path="reports/:id" element={<ReportPage />} />
      <Route path="plans/:id" element={<PlanPage />} />
    </Routes>
  );
}
