/**
 * A person's technology-transfer contributions (转化贡献, plan measure (十三)): the registered
 * contracts they worked on — as a broker (contract_broker, with the declared share) or as a named
 * researcher (contract_researcher, with the role) — with 技术交易额, and the totals by contract type.
 * Registered means registered or amended with a registration number; a date range filters on the
 * registration date. For 职称评审 the XLSX export writes the same figures.
 */
import { RESEARCHER_ROLES } from '../../../common/talent-vocabulary.js';
import { CONTRACT_TYPES } from '../../../common/vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { loadPersonFor } from './access.js';
import type { ContributionQuery } from './schema.js';

export interface ContributionRow {
  contractId: string;
  registrationNumber: string;
  name: string;
  type: string;
  typeLabel: string;
  registeredOn: string;
  techAmountFen: number;
  /** 'broker' or a researcher role. */
  role: string;
  roleLabel: string;
  /** A broker's declared share (1 = the whole brokerage), null for researchers. */
  brokerShare: number | null;
}

export interface Contributions {
  person: { id: string; name: string };
  from: string | null;
  to: string | null;
  items: ContributionRow[];
  byType: { type: string; typeLabel: string; contracts: number; techAmountFen: number }[];
  total: { contracts: number; techAmountFen: number };
}

const REGISTERED = ['registered', 'amended'];

export async function contributionsOf(db: Executor, person: { id: string; name: string }, query: ContributionQuery): Promise<Contributions> {
  const contracts = () => {
    let q = db.selectFrom('contract as c').where('c.status', 'in', REGISTERED).where('c.registration_number', 'is not', null);
    if (query.from) q = q.where('c.registered_on', '>=', query.from);
    if (query.to) q = q.where('c.registered_on', '<=', query.to);
    return q;
  };
  const cols = ['c.id', 'c.registration_number', 'c.name', 'c.type', 'c.registered_on', 'c.tech_amount_fen'] as const;
  const asBroker = await contracts().innerJoin('contract_broker as b', 'b.contract_id', 'c.id').select([...cols, 'b.share_e4']).where('b.person_id', '=', person.id).execute();
  const asResearcher = await contracts().innerJoin('contract_researcher as r', 'r.contract_id', 'c.id').select([...cols, 'r.role']).where('r.person_id', '=', person.id).execute();
  const items: ContributionRow[] = [
    ...asResearcher.map((c) => ({
      contractId: c.id, registrationNumber: c.registration_number!, name: c.name, type: c.type, typeLabel: CONTRACT_TYPES.label(c.type), registeredOn: c.registered_on!,
      techAmountFen: Number(c.tech_amount_fen), role: c.role, roleLabel: RESEARCHER_ROLES.label(c.role), brokerShare: null,
    })),
    ...asBroker.map((c) => ({
      contractId: c.id, registrationNumber: c.registration_number!, name: c.name, type: c.type, typeLabel: CONTRACT_TYPES.label(c.type), registeredOn: c.registered_on!,
      techAmountFen: Number(c.tech_amount_fen), role: 'broker', roleLabel: '技术经纪人', brokerShare: Number(c.share_e4) / 10_000,
    })),
  ].sort((a, b) => a.registeredOn.localeCompare(b.registeredOn) || a.registrationNumber.localeCompare(b.registrationNumber) || a.role.localeCompare(b.role));
  // A contract counts once per type even when the person is both broker and researcher on it.
  const once = new Map<string, ContributionRow>();
  for (const i of items) if (!once.has(i.contractId)) once.set(i.contractId, i);
  const byType = CONTRACT_TYPES.values
    .map((type) => {
      const of = [...once.values()].filter((i) => i.type === type);
      return { type, typeLabel: CONTRACT_TYPES.label(type), contracts: of.length, techAmountFen: of.reduce((s, i) => s + i.techAmountFen, 0) };
    })
    .filter((t) => t.contracts > 0);
  return {
    person,
    from: query.from ?? null,
    to: query.to ?? null,
    items,
    byType,
    total: { contracts: once.size, techAmountFen: byType.reduce((s, t) => s + t.techAmountFen, 0) },
  };
}

export async function readContributions(ctx: Ctx, personId: string, query: ContributionQuery): Promise<Contributions> {
  const person = await loadPersonFor(ctx.db, ctx.actor, 'talent.contribution.read', personId);
  return contributionsOf(ctx.db, person, query);
}
