/**
 * /indicators (目标监测, lazily loaded with ECharts): the targets T1–T5 against their actuals with
 * progress, the tracked indicators, yearly trends, and a drill-down drawer per indicator — its
 * breakdowns and the entities it counts, paged. The date is kept in the URL (?asOf=).
 */
import { useMemo, useState } from 'react';
import { Route, Routes, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { IndicatorValue } from '../../../../common/indicator-api.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { CategoryChart } from './charts.js';
import { chartNumber, formatValue, useEntities, useIndicators, useIndicatorText, useTrends } from './model.js';

function useAsOf(): [string | undefined, (v: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const set = (v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set('asOf', v);
    else next.delete('asOf');
    setParams(next, { replace: true });
  };
  return [asOf, set];
}

function statusTag(i: IndicatorValue, asOf: string, m: ReturnType<typeof useIndicatorText>['m']) {
  if (i.met === null) return null;
  if (i.met) return <Tag color="success">{m('met')}</Tag>;
  if (i.deadline && asOf > i.deadline) return <Tag color="error">{m('overdue')}</Tag>;
  return <Tag color="processing">{m('notMet')}</Tag>;
}

function TargetCard({ i, asOf, onOpen }: { i: IndicatorValue; asOf: string; onOpen: () => void }) {
  const { m, name } = useIndicatorText();
  const percent = i.progress === null ? 0 : Math.min(100, Math.floor(i.progress * 100));
  return (
    <Card size="small" hoverable onClick={onOpen} data-testid={`target-${i.id}`} title={<Space>{i.id}<span>{name(i)}</span></Space>} extra={statusTag(i, asOf, m)}>
      <Space align="center" size="large">
        <Progress type="dashboard" size={96} percent={percent} status={i.met ? 'success' : i.deadline && asOf > i.deadline ? 'exception' : 'normal'} />
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid={`target-value-${i.id}`}>{formatValue(i.unit, i.value, i.unitLabel)}</Typography.Title>
          <Typography.Text type="secondary">{m('target')} ≥ {formatValue(i.unit, i.target, i.unitLabel)}，{m('deadline')} {i.deadline}</Typography.Text>
        </div>
      </Space>
    </Card>
  );
}

function EntitiesTable({ indicator, asOf, filter }: { indicator: IndicatorValue; asOf: string; filter: { dimension?: string; key?: string } }) {
  const { m } = useIndicatorText();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useEntities(indicator.id, { asOf, page, pageSize, ...filter });
  const data = query.data;
  return (
    <Table
      rowKey={(r) => String(r.id)}
      size="small"
      data-testid="indicator-entities"
      loading={query.isFetching}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize, total: data?.total ?? 0, showTotal: (total) => m('total', { total }), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
      columns={(data?.columns ?? []).map((c) => ({
        title: c.label,
        key: c.key,
        render: (_: unknown, r: Record<string, string | number | boolean | null>) => {
          const v = r[c.key];
          const text = typeof v === 'number' && c.key.endsWith('Fen') ? formatValue('fen', v) : v === null || v === undefined ? '—' : String(v);
          return c.key === 'name' ? <>{text} <DemoTag isDemo={r.isDemo === true} /></> : text;
        },
      }))}
    />
  );
}

function IndicatorDrawer({ indicator, asOf, onClose }: { indicator: IndicatorValue | null; asOf: string; onClose: () => void }) {
  const { m, name } = useIndicatorText();
  const [filter, setFilter] = useState<{ dimension?: string; key?: string }>({});
  const contractLike = indicator && ['contracts', 'turnover', 'inflow', 'outflow', 'academic_transfers'].includes(indicator.measure);
  return (
    <Drawer open={!!indicator} onClose={() => { setFilter({}); onClose(); }} size={960} title={indicator ? `${indicator.id} ${name(indicator)}` : ''} destroyOnHidden data-testid="indicator-drawer">
      {indicator && (
        <>
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }} items={[
            { key: 'value', label: m('value'), children: formatValue(indicator.unit, indicator.value, indicator.unitLabel) },
            { key: 'target', label: m('target'), children: indicator.target === null ? '—' : `≥ ${formatValue(indicator.unit, indicator.target, indicator.unitLabel)}（${indicator.deadline}）` },
            { key: 'period', label: m('period'), children: indicator.period ? `${indicator.period.from} ～ ${indicator.period.to}` : `${m('asOf')} ${asOf}` },
            { key: 'source', label: m('source'), children: `${indicator.source.document ?? ''}${indicator.source.clause} ${indicator.source.text}` },
            { key: 'basis', label: m('basis'), span: 2, children: indicator.basis },
            ...(indicator.note ? [{ key: 'note', label: '说明', span: 2, children: <Typography.Text type="warning">{indicator.note}</Typography.Text> }] : []),
          ]} />
          {indicator.breakdowns.length > 0 && (
            <Row gutter={16}>
              {indicator.breakdowns.map((b) => (
                <Col key={b.dimension} xs={24} md={12}>
                  <Card size="small" title={b.label} style={{ marginBottom: 16 }}>
                    <CategoryChart
                      height={200}
                      testId={`breakdown-${b.dimension}`}
                      categories={b.items.map((x) => x.label)}
                      series={[{ name: b.label, values: b.items.map((x) => chartNumber(indicator.unit === 'fen' || b.dimension === 'stage' ? 'fen' : indicator.unit, x.value)) }]}
                    />
                    {contractLike && (
                      <Space wrap>
                        {b.items.map((x) => (
                          <Tag.CheckableTag key={x.key} checked={filter.dimension === b.dimension && filter.key === x.key} onChange={(on) => setFilter(on ? { dimension: b.dimension, key: x.key } : {})}>
                            {x.label} {indicator.unit === 'fen' ? formatValue('fen', x.value) : x.value}
                          </Tag.CheckableTag>
                        ))}
                      </Space>
                    )}
                  </Card>
                </Col>
              ))}
            </Row>
          )}
          <Card size="small" title={m('entities')} extra={filter.key && <Button size="small" onClick={() => setFilter({})}>{m('all')}</Button>}>
            {indicator.value === null ? <Empty description={m('noData')} /> : <EntitiesTable key={`${filter.dimension}-${filter.key}`} indicator={indicator} asOf={asOf} filter={filter} />}
          </Card>
        </>
      )}
    </Drawer>
  );
}

