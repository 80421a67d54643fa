import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../auth.js';
import { CreatePage } from '../../components/registry-routes.js';
import { useI18n } from '../../i18n.js';
import { PERMISSIONS } from '../../permissions.js';
import { useCreateContract } from '../../queries.js';
import { NotFoundPage } from '../errors.js';
import ContractDetailPage from './contract-detail.js';
import { ContractForm } from './contract-form.js';
import ContractImport from './contract-import.js';
import ContractList from './contract-list.js';

function ContractCreate() {
  const { t } = useI18n();
  const create = useCreateContract();
  return <CreatePage basePath="/contracts" title={t('contract.new')} create={create} renderForm={(props) => <ContractForm {...props} />} />;
}

/** 技术合同: /contracts, /contracts/new, /contracts/import, /contracts/:id. */
export default function ContractRoutes() {
  return (
    <Routes>
      <Route index element={<ContractList />} />
      <Route path="new" element={<RequirePermission permission={PERMISSIONS.contractCreate}><ContractCreate /></RequirePermission>} />
      <Route path="import" element={<RequirePermission permission={PERMISSIONS.contractImport}><ContractImport /></RequirePermission>} />
      <Route path=":id" element={<ContractDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
