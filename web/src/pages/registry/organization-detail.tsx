import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Descriptions, Space, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  HOLDER_TYPES,
  INDUSTRIES,
  LEVELS,
  ORGANIZATION_KINDS,
  PLATFORM_TYPES,
  QUALIFICATION_TYPES,
  SERVICE_TYPES,
} from '../../../../common/vocabulary.js';
import type { Contact } from '../../../../common/registry-schema.js';
import { useUser } from '../../auth.js';
import { DetailShell } from '../../components/detail-shell.js';
import { DetailTableCard } from '../../components/detail-table-card.js';
import { CreditCard } from '../credit/credit-routes.js';
import { QueryGate } from '../../components/page.js';
import { EMPTY, INDEFINITE, formatInstant, formatPercent, text, validity } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { can, canEditFacts } from '../../permissions.js';
import { useOrganization, useUpdateOrganization } from '../../queries.js';
import type { EquityHolder, HostedPlatform, Organization, Qualification } from '../../types.js';
import { OrganizationForm } from './organization-form.js';
import { QualificationModal } from './qualification-modal.js';
import { EquityModal } from './equity-modal.js';
import { ChangeRequestsPanel, RequestChangeMenu } from './change-request-panel.js';

export default function OrganizationDetail() {
  const { id = '' } = useParams();
  const query = useOrganization(id);
  return <QueryGate query={query}>{(organization) => <OrganizationView organization={organization} onReload={() => void query.refetch()} />}</QueryGate>;
}

