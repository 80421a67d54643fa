import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LEVELS, PLATFORM_TYPES } from '../../../../common/vocabulary.js';
import { DateFilter } from '../../components/date-filter.js';
import { JurisdictionSelect } from '../../components/pickers.js';
import { nameColumn, RegistryListPage, RowLink } from '../../components/registry-list-page.js';
import { useListParams } from '../../components/use-list-params.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { divisionPrefix, text } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { usePlatforms } from '../../queries.js';
import type { Platform } from '../../types.js';
import { PlatformStatus } from './platform-detail.js';
import { hostName } from './platform-form.js';

const FILTERS = ['q', 'type', 'level', 'division', 'activeOn'] as const;

export default function PlatformList() {
  const { t, vocab } = useI18n();
  const list = useListParams(FILTERS);
  const { values, update } = list;
  const query = usePlatforms({
    ...values,
    division: values.division ? divisionPrefix(values.division) : undefined,
    page: list.page,
    pageSize: list.pageSize,
  });

  const columns: ColumnsType<Platform> = [
    nameColumn(t('platform.name'), '/platforms'),
    { title: t('platform.type'), dataIndex: 'type', width: 170, render: (v: string) => vocab(PLATFORM_TYPES, v) },
    { title: t('platform.level'), dataIndex: 'level', width: 90, render: (v: string) => <Tag>{vocab(LEVELS, v)}</Tag> },
    {
      title: t('platform.host'),
      dataIndex: 'hostOrganizationId',
      render: (id: string, row) => <RowLink to={`/organizations/${encodeURIComponent(id)}`}>{hostName(row)}</RowLink>,
    },
    { title: t('platform.recognizedOn'), dataIndex: 'recognizedOn', width: 120 },
    { title: t('platform.revokedOn'), dataIndex: 'revokedOn', width: 120, render: (v?: string | null) => text(v) },
    { title: t('platform.status'), key: 'status', width: 90, render: (_: unknown, row) => <PlatformStatus platform={row} /> },
  ];

  return (
    <RegistryListPage
      entity="platform"
      basePath="/platforms"
      title={t('nav.platforms')}
      createLabel={t('platform.new')}
      list={list}
      search={{ placeholder: t('platform.searchPlaceholder'), width: 260 }}
      filters={
        <>
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
          <DateFilter
            placeholder={t('platform.filterActiveOn')}
            value={values.activeOn}
            onChange={(activeOn) => update({ activeOn })}
            style={{ width: 160 }}
          />
        </>
      }
      columns={columns}
      query={query}
      scrollX={1000}
      tableTestId="platforms-table"
    />
  );
}
