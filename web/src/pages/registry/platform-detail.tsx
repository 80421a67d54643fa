import { Link, useParams } from 'react-router';
import { Descriptions, Tag } from 'antd';
import { LEVELS, PLATFORM_TYPES } from '../../../../common/vocabulary.js';
import { DetailShell } from '../../components/detail-shell.js';
import { QueryGate } from '../../components/page.js';
import { formatInstant, text, today } from '../../format.js';
import { useI18n } from '../../i18n.js';
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
  const update = useUpdatePlatform(platform.id);

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
    <DetailShell
      entity="platform"
      record={platform}
      backTo="/platforms"
      overview={overview}
      editTitle={t('platform.edit')}
      drawerSize={720}
      update={update}
      renderForm={(props) => <PlatformForm platform={platform} {...props} />}
      onReload={onReload}
    />
  );
}
