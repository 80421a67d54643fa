import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Drawer, Space, Table, Tabs } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { BROKER_LEVELS, EMPLOYMENT, PERSON_ROLES } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { AuditTable } from '../../components/audit-table.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { EMPTY, formatInstant, text } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { can, canUpdate, PERMISSIONS } from '../../permissions.js';
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
  const { message } = App.useApp();
  const user = useUser();
  const [editing, setEditing] = useState(false);
  const [opened, setOpened] = useState(0);
  const startEditing = () => {
    setOpened((n) => n + 1);
    setEditing(true);
  };
  const update = useUpdatePerson(person.id);
  const editable = canUpdate(user, 'person');
  const canSeeAudit = can(user, PERMISSIONS.auditRead);

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
      <Card size="small" title={t('person.roles')}>
        <Table<PersonRoleEntry> size="small" rowKey={(r) => `${r.role}-${r.certificateNumber ?? ''}`} columns={roleColumns} dataSource={person.roles ?? []} pagination={false} locale={{ emptyText: t('common.none') }} />
      </Card>
      <Card size="small" title={t('person.affiliations')}>
        <Table<Affiliation> size="small" rowKey="organizationId" columns={affiliationColumns} dataSource={person.affiliations ?? []} pagination={false} locale={{ emptyText: t('common.none') }} />
      </Card>
    </Space>
  );

  return (
    <div className="tt-page">
      <PageHeader
        back="/people"
        title={person.name}
        tags={<DemoTag isDemo={person.isDemo} />}
        extra={
          editable && (
            <Button type="primary" icon={<EditOutlined />} onClick={startEditing} data-testid="edit-button">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'overview', label: t('common.basic'), children: overview },
          ...(canSeeAudit ? [{ key: 'audit', label: t('audit.tab'), children: <AuditTable subjectType="person" subjectId={person.id} /> }] : []),
        ]}
      />
      <Drawer title={t('person.edit')} open={editing} onClose={() => setEditing(false)} size={760} destroyOnHidden>
        <PersonForm
          key={`${person.version}-${opened}`}
          person={person}
          submitting={update.isPending}
          onCancel={() => setEditing(false)}
          onReload={onReload}
          onSubmit={async (body) => {
            await update.mutateAsync(body as Parameters<typeof update.mutateAsync>[0]);
            void message.success(t('common.saved'));
            setEditing(false);
          }}
        />
      </Drawer>
    </div>
  );
}
