/**
 * The input hash of a settlement: every fact the engine reads, in a canonical order and form, with
 * the policy file's hash, the year, budgets and overrides. Two runs with the same hash saw the same
 * world; the result hash then must match too (the engine is a pure function of it).
 */
import crypto from 'node:crypto';
import type { Contract, Organization, SubsidyWorld } from './model.js';
import { ratToString } from './rational.js';

const byRef = <T extends { ref: string }>(a: T, b: T) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

function organizationLine(o: Organization): string {
  const holders = [...o.holders].map((h) => `${h.holder}:${ratToString(h.percent)}`).sort().join(',');
  const recognitions = o.recognitions.map((r) => `${r.kind}:${r.level}:${r.date}:${r.grade ?? ''}`).sort().join(',');
  return `O|${o.ref}|${o.kind}|${o.division}|${o.filed ? 1 : 0}|${o.legalRep ?? ''}|${o.controller ?? ''}|${holders}|${recognitions}\n`;
}

function contractLine(c: Contract): string {
  const brokers = c.brokers.map((b) => `${b.person.ref}:${ratToString(b.share)}`).sort().join(',');
  const thirds = c.thirdParties.map((t) => `${t.org.ref}:${t.role}`).sort().join(',');
  const funding = c.funding.map((f) => `${f.level}:${f.amount}`).sort().join(',');
  const payments = c.payments.map((p) => `${p.date}:${p.amount}:${p.voucher ? 1 : 0}:${p.invoice}:${p.invoiceNamesContract ? 1 : 0}`).sort().join(',');
  const reg = c.registration ? `${c.registration.number}:${c.registration.date}:${c.registration.office?.ref ?? ''}` : '';
  return `C|${c.ref}|${c.type}|${c.subtype ?? ''}|${c.licenseTerm ? ratToString(c.licenseTerm) : ''}|${c.seller.ref}|${c.buyer.ref}|${c.amount}|${c.techAmount}|${c.signed}|${reg}|${c.implementedIn}|${brokers}|${thirds}|${c.declaredRelated ? 1 : 0}|${c.fiscalFunds ? 1 : 0}|${funding}|${payments}\n`;
}

export function hashWorld(world: SubsidyWorld, policyHash: string, overrides: Record<string, unknown>): string {
  const h = crypto.createHash('sha256');
  h.update(`policy ${world.policy.id} ${policyHash}\nyear ${world.year}\n`);
  h.update(`budgets ${JSON.stringify(Object.entries(world.budgets).sort())}\noverrides ${JSON.stringify(Object.entries(overrides).sort())}\n`);
  h.update(`beneficiaries ${world.beneficiaries ? [...world.beneficiaries].sort().join(',') : '*'}\n`);
  for (const o of [...world.organizations].sort(byRef)) h.update(organizationLine(o));
  for (const p of [...world.people].sort(byRef)) h.update(`P|${p.ref}|${p.broker ? 1 : 0}\n`);
  for (const c of [...world.contracts].sort(byRef)) h.update(contractLine(c));
  return h.digest('hex');
}
