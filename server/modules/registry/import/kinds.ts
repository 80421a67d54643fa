/** Every import kind by name: the HTTP route, the CLI and the export read their columns from here. */
import { equityImport } from './equity-import.js';
import { organizationsImport } from './organizations-import.js';
import { peopleImport } from './people-import.js';
import { platformsImport } from './platforms-import.js';
import { qualificationsImport } from './qualifications-import.js';

export const IMPORT_KINDS = {
  organizations: organizationsImport,
  people: peopleImport,
  platforms: platformsImport,
  qualifications: qualificationsImport,
  equity: equityImport,
};

export type ImportKindName = keyof typeof IMPORT_KINDS;

export function isImportKind(name: string): name is ImportKindName {
  return Object.hasOwn(IMPORT_KINDS, name);
}
