/**
 * 成效漏斗 (/market-funnel): outcomes, not listings — published listings → contacts → deals →
 * signed → registered contracts and their registered turnover, for a period, in total, per
 * technical field and per broker. antd tables with simple bars (no chart library).
 */
import { useState } from 'react';
import { Alert, Card, DatePicker, Progress, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { errorText } from '../../api.js';
import { FUNNEL_STAGES, type FunnelStage } from '../../../../common/deal-vocabulary.js';
import { TECH_FIELDS } from '../../../../common/vocabulary.js';
import { PageHeader } from '../../components/page.js';
import { formatFen, today } from '../../format.js';
import { type Funnel, type FunnelCounts, useDealText, useFunnel } from './model.js';

type FieldRow = Funnel['byField'][number];
type BrokerRow = Funnel['byBroker'][number];

const STAGE_KEYS: Record<FunnelStage, keyof FunnelCounts> = { listings: 'listings', contacts: 'contacts', deals: 'deals', signed: 'signed', registered: 'registered' };

function Bars({ totals }: { totals: FunnelCounts }) {
  const { vocab } = useDealText();
  const max = Math.max(1, ...FUNNEL_STAGES.values.map((s) => totals[STAGE_KEYS[s]]));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="funnel-bars">
      {FUNNEL_STAGES.values.map((s) => (
        <div key={s} style={{ display: 'flex', alignItems: 'center', gap: 12 }} data-testid={`funnel-${s}`}>
          <span style={{ width: 80 }}>{vocab(FUNNEL_STAGES, s)}</span>
          <Progress percent={(totals[STAGE_KEYS[s]] / max) * 100} showInfo={false} style={{ flex: 1, margin: 0 }} />
          <Typography.Text strong style={{ width: 60, textAlign: 'right' }} data-testid={`funnel-${s}-count`}>{totals[STAGE_KEYS[s]]}</Typography.Text>
        </div>
      ))}
    </Space>
  );
}

export default function FunnelPage() {
  const { d, vocab } = useDealText();
  const year = today().slice(0, 4);
  const [range, setRange] = useState<[string, string]>([`${year}-01-01`, `${year}-12-31`]);
  const query = useFunnel(range[0], range[1]);
  const countColumns = <T extends FunnelCounts>(): ColumnsType<T> => [
    { title: d('listings'), dataIndex: 'listings', width: 90, align: 'right' },
    { title: d('contacts'), dataIndex: 'contacts', width: 90, align: 'right' },
    { title: d('dealsStarted'), dataIndex: 'deals', width: 90, align: 'right' },
    { title: d('signedDeals'), dataIndex: 'signed', width: 80, align: 'right' },
    { title: d('signedAmount'), dataIndex: 'signedAmountFen', width: 150, align: 'right', render: (f: number) => formatFen(f) },
    { title: d('registeredContracts'), dataIndex: 'registered', width: 90, align: 'right' },
    { title: d('registeredTurnover'), dataIndex: 'turnoverFen', width: 170, align: 'right', render: (f: number) => formatFen(f) },
  ];
  const data = query.data;
  return (
    <>
      <PageHeader
        title={d('funnel')}
        extra={
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            data-testid="funnel-range"
          />
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{d('funnelHint')}</Typography.Paragraph>
        {query.isError && <Alert type="error" showIcon message={errorText(query.error)} />}
        {data && (
          <>
            <Card size="small" title={d('totals')}>
              <Bars totals={data.totals} />
              <Space size="large" style={{ marginTop: 12 }}>
                <span>{d('signedAmount')}：<Typography.Text strong>{formatFen(data.totals.signedAmountFen)}</Typography.Text></span>
                <span>{d('registeredTurnover')}：<Typography.Text strong data-testid="funnel-turnover">{formatFen(data.totals.turnoverFen)}</Typography.Text></span>
              </Space>
            </Card>
            <Card size="small" title={d('byField')}>
              <Table<FieldRow>
                rowKey={(r) => r.field ?? ''}
                size="small"
                pagination={false}
                dataSource={data.byField}
                scroll={{ x: 1000 }}
                columns={[{ title: d('field'), dataIndex: 'field', render: (f: string | null) => (f ? vocab(TECH_FIELDS, f) : d('notStated')) }, ...countColumns<FieldRow>()]}
                data-testid="funnel-by-field"
              />
            </Card>
            <Card size="small" title={d('byBroker')}>
              <Table<BrokerRow>
                rowKey={(r) => `${r.personId ?? ''}|${r.userId ?? ''}`}
                size="small"
                pagination={false}
                dataSource={data.byBroker}
                scroll={{ x: 1000 }}
                columns={[{ title: d('broker'), dataIndex: 'name' }, ...countColumns<BrokerRow>().filter((c) => !['listings', 'contacts'].includes(String((c as { dataIndex?: string }).dataIndex)))]}
                data-testid="funnel-by-broker"
              />
            </Card>
          </>
        )}
      </Space>
    </>
  );
}
