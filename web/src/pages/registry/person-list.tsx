import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EMPLOYMENT, PERSON_ROLES } from '../../../../common/vocabulary.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { nameColumn, RegistryListPage } from '../../components/registry-list-page.js';
import { useListParams } from '../../components/use-list-params.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { EMPTY, text } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { usePeople } from '../../queries.js';
import type { Affiliation, PersonRoleEntry, PersonSummary } from '../../types.js';

const FILTERS = ['q', 'role', 'organizationId'] as const;

export default function PersonList() {
  const { t, vocab } = useI18n();
  const list = useListParams(FILTERS);
  const { values, update } = list;
  const query = usePeople({ ...values, page: list.page, pageSize: list.pageSize });

  const columns: ColumnsType<PersonSummary> = [
    nameColumn(t('person.name'), '/people'),
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
    <RegistryListPage
      entity="person"
      basePath="/people"
      title={t('nav.people')}
      createLabel={t('person.new')}
      list={list}
      search={{ placeholder: t('person.searchPlaceholder'), width: 260 }}
      filters={
        <>
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
        </>
      }
      columns={columns}
      query={query}
      scrollX={900}
      tableTestId="people-table"
    />
  );
}
