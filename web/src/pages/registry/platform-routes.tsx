import { useSearchParams } from 'react-router';
import { CreatePage, RegistryRoutes } from '../../components/registry-routes.js';
import { useI18n } from '../../i18n.js';
import { useCreatePlatform } from '../../queries.js';
import PlatformDetail from './platform-detail.js';
import { PlatformForm } from './platform-form.js';
import PlatformList from './platform-list.js';

function PlatformCreate() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const create = useCreatePlatform();
  return (
    <CreatePage
      basePath="/platforms"
      title={t('platform.new')}
      create={create}
      renderForm={(props) => <PlatformForm hostOrganizationId={params.get('hostOrganizationId') ?? undefined} {...props} />}
    />
  );
}

/** 研发平台与载体: /platforms, /platforms/new, /platforms/:id. */
export default function PlatformRoutes() {
  return <RegistryRoutes entity="platform" list={<PlatformList />} create={<PlatformCreate />} detail={<PlatformDetail />} />;
}
