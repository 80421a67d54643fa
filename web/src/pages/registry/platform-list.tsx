import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, DatePicker, Input, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { LEVELS, PLATFORM_TYPES } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader } from '../../components/page.js';
import { JurisdictionSelect } from '../../components/pickers.js';
import { useListParams } from '../../components/use-list-params.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { divisionPrefix, text } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { canCreate } from '../../permissions.js';
import { usePlatforms } from '../../queries.js';
import type { Platform } from '../../types.js';
import { PlatformStatus } from './platform-detail.js';
import { hostName } from './platform-form.js';

const FILTERS = ['q', 'type', 'level', 'division', 'activeOn'] as const;

export default function PlatformList() {
  const { t, vocab } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { values, page, pageSize, update, reset } = useListParams(FILTERS);
  const [search, setSearch] = useState(values.q ?? '');
  useEffect(() => setSearch(values.q ?? ''), [values.q]);
  const query = usePlatforms({
    ...values,
    division: values.division ? divisionPrefix(values.division) : undefined,
    page,
    pageSize,
  });

  const columns: ColumnsType<Platform> = [
    {
      title: t('platform.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4} wrap>
          <Link to={`/platforms/${encodeURIComponent(row.id)}`} onClick={(event) => event.stopPropagation()}>
            {name}
          </Link>
          <DemoTag isDemo={row.isDemo} />
        </Space>
      ),
    },
    { title: t('platform.type'), dataIndex: 'type', width: 170, render: (v: string) => vocab(PLATFORM_TYPES, v) },
    { title: t('platform.level'), dataIndex: 'level', width: 90, render: (v: string) => <Tag>{vocab(LEVELS, v)}</Tag> },
    {
      title: t('platform.host'),
      dataIndex: 'hostOrganizationId',
      render: (id: string, row) => (
        <Link to={`/organizations/${encodeURIComponent(id)}`} onClick={(event) => event.stopPropagation()}>
          {hostName(row)}
        </Link>
      ),
    },
    { title: t('platform.recognizedOn'), dataIndex: 'recognizedOn', width: 120 },
    { title: t('platform.revokedOn'), dataIndex: 'revokedOn', width: 120, render: (v?: string | null) => text(v) },
    { title: t('platform.status'), key: 'status', width: 90, render: (_: unknown, row) => <PlatformStatus platform={row} /> },
  ];

  return (
    <div className="tt-page">
      <PageHeader
        title={t('nav.platforms')}
        extra={
          canCreate(user, 'platform') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/platforms/new')}>
              {t('platform.new')}
            </Button>
          )
        }
      />
      <Space wrap className="tt-filters">
        <Input.Search
          placeholder={t('platform.searchPlaceholder')}
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          style={{ width: 260 }}
        />
        <VocabSelect
          vocabulary={PLATFORM_TYPES}
          placeholder={t('platform.type')}
          value={values.type}
          onChange={(type) => update({ type: type as string | undefined })}
          style={{ width: 200 }}
        />
        <VocabSelect
          vocabulary={LEVELS}
          placeholder={t('platform.level')}
          value={values.level}
          onChange={(level) => update({ level: level as string | undefined })}
          style={{ width: 110 }}
        />
        <JurisdictionSelect
          placeholder={t('org.filterDivision')}
          value={values.division}
          onChange={(division) => update({ division })}
          style={{ width: 200 }}
        />
        <DatePicker
          placeholder={t('platform.filterActiveOn')}
          value={values.activeOn ? dayjs(values.activeOn) : null}
          onChange={(date) => update({ activeOn: date ? date.format('YYYY-MM-DD') : undefined })}
          style={{ width: 160 }}
        />
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Space>
      <Table<Platform>
        className="tt-clickable-rows"
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 1000 }}
        onRow={(row) => ({ onClick: () => navigate(`/platforms/${encodeURIComponent(row.id)}`) })}
        locale={query.isError ? { emptyText: query.error.message } : undefined}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (nextPage, nextSize) => update({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
        }}
        data-testid="platforms-table"
      />
    </div>
  );
}
