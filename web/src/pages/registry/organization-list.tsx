import { Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { INDUSTRIES, ORGANIZATION_KINDS, QUALIFICATION_TYPES } from '../../../../common/vocabulary.js';
import { DateFilter } from '../../components/date-filter.js';
import { JurisdictionSelect } from '../../components/pickers.js';
import { nameColumn, RegistryListPage } from '../../components/registry-list-page.js';
import { useListParams } from '../../components/use-list-params.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { divisionPrefix, EMPTY, validity } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { useOrganizations } from '../../queries.js';
import type { OrganizationSummary } from '../../types.js';

const FILTERS = ['q', 'kind', 'division', 'industry', 'qualification', 'validOn'] as const;

export default function OrganizationList() {
  const { t, vocab } = useI18n();
  const list = useListParams(FILTERS);
  const { values, update } = list;

  const query = useOrganizations({
    ...values,
    division: values.division ? divisionPrefix(values.division) : undefined,
    page: list.page,
    pageSize: list.pageSize,
  });

  const columns: ColumnsType<OrganizationSummary> = [
    nameColumn(t('org.name'), '/organizations'),
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
    <RegistryListPage
      entity="organization"
      basePath="/organizations"
      title={t('nav.organizations')}
      createLabel={t('org.new')}
      list={list}
      search={{ placeholder: t('org.searchPlaceholder'), width: 300, testId: 'org-search' }}
      filters={
        <>
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
            <DateFilter
              placeholder={t('org.filterValidOn')}
              value={values.validOn}
              onChange={(validOn) => update({ validOn })}
              style={{ width: 200 }}
            />
          )}
        </>
      }
      columns={columns}
      query={query}
      scrollX={1000}
      tableTestId="organizations-table"
    />
  );
}
