/**
 * The frame of a registry list (机构库 / 人员库 / 研发平台与载体): header with 新建, a filter bar
 * (search box, the entity's own filters, 重置) and a table whose rows open the record, with
 * paging kept in the URL by `useListParams`. The entity page gives its columns and filters.
 */
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Input, Space, Table } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useUser } from '../auth.js';
import { useI18n } from '../i18n.js';
import { canCreate, type RegistryEntity } from '../permissions.js';
import type { Page } from '../types.js';
import { DemoTag } from './demo-tag.js';
import { PageHeader } from './page.js';
import type { ListParams } from './use-list-params.js';

/** A link inside a clickable row: follows the link without also opening the row. */
export function RowLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} onClick={(event: MouseEvent) => event.stopPropagation()}>
      {children}
    </Link>
  );
}

/** The first column of a registry list: the record's name, linking to it, and its 演示数据 tag. */
export function nameColumn<T extends { id: string; name: string; isDemo?: boolean }>(title: string, basePath: string): ColumnType<T> {
  return {
    title,
    dataIndex: 'name',
    render: (name: string, row: T) => (
      <Space size={4} wrap>
        <RowLink to={`${basePath}/${encodeURIComponent(row.id)}`}>{name}</RowLink>
        <DemoTag isDemo={row.isDemo} />
      </Space>
    ),
  };
}

interface RegistryListPageProps<T extends { id: string }> {
  /** Whose create permission shows the 新建 button (or `allowCreate`, for other modules' lists). */
  entity?: RegistryEntity;
  allowCreate?: boolean;
  /** More header buttons, before 新建 (e.g. 导入). */
  extra?: ReactNode;
  /** The list's route, e.g. `/organizations`: 新建 opens `…/new`, a row opens `…/:id`. */
  basePath: string;
  title: string;
  createLabel: string;
  /** The list's URL state (from `useListParams`, whose keys include `q`). */
  list: ListParams<'q'>;
  search: { placeholder: string; width: number; testId?: string };
  /** The entity's own filters, between the search box and 重置. */
  filters: ReactNode;
  columns: ColumnsType<T>;
  query: UseQueryResult<Page<T>>;
  scrollX: number;
  tableTestId: string;
}

export function RegistryListPage<T extends { id: string }>({
  entity,
  allowCreate,
  extra,
  basePath,
  title,
  createLabel,
  list,
  search,
  filters,
  columns,
  query,
  scrollX,
  tableTestId,
}: RegistryListPageProps<T>) {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { values, page, pageSize, update, reset } = list;
  // The box's text is typed freely; the URL's `q` changes on Enter (and resets the box on 重置 or Back).
  const [searchText, setSearchText] = useState(values.q ?? '');
  useEffect(() => setSearchText(values.q ?? ''), [values.q]);

  return (
    <div className="tt-page">
      <PageHeader
        title={title}
        extra={
          <>
            {extra}
            {(allowCreate ?? (entity !== undefined && canCreate(user, entity))) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${basePath}/new`)}>
                {createLabel}
              </Button>
            )}
          </>
        }
      />
      <Space wrap className="tt-filters">
        <Input.Search
          placeholder={search.placeholder}
          allowClear
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          style={{ width: search.width }}
          data-testid={search.testId}
        />
        {filters}
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Space>
      <Table<T>
        className="tt-clickable-rows"
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: scrollX }}
        onRow={(row) => ({ onClick: () => navigate(`${basePath}/${encodeURIComponent(row.id)}`) })}
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
        data-testid={tableTestId}
      />
    </div>
  );
}
