import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, DatePicker, Input, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { INDUSTRIES, ORGANIZATION_KINDS, QUALIFICATION_TYPES } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader } from '../../components/page.js';
import { JurisdictionSelect } from '../../components/pickers.js';
import { useListParams } from '../../components/use-list-params.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { divisionPrefix, EMPTY, validity } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { canCreate } from '../../permissions.js';
import { useOrganizations } from '../../queries.js';
import type { OrganizationSummary } from '../../types.js';

const FILTERS = ['q', 'kind', 'division', 'industry', 'qualification', 'validOn'] as const;

export default function OrganizationList() {
  const { t, vocab } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { values, page, pageSize, update, reset } = useListParams(FILTERS);
  const [search, setSearch] = useState(values.q ?? '');
  useEffect(() => setSearch(values.q ?? ''), [values.q]);

  const query = useOrganizations({
    ...values,
    division: values.division ? divisionPrefix(values.division) : undefined,
    page,
    pageSize,
  });

  const columns: ColumnsType<OrganizationSummary> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4} wrap>
          <Link to={`/organizations/${encodeURIComponent(row.id)}`} onClick={(event) => event.stopPropagation()}>
            {name}
          </Link>
          <DemoTag isDemo={row.isDemo} />
        </Space>
      ),
    },
    { title: t('org.uscc'), dataIndex: 'uscc', width: 190, render: (uscc: string) => <code>{uscc}</code> },
    { title: t('org.kind'), dataIndex: 'kind', width: 120, render: (kind: string) => vocab(ORGANIZATION_KINDS, kind) },
    {
      title: t('org.division'),
      dataIndex: 'divisionCode',
      width: 150,
      render: (code: string, row) => (row.divisionName ? <Tooltip title={code}>{row.divisionName}</Tooltip> : code),
    },
    {
      title: t('org.industries'),
      dataIndex: 'industries',
      render: (industries: string[] | undefined) =>
        industries?.length ? industries.map((code) => <Tag key={code}>{vocab(INDUSTRIES, code)}</Tag>) : EMPTY,
    },
    {
      title: t('org.qualifications'),
      dataIndex: 'qualifications',
      render: (qualifications: OrganizationSummary['qualifications']) => {
        if (qualifications === undefined) {
          // List answers do not carry qualifications yet; under the filter every row holds one.
          return values.qualification ? <Tag color="green">{vocab(QUALIFICATION_TYPES, values.qualification)}</Tag> : null;
        }
        if (!qualifications.length) return EMPTY;
        return qualifications.map((q, index) => {
          const state = validity(q.issuedOn, q.validUntil);
          return (
            <Tooltip key={`${q.type}-${q.number}-${index}`} title={`${q.number} · ${q.issuedOn} ~ ${q.validUntil ?? ''}`}>
              <Tag color={state === 'valid' ? 'green' : undefined}>
                {vocab(QUALIFICATION_TYPES, q.type)}
                {state === 'valid' ? '' : `（${t(state === 'expired' ? 'qual.expired' : 'qual.notYet')}）`}
              </Tag>
            </Tooltip>
          );
        });
      },
    },
  ];

  return (
    <div className="tt-page">
      <PageHeader
        title={t('nav.organizations')}
        extra={
          canCreate(user, 'organization') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/organizations/new')}>
              {t('org.new')}
            </Button>
          )
        }
      />
      <Space wrap className="tt-filters">
        <Input.Search
          placeholder={t('org.searchPlaceholder')}
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          style={{ width: 300 }}
          data-testid="org-search"
        />
        <VocabSelect
          vocabulary={ORGANIZATION_KINDS}
          placeholder={t('org.filterKind')}
          value={values.kind}
          onChange={(kind) => update({ kind: kind as string | undefined })}
          style={{ width: 150 }}
          data-testid="filter-kind"
        />
        <JurisdictionSelect
          placeholder={t('org.filterDivision')}
          value={values.division}
          onChange={(division) => update({ division })}
          style={{ width: 200 }}
        />
        <VocabSelect
          vocabulary={INDUSTRIES}
          placeholder={t('org.filterIndustry')}
          value={values.industry}
          onChange={(industry) => update({ industry: industry as string | undefined })}
          style={{ width: 140 }}
        />
        <VocabSelect
          vocabulary={QUALIFICATION_TYPES}
          placeholder={t('org.filterQualification')}
          value={values.qualification}
          onChange={(qualification) => update({ qualification: qualification as string | undefined })}
          style={{ width: 160 }}
          data-testid="filter-qualification"
        />
        {values.qualification && (
          <DatePicker
            placeholder={t('org.filterValidOn')}
            value={values.validOn ? dayjs(values.validOn) : null}
            onChange={(date) => update({ validOn: date ? date.format('YYYY-MM-DD') : undefined })}
            style={{ width: 200 }}
          />
        )}
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Space>
      <Table<OrganizationSummary>
        className="tt-clickable-rows"
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 1000 }}
        onRow={(row) => ({ onClick: () => navigate(`/organizations/${encodeURIComponent(row.id)}`) })}
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
        data-testid="organizations-table"
      />
    </div>
  );
}
