/** Builders for the contract tests: a valid contract between two fresh organizations. */
import type { Ctx } from '../../context.js';
import { makeOrganization } from '../../testing/builders.js';
import { createContract, transitionContract } from './contracts.js';
import { findContractById } from './repo.js';
import { publicizingInstitutionOf } from '../pricing/gate.js';
import { finishedPublicity } from '../pricing/test-support.js';
import { type ContractInput, contractInput } from './schema.js';

let serial = 0;

export function nextRegistrationNumber(year = 2026): string {
  serial += 1;
  return `${year}410411${String(serial).padStart(6, '0')}`;
}

export async function contractInputFor(ctx: Ctx, overrides: Partial<ContractInput> = {}): Promise<ContractInput> {
  const seller = overrides.sellers ?? [{ organizationId: (await makeOrganization(ctx, { kind: 'university', divisionCode: '410102' })).id }];
  const buyer = overrides.buyers ?? [{ organizationId: (await makeOrganization(ctx)).id }];
  return contractInput.parse({
    name: `测试技术转让合同${++serial}`,
    type: 'transfer',
    subtype: 'patent',
    signedOn: '2026-03-01',
    amountFen: 80_000_000,
    techField: 'advanced_manufacturing',
    ...overrides,
    sellers: seller,
    buyers: buyer,
  });
}

export async function makeContract(ctx: Ctx, overrides: Partial<ContractInput> = {}) {
  return createContract(ctx, await contractInputFor(ctx, overrides));
}

/** A contract taken through submission (after its 成果定价公示 when it needs one) to registration (on `registeredOn`, numbered in its year) by the system actor. */
export async function makeRegisteredContract(ctx: Ctx, overrides: Partial<ContractInput> = {}, registeredOn = '2026-06-01') {
  const c = await makeContract(ctx, overrides);
  const office = await makeOrganization(ctx, { kind: 'government_department', name: '湛河区技术合同登记处' });
  // A district institution's transfer or licence is submitted after its 成果定价公示 (server/modules/pricing).
  if (await publicizingInstitutionOf(ctx.db, (await findContractById(ctx.db, c.id))!)) await finishedPublicity(ctx, c.id, c.amountFen);
  const submitted = await transitionContract(ctx, c.id, { to: 'submitted', version: c.version });
  return transitionContract(ctx, c.id, {
    to: 'registered', version: submitted.version, registrationNumber: nextRegistrationNumber(Number(registeredOn.slice(0, 4))), registeredOn, registrationOfficeId: office.id,
  });
}

/** A one-member ZIP (stored, no compression) whose member has the given name. */
export function zipWith(name: string, body = '<ofd:OFD/>'): Buffer {
  const nameBytes = Buffer.from(name);
  const data = Buffer.from(body);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0, 6);
  header.writeUInt16LE(0, 8);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, nameBytes, data]);
}
