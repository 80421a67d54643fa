import { Link, useParams } from 'react-router';
import { CreditCard } from '../credit/credit-routes.js';
import { Descriptions, Space } from 'antd';
import { BROKER_LEVELS, EMPLOYMENT, PERSON_ROLES } from '../../../../common/vocabulary.js';
import { DetailShell } from '../../components/detail-shell.js';
import { DetailTableCard } from '../../components/detail-table-card.js';
import { QueryGate } from '../../components/page.js';
import { EMPTY, formatInstant, text } from '../../format.js';
import { useUser } from '../../auth.js';
import { useI18n } from '../../i18n.js';
import { canEditFacts } from '../../permissions.js';
import { usePerson, useUpdatePerson } from '../../queries.js';
import type { Affiliation, Person, PersonRoleEntry } from '../../types.js';
import { PersonForm } from './person-form.js';

export default function PersonDetail() {
  const { id = '' } = useParams();
  const query = usePerson(id);
  return <QueryGate query={query}>{(person) => <PersonView person={person} onReload={() => void query.refetch()} />}</QueryGate>;
}

function PersonView({ person, onReload }: { person: Person; onReload: () => void }) {
  const { t, vocab } = useI18n();
  const update = useUpdatePerson(person.id);
  const user = useUser();

  const roleColumns = [
    { title: t('person.role'), dataIndex: 'role', render: (v: string) => vocab(PERSON_ROLES, v) },
    { title: t('person.employment'), dataIndex: 'employment', render: (v?: string | null) => (v ? vocab(EMPLOYMENT, v) : EMPTY) },
    { title: t('person.level'), dataIndex: 'level', render: (v?: string | null) => (v ? vocab(BROKER_LEVELS, v) : EMPTY) },
    { title: t('person.certificateNumber'), dataIndex: 'certificateNumber', render: (v?: string | null) => text(v) },
  ];
  const affiliationColumns = [
    {
      title: t('person.organization'),
      dataIndex: 'organizationId',
      render: (id: string, a: Affiliation) => <Link to={`/organizations/${encodeURIComponent(id)}`}>{a.organizationName ?? id}</Link>,
    },
    { title: t('person.title'), dataIndex: 'title', render: (v?: string | null) => text(v) },
  ];

  const overview = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('person.name'), children: person.name },
          { key: 'idNumberMasked', label: t('person.idNumberMasked'), children: <code data-testid="id-number-masked">{person.idNumberMasked}</code> },
          { key: 'phone', label: t('person.phone'), children: text(person.phone) },
          { key: 'version', label: t('common.version'), children: person.version },
          { key: 'updatedAt', label: t('common.updatedAt'), children: formatInstant(person.updatedAt) },
        ]}
      />
      <DetailTableCard<PersonRoleEntry>
        title={t('person.roles')}
        rowKey={(r) => `${r.role}-${r.certificateNumber ?? ''}`}
        columns={roleColumns}
        dataSource={person.roles ?? []}
      />
      <DetailTableCard<Affiliation> title={t('person.affiliations')} rowKey="organizationId" columns={affiliationColumns} dataSource={person.affiliations ?? []} />
      <CreditCard personId={person.id} />
    </Space>
  );

  return (
    <DetailShell
      entity="person"
      record={person}
      backTo="/people"
      overview={overview}
      editTitle={t('person.edit')}
      drawerSize={760}
      update={update}
      renderForm={(props) => <PersonForm person={person} factsLocked={!canEditFacts(user, 'person')} {...props} />}
      onReload={onReload}
    />
  );
}
