import { CreatePage, RegistryRoutes } from '../../components/registry-routes.js';
import { useI18n } from '../../i18n.js';
import { useCreateOrganization } from '../../queries.js';
import OrganizationDetail from './organization-detail.js';
import OrganizationList from './organization-list.js';
import { OrganizationForm } from './organization-form.js';

function OrganizationCreate() {
  const { t } = useI18n();
  const create = useCreateOrganization();
  return <CreatePage basePath="/organizations" title={t('org.new')} create={create} renderForm={(props) => <OrganizationForm {...props} />} />;
}

/** 机构库: /organizations, /organizations/new, /organizations/:id. */
export default function OrganizationRoutes() {
  return <RegistryRoutes entity="organization" list={<OrganizationList />} create={<OrganizationCreate />} detail={<OrganizationDetail />} />;
}