function OrganizationView({ organization, onReload }: { organization: Organization; onReload: () => void }) {
  const { t, vocab } = useI18n();
  const user = useUser();
  const [addingQualification, setAddingQualification] = useState(false);
  const [editingEquity, setEditingEquity] = useState(false);
  const update = useUpdateOrganization(organization.id);
  // Own users add qualifications and change equity through a 变更申请 (RequestChangeMenu), not here.
  const addsQualifications = can(user, 'registry.qualification.create');
  const editsEquity = can(user, 'registry.equity.replace');
  const factsLocked = !canEditFacts(user, 'organization');

  const person = (ref: Organization['legalRepresentative'], id: string | null | undefined) => {
    const personId = ref?.id ?? id;
    if (!personId) return EMPTY;
    return <Link to={`/people/${encodeURIComponent(personId)}`}>{ref?.name ?? personId}</Link>;
  };

  const basic = (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="organization-descriptions"
      items={[
        { key: 'name', label: t('org.name'), children: organization.name },
        { key: 'uscc', label: t('org.uscc'), children: <code>{organization.uscc}</code> },
        { key: 'kind', label: t('org.kind'), children: vocab(ORGANIZATION_KINDS, organization.kind) },
        {
          key: 'division',
          label: t('org.division'),
          children: organization.divisionName ? `${organization.divisionName}（${organization.divisionCode}）` : organization.divisionCode,
        },
        { key: 'address', label: t('org.address'), children: text(organization.address), span: 2 },
        { key: 'description', label: t('org.description'), children: <span style={{ whiteSpace: 'pre-wrap' }} data-testid="organization-description-text">{text(organization.description)}</span>, span: 2 },
        {
          key: 'industries',
          label: t('org.industries'),
          children: organization.industries?.length ? organization.industries.map((c) => <Tag key={c}>{vocab(INDUSTRIES, c)}</Tag>) : EMPTY,
        },
        {
          key: 'serviceTypes',
          label: t('org.serviceTypes'),
          children: organization.serviceTypes?.length ? organization.serviceTypes.map((c) => <Tag key={c}>{vocab(SERVICE_TYPES, c)}</Tag>) : EMPTY,
        },
        ...(organization.kind === 'new_rd_institution' || organization.rdFiled != null
          ? [
              { key: 'rdFiled', label: t('org.rdFiled'), children: organization.rdFiled ? t('common.yes') : t('common.no') },
              { key: 'rdFiledOn', label: t('org.rdFiledOn'), children: text(organization.rdFiledOn) },
            ]
          : []),
        { key: 'legalRepresentative', label: t('org.legalRepresentative'), children: person(organization.legalRepresentative, organization.legalRepresentativeId) },
        { key: 'actualController', label: t('org.actualController'), children: person(organization.actualController, organization.actualControllerId) },
        { key: 'version', label: t('common.version'), children: organization.version },
        { key: 'updatedAt', label: t('common.updatedAt'), children: formatInstant(organization.updatedAt) },
      ]}
    />
  );

  const qualificationColumns = [
    { title: t('qual.type'), dataIndex: 'type', render: (v: string) => vocab(QUALIFICATION_TYPES, v) },
    { title: t('qual.number'), dataIndex: 'number' },
    { title: t('qual.level'), dataIndex: 'level', render: (v: string | null) => (v ? vocab(LEVELS, v) : EMPTY) },
    { title: t('qual.issuedOn'), dataIndex: 'issuedOn' },
    { title: t('qual.validUntil'), dataIndex: 'validUntil', render: (v: string | null) => (v === INDEFINITE ? t('qual.indefinite') : text(v)) },
    {
      title: t('qual.status'),
      key: 'status',
      render: (_: unknown, q: Qualification) => {
        const state = validity(q.issuedOn, q.validUntil);
        const color = state === 'valid' ? 'green' : state === 'expired' ? 'default' : 'blue';
        return <Tag color={color}>{t(state === 'valid' ? 'qual.valid' : state === 'expired' ? 'qual.expired' : 'qual.notYet')}</Tag>;
      },
    },
  ];

  const equityColumns = [
    {
      title: t('equity.holder'),
      key: 'holder',
      render: (_: unknown, h: EquityHolder) => {
        const id = h.holderId ?? (h.holderType === 'organization' ? h.holderOrganizationId : h.holderPersonId);
        const base = h.holderType === 'organization' ? '/organizations' : '/people';
        return id ? <Link to={`${base}/${encodeURIComponent(id)}`}>{h.holderName ?? id}</Link> : text(h.holderName);
      },
    },
    { title: t('equity.holderType'), dataIndex: 'holderType', render: (v: string) => vocab(HOLDER_TYPES, v) },
    { title: t('equity.percent'), dataIndex: 'percent', align: 'right' as const, render: (v: number) => formatPercent(v) },
  ];

  const contactColumns = [
    { title: t('contact.name'), dataIndex: 'name' },
    { title: t('contact.title'), dataIndex: 'title', render: (v?: string) => text(v) },
    { title: t('contact.phone'), dataIndex: 'phone', render: (v?: string) => text(v) },
    { title: t('contact.email'), dataIndex: 'email', render: (v?: string) => text(v) },
  ];

  const platformColumns = [
    {
      title: t('platform.name'),
      dataIndex: 'name',
      render: (name: string, p: HostedPlatform) => <Link to={`/platforms/${encodeURIComponent(p.id)}`}>{name}</Link>,
    },
    { title: t('platform.type'), dataIndex: 'type', render: (v: string) => vocab(PLATFORM_TYPES, v) },
    { title: t('platform.level'), dataIndex: 'level', render: (v: string) => vocab(LEVELS, v) },
    { title: t('platform.revokedOn'), dataIndex: 'revokedOn', render: (v?: string | null) => text(v) },
  ];

  const overview = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ChangeRequestsPanel organizationId={organization.id} part="banner" />
      <RequestChangeMenu organization={organization} />
      {basic}
      <DetailTableCard<Qualification>
        title={t('org.qualifications')}
        extra={
          addsQualifications && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingQualification(true)}>
              {t('org.addQualification')}
            </Button>
          )
        }
        rowKey={(q) => q.id ?? `${q.type}-${q.number}`}
        columns={qualificationColumns}
        dataSource={organization.qualifications ?? []}
      />
      <DetailTableCard<EquityHolder>
        title={t('org.equityHolders')}
        extra={
          editsEquity && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditingEquity(true)} data-testid="edit-equity">
              {t('equity.edit')}
            </Button>
          )
        }
        rowKey={(h) => h.id ?? `${h.holderType}-${h.holderId ?? h.holderOrganizationId ?? h.holderPersonId}`}
        columns={equityColumns}
        dataSource={organization.equityHolders ?? []}
      />
      <DetailTableCard<Contact>
        title={t('org.contacts')}
        rowKey={(c) => `${c.name}-${c.phone ?? ''}-${c.email ?? ''}`}
        columns={contactColumns}
        dataSource={organization.contacts ?? []}
      />
      <DetailTableCard<HostedPlatform> title={t('org.platforms')} rowKey="id" columns={platformColumns} dataSource={organization.platforms ?? []} />
      <ChangeRequestsPanel organizationId={organization.id} part="history" />
      <CreditCard organizationId={organization.id} />
    </Space>
  );

  return (
    <DetailShell
      entity="organization"
      record={organization}
      backTo="/organizations"
      overview={overview}
      editTitle={t('org.edit')}
      drawerSize={760}
      update={update}
      renderForm={(props) => <OrganizationForm organization={organization} factsLocked={factsLocked} {...props} />}
      onReload={onReload}
    >
      <QualificationModal organizationId={organization.id} open={addingQualification} onClose={() => setAddingQualification(false)} />
      {editingEquity && (
        <EquityModal
          organizationId={organization.id}
          holders={organization.equityHolders ?? []}
          open={editingEquity}
          onClose={() => setEditingEquity(false)}
        />
      )}
    </DetailShell>
  );
}
