/** 导入技术合同与付款记录: the registry import's panel over POST /api/contracts/import/{contracts|payments}. */
import { PageHeader } from '../../components/page.js';
import { useI18n } from '../../i18n.js';
import { useContractImport } from '../../queries.js';
import { ImportPanel } from '../import/import-page.js';

export default function ContractImport() {
  const { t } = useI18n();
  const importer = useContractImport();
  return (
    <div className="tt-page">
      <PageHeader back="/contracts" title={t('contract.importTitle')} />
      <ImportPanel
        kinds={[
          { value: 'contracts' as const, label: t('contract.importKind.contracts') },
          { value: 'payments' as const, label: t('contract.importKind.payments') },
        ]}
        importer={importer}
        templateUrl={(kind) => `/api/contracts/import/${kind}/template.xlsx`}
      />
    </div>
  );
}
