/**
 * The input hash of a settlement: every fact the engine reads, in a canonical order and form, with
 * the policy file's hash, the year, budgets and overrides. Two runs with the same hash saw the same
 * world; the result hash then must match too (the engine is a pure function of it).
 *
 * A national year has a million contracts: lines are built without intermediate arrays where a
 * list is empty or single (the common case).
 */
import crypto from 'node:crypto';
import { decisionDate } from './engine.js';
import { inRefOrder, type Contract, type Organization, type Person, type SubsidyWorld } from './model.js';
import { ratToString } from './rational.js';

/** A list's items joined in sorted order: '' for none, the item itself for one, two compared in place. */
function sortedList<T>(items: readonly T[], text: (item: T) => string): string {
  if (items.length === 0) return '';
  if (items.length === 1) return text(items[0]!);
  if (items.length === 2) {
    const a = text(items[0]!);
    const b = text(items[1]!);
    return a <= b ? `${a},${b}` : `${b},${a}`;
  }
  return items.map(text).sort().join(',');
}

/** Credit records, only for holders that have any: a world without them hashes as before. */
const creditText = (h: Organization | Person): string =>
  h.credit?.length ? `|credit:${sortedList(h.credit, (r) => `${r.kind}:${r.from}:${r.to ?? ''}:${r.document ?? ''}:${r.source ?? ''}`)}` : '';

function organizationLine(o: Organization): string {
  const holders = sortedList(o.holders, (h) => `${h.holder}:${ratToString(h.percent)}`);
  const recognitions = sortedList(o.recognitions, (r) => `${r.kind}:${r.level}:${r.date}:${r.grade ?? ''}`);
  return `O|${o.ref}|${o.kind}|${o.division}|${o.filed ? 1 : 0}|${o.legalRep ?? ''}|${o.controller ?? ''}|${holders}|${recognitions}${creditText(o)}\n`;
}

const paymentText = (p: Contract['payments'][number]) => `${p.date}:${p.amount}:${p.voucher ? 1 : 0}:${p.invoice}:${p.invoiceNamesContract ? 1 : 0}`;

function contractLine(c: Contract): string {
  const brokers = sortedList(c.brokers, (b) => `${b.person.ref}:${ratToString(b.share)}`);
  const thirds = sortedList(c.thirdParties, (t) => `${t.org.ref}:${t.role}`);
  const funding = sortedList(c.funding, (f) => `${f.level}:${f.amount}`);
  const payments = sortedList(c.payments, paymentText);
  const r = c.registration;
  const reg = r ? `${r.number}:${r.date}:${r.office?.ref ?? ''}` : '';
  return `C|${c.ref}|${c.type}|${c.subtype ?? ''}|${c.licenseTerm ? ratToString(c.licenseTerm) : ''}|${c.seller.ref}|${c.buyer.ref}|${c.amount}|${c.techAmount}|${c.signed}|${reg}|${c.implementedIn}|${brokers}|${thirds}|${c.declaredRelated ? 1 : 0}|${c.fiscalFunds ? 1 : 0}|${funding}|${payments}\n`;
}

/**
 * Lines handed to the hash in chunks of about 64 KB: a million small updates cost more than the
 * hashing. With `warm`, items go in blocks whose memory is read first in a tight loop (see the
 * engine's `considerContracts`: a contract's objects are spread over the heap, and one line at a
 * time each read waits for memory in turn).
 */
function feed<T>(h: crypto.Hash, items: readonly T[], line: (item: T) => string, warm?: (item: T) => number): void {
  let chunk = '';
  let warmth = 0;
  for (let block = 0; block < items.length; block += WARM_BLOCK) {
    const end = Math.min(items.length, block + WARM_BLOCK);
    if (warm) for (let i = block; i < end; i++) warmth += warm(items[i]!);
    for (let i = block; i < end; i++) {
      chunk += line(items[i]!);
      if (chunk.length >= 65_536) {
        h.update(chunk);
        chunk = '';
      }
    }
  }
  if (chunk) h.update(chunk);
  // Used, so the warming reads are not optimized away.
  if (warmth < 0) throw new Error('unreachable');
}

const WARM_BLOCK = 256;

/** Reads what a contract's line will read: its ref, parties, registration and first payment. */
function warmContract(c: Contract): number {
  return c.ref.length + c.seller.ref.length + c.buyer.ref.length + c.signed.length + (c.registration ? c.registration.number.length : 0) + (c.payments.length ? c.payments[0]!.date.length : 0);
}

export function hashWorld(world: SubsidyWorld, policyHash: string, overrides: Record<string, unknown>): string {
  const h = crypto.createHash('sha256');
  h.update(`policy ${world.policy.id} ${policyHash}\nyear ${world.year}\n`);
  h.update(`budgets ${JSON.stringify(Object.entries(world.budgets).sort())}\noverrides ${JSON.stringify(Object.entries(overrides).sort())}\n`);
  h.update(`beneficiaries ${world.beneficiaries ? [...world.beneficiaries].sort().join(',') : '*'}\n`);
  feed(h, inRefOrder(world.organizations), organizationLine);
  feed(h, inRefOrder(world.people), (p) => `P|${p.ref}|${p.broker ? 1 : 0}${creditText(p)}\n`);
  // The decision date matters only where someone has a credit record.
  if (world.organizations.some((o) => o.credit?.length) || world.people.some((p) => p.credit?.length)) h.update(`decided ${decisionDate(world)}\n`);
  feed(h, inRefOrder(world.contracts), contractLine, warmContract);
  return h.digest('hex');
}
