import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Descriptions, Drawer, Tabs, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { LEVELS, PLATFORM_TYPES } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { AuditTable } from '../../components/audit-table.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { formatInstant, text, today } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { can, canUpdate, PERMISSIONS } from '../../permissions.js';
import { usePlatform, useUpdatePlatform } from '../../queries.js';
import type { Platform } from '../../types.js';
import { hostName, PlatformForm } from './platform-form.js';

export function PlatformStatus({ platform }: { platform: Platform }) {
  const { t } = useI18n();
  const revoked = !!platform.revokedOn && platform.revokedOn <= today();
  return <Tag color={revoked ? 'default' : 'green'}>{t(revoked ? 'platform.revoked' : 'platform.active')}</Tag>;
}

export default function PlatformDetail() {
  const { id = '' } = useParams();
  const query = usePlatform(id);
  return <QueryGate query={query}>{(platform) => <PlatformView platform={platform} onReload={() => void query.refetch()} />}</QueryGate>;
}

function PlatformView({ platform, onReload }: { platform: Platform; onReload: () => void }) {
  const { t, vocab } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const [editing, setEditing] = useState(false);
  const [opened, setOpened] = useState(0);
  const startEditing = () => {
    setOpened((n) => n + 1);
    setEditing(true);
  };
  const update = useUpdatePlatform(platform.id);
  const editable = canUpdate(user, 'platform');
  const canSeeAudit = can(user, PERMISSIONS.auditRead);

  const overview = (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'name', label: t('platform.name'), children: platform.name, span: 2 },
        { key: 'type', label: t('platform.type'), children: vocab(PLATFORM_TYPES, platform.type) },
        { key: 'level', label: t('platform.level'), children: vocab(LEVELS, platform.level) },
        {
          key: 'host',
          label: t('platform.host'),
          children: <Link to={`/organizations/${encodeURIComponent(platform.hostOrganizationId)}`}>{hostName(platform)}</Link>,
          span: 2,
        },
        { key: 'recognizedOn', label: t('platform.recognizedOn'), children: platform.recognizedOn },
        { key: 'revokedOn', label: t('platform.revokedOn'), children: text(platform.revokedOn) },
        { key: 'documentNumber', label: t('platform.documentNumber'), children: text(platform.documentNumber) },
        { key: 'status', label: t('platform.status'), children: <PlatformStatus platform={platform} /> },
        { key: 'version', label: t('common.version'), children: platform.version },
        { key: 'updatedAt', label: t('common.updatedAt'), children: formatInstant(platform.updatedAt) },
      ]}
    />
  );

  return (
    <div className="tt-page">
      <PageHeader
        back="/platforms"
        title={platform.name}
        tags={<DemoTag isDemo={platform.isDemo} />}
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
          ...(canSeeAudit ? [{ key: 'audit', label: t('audit.tab'), children: <AuditTable subjectType="platform" subjectId={platform.id} /> }] : []),
        ]}
      />
      <Drawer title={t('platform.edit')} open={editing} onClose={() => setEditing(false)} size={720} destroyOnHidden>
        <PlatformForm
          key={`${platform.version}-${opened}`}
          platform={platform}
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
