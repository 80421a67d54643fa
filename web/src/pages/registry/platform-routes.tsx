import { Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { App } from 'antd';
import { RequirePermission, useUser } from '../../auth.js';
import { PageHeader } from '../../components/page.js';
import { useI18n } from '../../i18n.js';
import { canCreate } from '../../permissions.js';
import { useCreatePlatform } from '../../queries.js';
import { NotFoundPage } from '../errors.js';
import PlatformDetail from './platform-detail.js';
import { PlatformForm } from './platform-form.js';
import PlatformList from './platform-list.js';

function PlatformCreate() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreatePlatform();
  return (
    <div className="tt-page">
      <PageHeader back="/platforms" title={t('platform.new')} />
      <PlatformForm
        hostOrganizationId={params.get('hostOrganizationId') ?? undefined}
        submitting={create.isPending}
        onCancel={() => navigate('/platforms')}
        onSubmit={async (body) => {
          const platform = await create.mutateAsync(body);
          void message.success(t('common.created'));
          navigate(`/platforms/${encodeURIComponent(platform.id)}`, { replace: true });
        }}
      />
    </div>
  );
}

/** 研发平台与载体: /platforms, /platforms/new, /platforms/:id. */
export default function PlatformRoutes() {
  const user = useUser();
  return (
    <Routes>
      <Route index element={<PlatformList />} />
      <Route
        path="new"
        element={
          <RequirePermission permission={canCreate(user, 'platform')}>
            <PlatformCreate />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<PlatformDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
