/** 成果审核: the operator's queue of listings waiting for review (achievements and demands), with import and export. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Dropdown, Space, Table, Tabs, Upload, message } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ListingKind } from '../../../../common/market-vocabulary.js';
import { isApiError } from '../../api.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import { can } from '../../permissions.js';
import { priceText } from './listing-bits.js';
import { exportUrl, type Listing, useListings, useMarketImport, useMarketText, WORKBENCH } from './model.js';
import { ListingActions } from './workbench.js';

interface ImportProblem {
  line?: number;
  column?: string;
  value?: string;
  reason: string;
}

function ImportExport({ kind }: { kind: ListingKind }) {
  const { m } = useMarketText();
  const user = useUser();
  const importer = useMarketImport(kind);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [summary, setSummary] = useState<string | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        {can(user, 'market.import') && (
          <Upload
            accept=".jsonl,.csv,.xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              setProblems([]);
              setSummary(null);
              importer
                .mutateAsync({ file, onProgress: () => {} })
                .then((r) => setSummary(m('imported', { ...r })))
                .catch((error: unknown) => {
                  if (isApiError(error)) {
                    setSummary(error.message);
                    setProblems(error.details as ImportProblem[]);
                  } else void message.error(String(error));
                });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={importer.isPending} data-testid={`market-import-${kind}`}>{m('import')}</Button>
          </Upload>
        )}
        {can(user, 'market.export') && (
          <Dropdown menu={{ items: (['xlsx', 'csv', 'jsonl'] as const).map((f) => ({ key: f, label: <a href={exportUrl(kind, f)}>{f.toUpperCase()}</a> })) }}>
            <Button icon={<DownloadOutlined />}>{m('export')}</Button>
          </Dropdown>
        )}
        {can(user, 'market.import') && (
          <a href={`/api/market/import/${kind === 'achievement' ? 'achievements' : 'demands'}/template.xlsx`} download data-testid="market-import-template">
            <DownloadOutlined /> {m('importTemplate')}
          </a>
        )}
      </Space>
      {summary && <Alert type={problems.length ? 'error' : 'success'} showIcon message={summary} data-testid="market-import-result" />}
      {problems.length > 0 && (
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={{ pageSize: 20 }}
          dataSource={problems}
          columns={[
            { title: '行', dataIndex: 'line', width: 70 },
            { title: '列', dataIndex: 'column', width: 180 },
            { title: '值', dataIndex: 'value', ellipsis: true },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      )}
    </Space>
  );
}

function Queue({ kind }: { kind: ListingKind }) {
  const { m, vocab } = useMarketText();
  const [page, setPage] = useState(1);
  const query = useListings(kind, { status: 'pending', page, pageSize: 20 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<Listing>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage }}
        data-testid={`review-queue-${kind}`}
        columns={[
          { title: m('title'), render: (_, r) => <Space><Link to={`${WORKBENCH[kind]}/${r.id}`}>{r.title || r.id}</Link><DemoTag isDemo={r.isDemo} /></Space> },
          { title: kind === 'achievement' ? m('owner') : m('demander'), width: 220, render: (_, r) => r.owner?.name || m('noOwner') },
          { title: kind === 'achievement' ? m('priceKind') : m('budget'), width: 200, render: (_, r) => priceText(r, vocab) },
          { title: m('updatedAt'), width: 170, render: (_, r) => formatInstant(r.submittedAt ?? r.updatedAt) },
          { title: '', width: 300, render: (_, r) => <ListingActions kind={kind} listing={r} /> },
        ]}
      />
      <Card size="small" title={`${m('import')} / ${m('export')}`}>
        <ImportExport kind={kind} />
      </Card>
    </Space>
  );
}

export default function ReviewPage() {
  const { m } = useMarketText();
  return (
    <>
      <PageHeader title={m('review')} />
      <Tabs
        items={[
          { key: 'achievement', label: m('achievements'), children: <Queue kind="achievement" /> },
          { key: 'demand', label: m('demands'), children: <Queue kind="demand" /> },
        ]}
      />
    </>
  );
}