function TrendsCard({ endYear }: { endYear: number }) {
  const { m } = useIndicatorText();
  const trends = useTrends(endYear - 4, endYear);
  const [picked, setPicked] = useState('contracts');
  const series = trends.data?.series.find((s) => s.id === picked) ?? trends.data?.series[0];
  return (
    <Card size="small" title={m('trends')} style={{ marginTop: 16 }} extra={
      <Select style={{ width: 240 }} value={series?.id} onChange={setPicked} options={(trends.data?.series ?? []).map((s) => ({ value: s.id, label: `${s.id} ${s.name}` }))} data-testid="trend-select" />
    }>
      {series && trends.data ? (
        <CategoryChart
          testId="trend-chart"
          categories={trends.data.years.map(String)}
          series={[{ name: `${series.name}${series.unit === 'fen' ? `（${m('unitWan')}）` : ''}`, values: series.values.map((v) => chartNumber(series.unit, v)), kind: 'bar' }]}
          target={series.target !== null ? { value: series.target, label: `${m('target')} ${series.target}` } : null}
        />
      ) : (
        <Empty />
      )}
    </Card>
  );
}

function Dashboard() {
  const { m, name } = useIndicatorText();
  const [asOf, setAsOf] = useAsOf();
  const report = useIndicators(asOf);
  const [open, setOpen] = useState<string | null>(null);
  const targets = useMemo(() => report.data?.indicators.filter((i) => i.kind === 'target') ?? [], [report.data]);
  const tracked = useMemo(() => report.data?.indicators.filter((i) => i.kind === 'tracked') ?? [], [report.data]);
  const opened = report.data?.indicators.find((i) => i.id === open) ?? null;
  return (
    <>
      <PageHeader
        title={m('dashboard')}
        extra={
          <Space>
            <span>{m('asOf')}</span>
            <DatePicker allowClear value={asOf ? dayjs(asOf) : undefined} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} data-testid="as-of" />
            <Button href="/public/statistics" target="_blank">{m('publicTitle')}</Button>
          </Space>
        }
      />
      <QueryGate query={report}>
        {(r) => (
          <>
            <Typography.Paragraph type="secondary">
              {r.jurisdiction}（{r.jurisdictionCode}）· {r.set.title}{r.set.document ? `（${r.set.document}）` : ''} · {m('asOf')} {r.asOf}
            </Typography.Paragraph>
            {targets.length === 0 && <Alert type="info" showIcon message={r.set.title} style={{ marginBottom: 16 }} />}
            <Row gutter={[16, 16]}>
              {targets.map((i) => (
                <Col key={i.id} xs={24} sm={12} lg={8} xl={8}>
                  <TargetCard i={i} asOf={r.asOf} onOpen={() => setOpen(i.id)} />
                </Col>
              ))}
            </Row>
            {targets.length > 0 && (
              <Card size="small" title={m('chartTargets')} style={{ marginTop: 16 }}>
                <CategoryChart
                  testId="targets-chart"
                  categories={targets.map((i) => `${i.id} ${name(i)}`)}
                  series={[
                    { name: m('value'), values: targets.map((i) => i.value) },
                    { name: m('target'), values: targets.map((i) => i.target) },
                  ]}
                />
              </Card>
            )}
            <Card size="small" title={m('tracked')} style={{ marginTop: 16 }}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                data-testid="tracked-indicators"
                dataSource={tracked}
                columns={[
                  { title: m('tracked'), render: (_, i) => name(i) },
                  { title: m('value'), render: (_, i) => <span data-testid={`tracked-value-${i.id}`}>{formatValue(i.unit, i.value, i.unitLabel)}</span> },
                  { title: m('period'), render: (_, i) => (i.period ? `${i.period.from} ～ ${i.period.to}` : `${m('asOf')} ${r.asOf}`) },
                  { title: m('basis'), render: (_, i) => <Typography.Text type={i.note ? 'warning' : 'secondary'} ellipsis={{ tooltip: i.note ?? i.basis }} style={{ maxWidth: 420 }}>{i.note ?? i.basis}</Typography.Text> },
                  { title: '', render: (_, i) => <Button size="small" onClick={() => setOpen(i.id)} data-testid={`open-${i.id}`}>{m('details')}</Button> },
                ]}
              />
            </Card>
            <TrendsCard endYear={Number(r.asOf.slice(0, 4))} />
            <IndicatorDrawer indicator={opened} asOf={r.asOf} onClose={() => setOpen(null)} />
          </>
        )}
      </QueryGate>
    </>
  );
}

export default function IndicatorRoutes() {
  return (
    <Routes>
      <Route index element={<Dashboard />} />
    </Routes>
  );
}
