/** The contract module's import kinds (route POST /api/contracts/import/:kind and the CLI). */
import { contractsImport } from './contracts-import.js';
import { paymentsImport } from './payments-import.js';

export const CONTRACT_IMPORT_KINDS = {
  contracts: contractsImport,
  payments: paymentsImport,
};

export type ContractImportKindName = keyof typeof CONTRACT_IMPORT_KINDS;
