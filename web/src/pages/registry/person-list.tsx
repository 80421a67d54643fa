import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Input, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { EMPLOYMENT, PERSON_ROLES } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { useListParams } from '../../components/use-list-params.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { EMPTY, text } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { canCreate } from '../../permissions.js';
import { usePeople } from '../../queries.js';
import type { Affiliation, PersonRoleEntry, PersonSummary } from '../../types.js';

const FILTERS = ['q', 'role', 'organizationId'] as const;

export default function PersonList() {
  const { t, vocab } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { values, page, pageSize, update, reset } = useListParams(FILTERS);
  const [search, setSearch] = useState(values.q ?? '');
  useEffect(() => setSearch(values.q ?? ''), [values.q]);
  const query = usePeople({ ...values, page, pageSize });

  const columns: ColumnsType<PersonSummary> = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4} wrap>
          <Link to={`/people/${encodeURIComponent(row.id)}`} onClick={(event) => event.stopPropagation()}>
            {name}
          </Link>
          <DemoTag isDemo={row.isDemo} />
        </Space>
      ),
    },
    { title: t('person.idNumberMasked'), dataIndex: 'idNumberMasked', width: 200, render: (v: string) => <code>{v}</code> },
    { title: t('person.phone'), dataIndex: 'phone', width: 140, render: (v?: string | null) => text(v) },
    {
      title: t('person.roles'),
      dataIndex: 'roles',
      render: (roles: PersonRoleEntry[] | undefined) =>
        roles?.length
          ? roles.map((r, i) => (
              <Tag key={`${r.role}-${i}`} color="blue">
                {vocab(PERSON_ROLES, r.role)}
                {r.employment ? `·${vocab(EMPLOYMENT, r.employment)}` : ''}
              </Tag>
            ))
          : EMPTY,
    },
    {
      title: t('person.affiliations'),
      dataIndex: 'affiliations',
      render: (affiliations: Affiliation[] | undefined) =>
        affiliations?.length ? affiliations.map((a) => a.organizationName ?? a.organizationId).join('、') : EMPTY,
    },
  ];

  return (
    <div className="tt-page">
      <PageHeader
        title={t('nav.people')}
        extra={
          canCreate(user, 'person') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/people/new')}>
              {t('person.new')}
            </Button>
          )
        }
      />
      <Space wrap className="tt-filters">
        <Input.Search
          placeholder={t('person.searchPlaceholder')}
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          style={{ width: 260 }}
        />
        <VocabSelect
          vocabulary={PERSON_ROLES}
          placeholder={t('person.filterRole')}
          value={values.role}
          onChange={(role) => update({ role: role as string | undefined })}
          style={{ width: 220 }}
        />
        <OrganizationSelect
          placeholder={t('person.filterOrganization')}
          value={values.organizationId}
          onChange={(organizationId) => update({ organizationId })}
          style={{ width: 280 }}
        />
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Space>
      <Table<PersonSummary>
        className="tt-clickable-rows"
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 900 }}
        onRow={(row) => ({ onClick: () => navigate(`/people/${encodeURIComponent(row.id)}`) })}
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
        data-testid="people-table"
      />
    </div>
  );
}
