/** 对接项目: the deals the user may read (brokers: assigned; parties: theirs; operator: the jurisdiction). */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DEAL_STAGES } from '../../../../common/deal-vocabulary.js';
import { TECH_FIELDS } from '../../../../common/vocabulary.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader } from '../../components/page.js';
import { EMPTY, formatFen, formatInstant } from '../../format.js';
import { StageTag } from './deal-bits.js';
import { type Deal, useDealText, useDeals } from './model.js';

export function DealList() {
  const { d, vocab } = useDealText();
  const [params] = useSearchParams();
  const [stage, setStage] = useState<string | undefined>(params.get('stage') ?? undefined);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useDeals({ stage, q: q || undefined, page, pageSize: 20 });
  const columns: ColumnsType<Deal> = [
    {
      title: d('title'),
      dataIndex: 'title',
      width: 360,
      render: (title: string, row) => (
        <Space>
          <Link to={`/deals/${row.id}`} data-testid="deal-link">{title}</Link>
          <DemoTag isDemo={row.isDemo} />
        </Space>
      ),
    },
    { title: d('stage'), dataIndex: 'stage', width: 90, render: (_: unknown, row) => <StageTag stage={row.stage} /> },
    { title: d('buyer'), width: 200, render: (_: unknown, row) => row.buyer?.name ?? EMPTY },
    { title: d('seller'), width: 200, render: (_: unknown, row) => row.seller?.name ?? EMPTY },
    { title: d('broker'), width: 160, render: (_: unknown, row) => row.broker.personName ?? row.broker.userName ?? EMPTY },
    { title: d('field'), width: 150, render: (_: unknown, row) => (row.technicalField ? vocab(TECH_FIELDS, row.technicalField) : EMPTY) },
    { title: d('amount'), width: 130, align: 'right', render: (_: unknown, row) => formatFen(row.agreedAmountFen) },
    { title: d('createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatInstant(at) },
  ];
  return (
    <>
      <PageHeader title={d('deals')} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={d('search')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 260 }} />
          <Select
            allowClear
            placeholder={d('stage')}
            value={stage}
            onChange={(v) => { setStage(v); setPage(1); }}
            options={DEAL_STAGES.values.map((s) => ({ value: s, label: vocab(DEAL_STAGES, s) }))}
            style={{ width: 140 }}
            data-testid="deal-stage-filter"
          />
        </Space>
        <Table<Deal>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1560 }}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          data-testid="deals-table"
        />
      </Card>
    </>
  );
}
