/**
 * The split an own user's PATCH meets (ADR 014): SELF_SERVICE_ORGANIZATION_FIELDS is an allow-list,
 * so the 机构简介 passes with the address and contacts, a verified fact is refused by name, and a
 * field on neither list is refused too (a new field is verified until named self-service).
 */
import { describe, expect, it } from 'vitest';
import { SELF_SERVICE_ORGANIZATION_FIELDS } from '../../../common/change-request.js';
import type { Actor } from '../../context.js';
import { assertSelfServiceOrganizationPatch } from './verified-facts.js';

const org = { id: 'org-1', jurisdiction_code: '410411' };
const own: Actor = { id: 'u1', name: '企业经办人', roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [org.id] };
const operator: Actor = { id: 'u2', name: '区科技局运营人员', roles: ['operator'], jurisdictionCode: '410411', organizationIds: [] };
const current = { kind: 'enterprise', address: null, description: null, contacts: [] };

describe('the self-service fields of an organization', () => {
  it('names the 机构简介 among them', () => {
    expect(SELF_SERVICE_ORGANIZATION_FIELDS).toEqual(['address', 'description', 'industries', 'serviceTypes', 'contacts']);
  });

  it('passes them to an own user, and a verified field sent unchanged', () => {
    expect(() => assertSelfServiceOrganizationPatch(own, org, current, { description: '主营开关设备研发。', address: '湛河区', kind: 'enterprise' })).not.toThrow();
    expect(() => assertSelfServiceOrganizationPatch(own, org, current, { description: null })).not.toThrow();
  });

  it('refuses an own user any other changed field, a verified one by its name', () => {
    expect(() => assertSelfServiceOrganizationPatch(own, org, current, { description: '简介', kind: 'bank' })).toThrow(/“机构类型”是经核实的登记信息/);
    expect(() => assertSelfServiceOrganizationPatch(own, org, current, { colour: 'red' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN', options: { field: 'colour' } }));
  });

  it('leaves the operator every field', () => {
    expect(() => assertSelfServiceOrganizationPatch(operator, org, current, { kind: 'bank', colour: 'red' })).not.toThrow();
  });
});
