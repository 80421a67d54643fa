/** Builders fill in what a test does not care about, with valid codes. */
import { buildUscc } from '../../common/uscc.js';
import { buildResidentId } from '../../common/resident-id.js';
import type { OrganizationInput, PersonInput, PlatformInput } from '../../common/registry-schema.js';
import type { Ctx } from '../context.js';
import { createOrganization } from '../modules/registry/organizations.js';
import { createPerson } from '../modules/registry/people.js';
import { createPlatform } from '../modules/registry/platforms.js';

let counter = 0;

/** A valid, unique credit code in the given division. */
export function nextUscc(division = '410411'): string {
  counter += 1;
  const body = `MA${String(counter).padStart(6, '0')}`;
  return buildUscc('9', '1', division, body);
}

export function nextIdNumber(division = '410411'): string {
  counter += 1;
  return buildResidentId(division, '1985-03-12', String(counter % 1000).padStart(3, '0'));
}

export function organizationInputFor(overrides: Partial<OrganizationInput> = {}): OrganizationInput {
  const division = overrides.divisionCode ?? '410411';
  return {
    name: `测试企业${counter + 1}有限公司`,
    uscc: nextUscc(division),
    kind: 'enterprise',
    divisionCode: division,
    industries: ['electrical_manufacturing'],
    serviceTypes: [],
    contacts: [],
    ...overrides,
  };
}

export function makeOrganization(ctx: Ctx, overrides: Partial<OrganizationInput> = {}) {
  return createOrganization(ctx, organizationInputFor(overrides));
}

export function makePerson(ctx: Ctx, overrides: Partial<PersonInput> = {}) {
  return createPerson(ctx, { name: '张测试', idNumber: nextIdNumber(), roles: [], affiliations: [], ...overrides });
}

export async function makePlatform(ctx: Ctx, overrides: Partial<PlatformInput> = {}) {
  const hostOrganizationId = overrides.hostOrganizationId ?? (await makeOrganization(ctx)).id;
  return createPlatform(ctx, {
    name: `测试工程技术研究中心${++counter}`,
    type: 'engineering_research_center',
    level: 'municipal',
    recognizedOn: '2022-01-01',
    ...overrides,
    hostOrganizationId,
  });
}
