/**
 * /public/statistics (统计公开, no login): the indicators the definitions file marks public, with
 * their targets and breakdowns, and the open data downloads (CSV, JSON).
 */
import { Button, Card, Col, Layout, Progress, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { isApiError } from '../../api.js';
import { CategoryChart } from './charts.js';
import { chartNumber, downloadUrl, formatValue, usePublicStatistics, useIndicatorText } from './model.js';

function PublicStatisticsPage() {
  const { m, name } = useIndicatorText();
  const query = usePublicStatistics(undefined);
  if (query.isPending) return <Spin />;
  if (query.isError || !query.data) return <Result status="error" title={isApiError(query.error) ? query.error.message : m('noData')} />;
  const r = query.data;
  const targets = r.indicators.filter((i) => i.kind === 'target');
  const tracked = r.indicators.filter((i) => i.kind === 'tracked');
  const contracts = r.indicators.find((i) => i.measure === 'contracts');
  const byType = contracts?.breakdowns.find((b) => b.dimension === 'type');
  return (
    <Card data-testid="public-statistics">
      <Typography.Title level={3} style={{ textAlign: 'center' }}>{r.jurisdiction}{m('publicTitle')}</Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">
        {r.set.title}{r.set.document ? `（${r.set.document}）` : ''} · {m('asOf')} {r.asOf}
      </Typography.Paragraph>
      <Card size="small" title={m('openData')} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Typography.Text>{m('openDataHint')}</Typography.Text>
          <Button href={downloadUrl('csv')} data-testid="download-csv">{m('downloadCsv')}</Button>
          <Button href={downloadUrl('json')} data-testid="download-json">{m('downloadJson')}</Button>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        {targets.map((i) => (
          <Col key={i.id} xs={24} sm={12} lg={8}>
            <Card size="small" title={name(i)} extra={i.met ? <Tag color="success">{m('met')}</Tag> : null} data-testid={`public-target-${i.id}`}>
              <Progress percent={i.progress === null ? 0 : Math.min(100, Math.floor(i.progress * 100))} status={i.met ? 'success' : 'normal'} />
              <Typography.Text>{formatValue(i.unit, i.value, i.unitLabel)} / {m('target')} {formatValue(i.unit, i.target, i.unitLabel)}（{i.deadline}）</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Table
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        pagination={false}
        data-testid="public-tracked"
        dataSource={tracked}
        columns={[
          { title: m('tracked'), render: (_, i) => name(i) },
          { title: m('value'), render: (_, i) => formatValue(i.unit, i.value, i.unitLabel) },
          { title: m('period'), render: (_, i) => (i.period ? `${i.period.from} ～ ${i.period.to}` : r.asOf) },
          { title: m('basis'), render: (_, i) => <Typography.Text type="secondary">{i.note ?? i.basis}</Typography.Text> },
        ]}
      />
      {byType && contracts && (
        <Card size="small" title={`${name(contracts)} · ${byType.label}`} style={{ marginTop: 16 }}>
          <CategoryChart categories={byType.items.map((x) => x.label)} series={[{ name: name(contracts), values: byType.items.map((x) => chartNumber(contracts.unit, x.value)) }]} height={240} />
        </Card>
      )}
      <Typography.Paragraph style={{ marginTop: 16, textAlign: 'right' }}>
        <Link to="/login">{m('login')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}

export default function PublicStatisticsRoutes() {
  return (
    <Layout style={{ padding: '12px 16px', background: 'transparent' }}>
      <Layout.Content style={{ maxWidth: 1100, margin: '0 auto', width: '100%' }}>
        <PublicStatisticsPage />
      </Layout.Content>
    </Layout>
  );
}
