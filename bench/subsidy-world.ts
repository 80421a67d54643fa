/**
 * A national-scale subsidy year, generated deterministically in memory: organizations across real
 * division codes (a share in the district and the city, most elsewhere), brokers, registered and
 * unregistered contracts of every type, and their payments with and without vouchers and invoices.
 * Same seed and sizes → the same world, so runs compare.
 */
import type { Contract, Organization, Person, SubsidyWorld } from '../server/modules/subsidies/model.js';
import type { Policy } from '../server/modules/subsidies/policy.js';
import { rat } from '../server/modules/subsidies/rational.js';
import { Rng } from './generate.js';

export interface SubsidyScale {
  organizations: number;
  brokers: number;
  contracts: number;
  /** Average payments per contract. */
  paymentsPerContract: number;
}

export const FULL_SCALE: SubsidyScale = { organizations: 200_000, brokers: 20_000, contracts: 1_000_000, paymentsPerContract: 2 };

const DISTRICT = ['410411'];
const CITY = ['410402', '410403', '410404', '410421', '410422', '410423', '410425', '410481', '410482'];
const ELSEWHERE = ['410102', '410105', '410305', '410702', '110108', '310115', '320102', '330106', '440305', '510107', '610113', '420111'];
const KINDS = [
  ['enterprise', 80],
  ['university', 6],
  ['research_institute', 6],
  ['new_rd_institution', 4],
  ['agency', 3],
  ['other', 1],
] as const;
const TYPES = [
  ['development', 30],
  ['transfer', 15],
  ['license', 10],
  ['consulting', 10],
  ['service', 35],
] as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function generateSubsidyWorld(policy: Policy, scale: SubsidyScale, seed = 20261127, year = 2023): SubsidyWorld {
  const rng = new Rng(seed);
  const baseYear = year - 1;
  const organizations: Organization[] = [];
  for (let i = 0; i < scale.organizations; i++) {
    const where = rng.float();
    const division = where < 0.12 ? DISTRICT[0]! : where < 0.3 ? rng.pick(CITY) : rng.pick(ELSEWHERE);
    const kind = rng.weighted(KINDS);
    const holders = i > 10 && rng.chance(0.1) ? [{ holder: `O${pad(rng.int(i), 7)}`, percent: rat(BigInt(rng.between(5, 80))) }] : [];
    organizations.push({
      ref: `O${pad(i, 7)}`,
      name: `单位${i}`,
      kind,
      division,
      filed: kind === 'new_rd_institution' && rng.chance(0.7),
      ...(rng.chance(0.3) ? { legalRep: `L${pad(rng.int(scale.organizations), 7)}` } : {}),
      holders,
      recognitions: rng.chance(0.002) ? [{ kind: 'tech_transfer_demo', level: rng.pick(['provincial', 'national', 'municipal']), date: rng.date(baseYear - 3, baseYear) }] : [],
    });
  }
  const people: Person[] = [];
  for (let i = 0; i < scale.brokers; i++) people.push({ ref: `P${pad(i, 6)}`, name: `经纪人${i}`, broker: rng.chance(0.95) });

  const contracts: Contract[] = [];
  for (let i = 0; i < scale.contracts; i++) {
    const seller = organizations[rng.int(organizations.length)]!;
    let buyer = organizations[rng.int(organizations.length)]!;
    if (buyer === seller) buyer = organizations[(rng.int(organizations.length - 1) + 1 + organizations.indexOf(seller)) % organizations.length]!;
    const amount = rng.between(1_000, 5_000_000) * 100;
    const techAmount = rng.chance(0.7) ? amount : Math.floor((amount * rng.between(50, 99)) / 100);
    const signed = rng.date(baseYear - 1, baseYear);
    const registered = rng.chance(0.9);
    const payments: Contract['payments'] = [];
    const n = rng.int(scale.paymentsPerContract * 2 + 1);
    for (let k = 0; k < n; k++) {
      const pay = Math.floor(amount / Math.max(1, n)) + (rng.chance(0.1) ? rng.between(0, 100000) : 0);
      const voucher = rng.chance(0.92);
      payments.push({ date: rng.date(baseYear - 1, baseYear + 1), amount: pay, voucher, invoice: rng.chance(0.9) ? pay : rng.chance(0.5) ? Math.floor(pay / 2) : 0, invoiceNamesContract: rng.chance(0.95) });
    }
    const brokers = rng.chance(0.25) ? [{ person: people[rng.int(scale.brokers)]!, share: rat(1n) }] : [];
    if (brokers.length && rng.chance(0.2)) brokers.push({ person: people[rng.int(scale.brokers)]!, share: rat(BigInt(rng.between(1, 3))) });
    if (brokers.length === 2 && brokers[0]!.person === brokers[1]!.person) brokers.pop();
    contracts.push({
      ref: `C${pad(i, 8)}`,
      type: rng.weighted(TYPES),
      seller,
      buyer,
      amount,
      techAmount,
      signed,
      ...(registered ? { registration: { number: `${signed.slice(0, 4)}${buyer.division}${pad(i % 1_000_000, 6)}`, date: signed } } : {}),
      implementedIn: rng.chance(0.9) ? buyer.division : seller.division,
      brokers,
      thirdParties: [],
      declaredRelated: rng.chance(0.01),
      fiscalFunds: rng.chance(0.02),
      funding: rng.chance(0.03) ? [{ level: rng.pick(['municipal', 'provincial', 'national'] as const), amount: 100_000_00 }] : [],
      payments,
    });
  }
  return { year, policy, budgets: {}, organizations, people, contracts };
}
