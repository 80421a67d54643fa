/**
 * 年度评估 (/evaluation): the annual evaluation report (二十一) of a year — summary, targets,
 * tracked indicators beside the previous year, each measure's progress per unit, subsidies per rule,
 * the market — as antd tables, with the PDF and XLSX downloads. The year is kept in the URL (?year=).
 */
import { useSearchParams } from 'react-router';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileExcelOutlined } from '@ant-design/icons';
import { PageHeader, QueryGate } from '../../components/page.js';
import { formatFen, today } from '../../format.js';
import { type AnnualReport, reportUrl, useAnnualReport, useEvaluationText } from './model.js';

const integer = new Intl.NumberFormat('zh-CN');

function shown(unit: string, unitLabel: string, v: number | null): string {
  if (v === null) return '—';
  return unit === 'fen' ? `${formatFen(v)} 元` : `${integer.format(v)} ${unitLabel}`;
}

function Report({ report }: { report: AnnualReport }) {
  const m = useEvaluationText();
  const section = (title: string, testId: string, children: React.ReactNode) => (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid={testId}>{children}</Card>
  );
  return (
    <>
      <Typography.Title level={4} data-testid="report-title">{report.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{m('asOfLine', { asOf: report.asOf, generatedOn: report.generatedOn })}</Typography.Paragraph>
      {section(m('summary'), 'report-summary', <Typography.Paragraph style={{ margin: 0 }}>{report.summary}</Typography.Paragraph>)}
      {section(m('targets'), 'report-targets', (
        <Table rowKey="id" size="small" pagination={false} dataSource={report.targets} columns={[
          { title: m('id'), dataIndex: 'id', width: 70 },
          { title: m('name'), dataIndex: 'name' },
          { title: m('value'), key: 'value', align: 'right', render: (_, t) => shown(t.unit, t.unitLabel, t.value) },
          { title: m('target'), key: 'target', align: 'right', render: (_, t) => `≥ ${shown(t.unit, t.unitLabel, t.target)}` },
          { title: m('deadline'), dataIndex: 'deadline', width: 120 },
          { title: m('status'), key: 'met', width: 140, render: (_, t) => t.met === null ? '—' : t.met ? <Tag color="success">{m('met')}</Tag> : <Tag color="processing">{m('notMet')} {Math.floor((t.progress ?? 0) * 100)}%</Tag> },
        ]} />
      ))}
      {section(m('indicators'), 'report-indicators', (
        <Table rowKey="id" size="small" pagination={false} dataSource={report.indicators} columns={[
          { title: m('name'), dataIndex: 'name' },
          { title: `${report.year}`, key: 'value', align: 'right', render: (_, i) => shown(i.unit, i.unitLabel, i.value) },
          { title: `${report.year - 1}`, key: 'previous', align: 'right', render: (_, i) => shown(i.unit, i.unitLabel, i.previous) },
        ]} />
      ))}
      {section(m('supervision'), 'report-supervision', report.supervision.rows.length ? (
        <Table rowKey={(r) => `${r.planCode}-${r.number}-${r.unitName}`} size="small" pagination={false} dataSource={report.supervision.rows} scroll={{ x: 'max-content' }} columns={[
          { title: m('measure'), key: 'measure', render: (_, r) => `（${r.number}）${r.heading}` },
          { title: m('unit'), key: 'unit', render: (_, r) => `${r.unitName}（${r.role}）` },
          { title: m('periods'), dataIndex: 'periods', align: 'right' },
          { title: m('submitted'), dataIndex: 'submitted', align: 'right' },
          { title: m('accepted'), dataIndex: 'accepted', align: 'right' },
          { title: m('returned'), dataIndex: 'returned', align: 'right' },
          { title: m('overdue'), dataIndex: 'overdue', align: 'right', render: (n: number) => n ? <Typography.Text type="danger">{n}</Typography.Text> : n },
          { title: m('latest'), key: 'latest', width: 360, render: (_, r) => r.latestAccepted ? `${r.latestAccepted.period}：${r.latestAccepted.excerpt}` : '—' },
        ]} />
      ) : <Typography.Text type="secondary">{m('noSupervision')}</Typography.Text>)}
      {section(m('subsidies'), 'report-subsidies', (
        <Table rowKey="rule" size="small" pagination={false} dataSource={report.subsidies.rows} columns={[
          { title: m('rule'), dataIndex: 'title' },
          { title: m('budget'), dataIndex: 'budgetFen', align: 'right', render: (f: number) => formatFen(f) },
          { title: m('applied'), dataIndex: 'applied', align: 'right' },
          { title: m('awarded'), dataIndex: 'awarded', align: 'right' },
          { title: m('awardedAmount'), dataIndex: 'awardedFen', align: 'right', render: (f: number) => formatFen(f) },
          { title: m('paid'), dataIndex: 'paidFen', align: 'right', render: (f: number) => formatFen(f) },
        ]} summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{m('total')}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">{formatFen(report.subsidies.total.budgetFen)}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{report.subsidies.total.applied}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{report.subsidies.total.awarded}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">{formatFen(report.subsidies.total.awardedFen)}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">{formatFen(report.subsidies.total.paidFen)}</Table.Summary.Cell>
          </Table.Summary.Row>
        )} />
      ))}
      {section(m('market'), 'report-market', (
        <Table rowKey="stage" size="small" pagination={false} columns={[
          { title: m('stage'), dataIndex: 'label' },
          { title: m('count'), dataIndex: 'count', align: 'right' },
          { title: m('amount'), dataIndex: 'fen', align: 'right', render: (f: number | null) => (f === null ? '—' : formatFen(f)) },
        ]} dataSource={[
          { stage: 'listings', label: m('listings'), count: report.market.listings, fen: null },
          { stage: 'contacts', label: m('contacts'), count: report.market.contacts, fen: null },
          { stage: 'deals', label: m('deals'), count: report.market.deals, fen: null },
          { stage: 'signed', label: m('signed'), count: report.market.signed, fen: report.market.signedAmountFen },
          { stage: 'registered', label: m('registered'), count: report.market.registered, fen: report.market.turnoverFen },
        ]} />
      ))}
    </>
  );
}

export default function EvaluationPage() {
  const m = useEvaluationText();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(today().slice(0, 4));
  const year = Number(params.get('year') ?? thisYear - 1);
  const query = useAnnualReport(year);
  const years: number[] = [];
  for (let y = thisYear; y >= thisYear - 9; y--) years.push(y);
  return (
    <>
      <PageHeader
        title={m('title')}
        extra={
          <Space wrap>
            <span>{m('year')}</span>
            <Select
              data-testid="evaluation-year"
              style={{ width: 120 }}
              value={year}
              options={years.map((y) => ({ value: y, label: m('yearOption', { year: y }) }))}
              onChange={(y: number) => setParams({ year: String(y) }, { replace: true })}
            />
            <Button icon={<FilePdfOutlined />} href={reportUrl(year, 'pdf')} data-testid="download-pdf">{m('downloadPdf')}</Button>
            <Button icon={<FileExcelOutlined />} href={reportUrl(year, 'xlsx')} data-testid="download-xlsx">{m('downloadXlsx')}</Button>
          </Space>
        }
      />
      <QueryGate query={query}>{(report) => <Report report={report} />}</QueryGate>
    </>
  );
}
