/**
 * Permission names the web checks. Reads are documented (docs/api.md, brief); writes are not
 * yet: a user may create / update a registry record when the server lists `<base>.create` /
 * `<base>.update`, or `<base>.write` for both.
 */
import type { User } from './types.js';

export const PERMISSIONS = {
  organizationRead: 'registry.organization.read',
  personRead: 'registry.person.read',
  platformRead: 'registry.platform.read',
  registryImport: 'registry.import',
  auditRead: 'audit.read',
} as const;

export type RegistryEntity = 'organization' | 'person' | 'platform';

export function can(user: User | null | undefined, permission: string): boolean {
  return !!user && user.permissions.includes(permission);
}

export function canCreate(user: User | null | undefined, entity: RegistryEntity): boolean {
  return can(user, `registry.${entity}.create`) || can(user, `registry.${entity}.write`);
}

export function canUpdate(user: User | null | undefined, entity: RegistryEntity): boolean {
  return can(user, `registry.${entity}.update`) || can(user, `registry.${entity}.write`);
}
