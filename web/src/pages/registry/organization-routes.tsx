import { Route, Routes, useNavigate } from 'react-router';
import { App } from 'antd';
import { RequirePermission, useUser } from '../../auth.js';
import { PageHeader } from '../../components/page.js';
import { useI18n } from '../../i18n.js';
import { canCreate } from '../../permissions.js';
import { useCreateOrganization } from '../../queries.js';
import { NotFoundPage } from '../errors.js';
import OrganizationDetail from './organization-detail.js';
import OrganizationList from './organization-list.js';
import { OrganizationForm } from './organization-form.js';

function OrganizationCreate() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateOrganization();
  return (
    <div className="tt-page">
      <PageHeader back="/organizations" title={t('org.new')} />
      <OrganizationForm
        submitting={create.isPending}
        onCancel={() => navigate('/organizations')}
        onSubmit={async (body) => {
          const organization = await create.mutateAsync(body);
          void message.success(t('common.created'));
          navigate(`/organizations/${encodeURIComponent(organization.id)}`, { replace: true });
        }}
      />
    </div>
  );
}

/** 机构库: /organizations, /organizations/new, /organizations/:id. */
export default function OrganizationRoutes() {
  const user = useUser();
  return (
    <Routes>
      <Route index element={<OrganizationList />} />
      <Route
        path="new"
        element={
          <RequirePermission permission={canCreate(user, 'organization')}>
            <OrganizationCreate />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<OrganizationDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
