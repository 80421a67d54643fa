/**
 * Related parties (关联方) as ../shared/spec/SUBSIDY-CASES.md §3 defines them, from the registry:
 * X's holding of Z is the sum over every holding path from X to Z of the product of the percentages
 * along it. Two parties are related when either holds ≥ threshold of the other, a third party
 * (organization or person) holds ≥ threshold of both, or one person is the legal representative or
 * actual controller of both (in either role); or the contract declares them related.
 * Arithmetic is exact (BigInt fractions); each finding carries the chain that makes it.
 */
import type { Relation, RelatedParties } from '../../../common/contract-api.js';
import type { Ctx, Executor } from '../../context.js';
import { ZERO, add, cmp, mul, rat, type Rational } from '../subsidies/rational.js';
import { loadContractFor } from './contracts.js';
import { childrenOf } from './repo.js';

type NodeKey = string; // "organization:<id>" | "person:<id>"

interface Edge {
  holder: NodeKey;
  held: NodeKey;
  bp: number; // basis points of a percent: 60 % → 6000
}

export interface RelationGraph {
  /** Holders of each organization. */
  holdersOf: Map<NodeKey, Edge[]>;
  names: Map<NodeKey, string>;
  /** People in a legal-representative or controller role of each organization. */
  rolesOf: Map<NodeKey, { person: NodeKey; role: 'legal_representative' | 'actual_controller' }[]>;
}

/** "30%", "12.5%", "33.3333%" (truncated to 4 decimals). */
export function percentText(f: Rational): string {
  const scaled = (f.num * 100n * 10_000n) / f.den;
  const whole = scaled / 10_000n;
  const frac = (scaled % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

const bpText = (bp: number) => `${bp / 100}%`;
const atLeast = (f: Rational, thresholdBp: number) => cmp(f, rat(BigInt(thresholdBp), 10_000n)) >= 0;

export const orgKey = (id: string): NodeKey => `organization:${id}`;
export const personKey = (id: string): NodeKey => `person:${id}`;

/** Loads the holders (transitively, upwards) and roles of the given organizations. */
export async function loadRelationGraph(db: Executor, organizationIds: string[], personIds: string[] = []): Promise<RelationGraph> {
  const holdersOf = new Map<NodeKey, Edge[]>();
  const orgIds = new Set<string>();
  const people = new Set<string>(personIds);
  let frontier = [...new Set(organizationIds)];
  while (frontier.length) {
    for (const id of frontier) orgIds.add(id);
    const rows = await db.selectFrom('equity_holding').selectAll().where('organization_id', 'in', frontier).execute();
    const next = new Set<string>();
    for (const r of rows) {
      const holder = r.holder_organization_id ? orgKey(r.holder_organization_id) : personKey(r.holder_person_id!);
      const list = holdersOf.get(orgKey(r.organization_id)) ?? [];
      list.push({ holder, held: orgKey(r.organization_id), bp: r.percent_bp });
      holdersOf.set(orgKey(r.organization_id), list);
      if (r.holder_organization_id && !orgIds.has(r.holder_organization_id)) next.add(r.holder_organization_id);
      if (r.holder_person_id) people.add(r.holder_person_id);
    }
    frontier = [...next];
  }
  const orgs = orgIds.size
    ? await db.selectFrom('organization').select(['id', 'name', 'legal_representative_id', 'actual_controller_id']).where('id', 'in', [...orgIds]).execute()
    : [];
  const names = new Map<NodeKey, string>();
  const rolesOf: RelationGraph['rolesOf'] = new Map();
  for (const o of orgs) {
    names.set(orgKey(o.id), o.name);
    const roles: { person: NodeKey; role: 'legal_representative' | 'actual_controller' }[] = [];
    if (o.legal_representative_id) roles.push({ person: personKey(o.legal_representative_id), role: 'legal_representative' });
    if (o.actual_controller_id) roles.push({ person: personKey(o.actual_controller_id), role: 'actual_controller' });
    for (const r of roles) people.add(r.person.slice('person:'.length));
    rolesOf.set(orgKey(o.id), roles);
  }
  const persons = people.size ? await db.selectFrom('person').select(['id', 'name']).where('id', 'in', [...people]).execute() : [];
  for (const p of persons) names.set(personKey(p.id), p.name);
  return { holdersOf, names, rolesOf };
}

const MAX_DEPTH = 12;

/** Every holding path into `target`, grouped by the ultimate holder; each path runs holder → target. */
function pathsInto(graph: RelationGraph, target: NodeKey): Map<NodeKey, Edge[][]> {
  const out = new Map<NodeKey, Edge[][]>();
  const walk = (node: NodeKey, suffix: Edge[], onPath: Set<NodeKey>) => {
    if (suffix.length >= MAX_DEPTH) return;
    for (const edge of graph.holdersOf.get(node) ?? []) {
      if (onPath.has(edge.holder)) continue; // a cycle: each path visits a company once
      const path = [edge, ...suffix];
      const list = out.get(edge.holder) ?? [];
      list.push(path);
      out.set(edge.holder, list);
      onPath.add(edge.holder);
      walk(edge.holder, path, onPath);
      onPath.delete(edge.holder);
    }
  };
  walk(target, [], new Set([target]));
  return out;
}

function pathShare(path: Edge[]): Rational {
  return path.reduce((share, e) => mul(share, rat(BigInt(e.bp), 10_000n)), rat(1n));
}

function holdingOf(paths: Edge[][] | undefined): Rational {
  return (paths ?? []).reduce((sum, p) => add(sum, pathShare(p)), ZERO);
}


function name(graph: RelationGraph, key: NodeKey): string {
  return graph.names.get(key) ?? key.split(':')[1]!;
}

function describeHolding(graph: RelationGraph, holder: NodeKey, target: NodeKey, paths: Edge[][]): string {
  const total = holdingOf(paths);
  const lines = paths.map((p) => {
    const steps = p.map((e) => `${name(graph, e.holder)} 持有 ${name(graph, e.held)} ${bpText(e.bp)}`).join(' → ');
    return p.length === 1 ? steps : `${steps}：${name(graph, holder)} 间接持有 ${name(graph, target)} ${percentText(pathShare(p))}`;
  });
  const text = lines.join('；');
  return paths.length > 1 ? `${text}（合计 ${name(graph, holder)} 持有 ${name(graph, target)} ${percentText(total)}）` : text;
}

const ROLE_TEXT = { legal_representative: '法定代表人', actual_controller: '实际控制人' } as const;

/** Whether two parties are related, and every chain that makes them so. */
export function findRelations(graph: RelationGraph, a: NodeKey, b: NodeKey, thresholdBp: number): Relation[] {
  const found: Relation[] = [];
  const intoA = pathsInto(graph, a);
  const intoB = pathsInto(graph, b);
  for (const [holder, target, paths] of [[a, b, intoB.get(a)], [b, a, intoA.get(b)]] as const) {
    if (!paths) continue;
    const total = holdingOf(paths);
    if (atLeast(total, thresholdBp)) {
      found.push({ kind: 'holds', holderId: holder.split(':')[1], percent: percentText(total), chain: describeHolding(graph, holder, target, paths) });
    }
  }
  for (const [holder, pathsA] of intoA) {
    if (holder === b) continue;
    const pathsB = intoB.get(holder);
    if (!pathsB) continue;
    const shareA = holdingOf(pathsA);
    const shareB = holdingOf(pathsB);
    if (atLeast(shareA, thresholdBp) && atLeast(shareB, thresholdBp)) {
      found.push({
        kind: 'common_holder',
        holderId: holder.split(':')[1],
        chain: `${describeHolding(graph, holder, a, pathsA)}；${describeHolding(graph, holder, b, pathsB)}：${name(graph, holder)} 同时持有双方 ${percentText(shareA)} 和 ${percentText(shareB)}`,
      });
    }
  }
  // A person who is itself a party counts as "in a role" of itself.
  const rolesOf = (node: NodeKey) =>
    node.startsWith('person:') ? [{ person: node, role: null }] : (graph.rolesOf.get(node) ?? []).map((r) => ({ person: r.person, role: r.role as keyof typeof ROLE_TEXT | null }));
  for (const ra of rolesOf(a)) {
    for (const rb of rolesOf(b)) {
      if (ra.person !== rb.person) continue;
      const who = name(graph, ra.person);
      const part = (node: NodeKey, role: keyof typeof ROLE_TEXT | null) => (role ? `${name(graph, node)} 的${ROLE_TEXT[role]}` : '合同当事人');
      found.push({ kind: 'shared_person', holderId: ra.person.split(':')[1], chain: `${who} 既是${part(a, ra.role)}，也是${part(b, rb.role)}` });
    }
  }
  return found;
}


/** The related-party finding for a contract: every seller against every buyer. */
export async function relatedPartiesOfContract(ctx: Ctx, contractId: string, thresholdPercent = 25): Promise<RelatedParties> {
  const row = await loadContractFor(ctx.db, ctx.actor, 'contracts.contract.read', contractId);
  const { parties } = (await childrenOf(ctx.db, [contractId])).get(contractId)!;
  // A natural-person party is matched to the registry by the digest of its resident ID number.
  const digests = parties.flatMap((p) => (p.person_id_digest ? [p.person_id_digest] : []));
  const registered = digests.length
    ? await ctx.db.selectFrom('person').select(['id', 'id_number_digest']).where('id_number_digest', 'in', digests).execute()
    : [];
  const personOf = new Map(registered.map((p) => [p.id_number_digest, p.id]));
  const nodeOf = (p: (typeof parties)[number]): { key: NodeKey; id: string; name: string } => {
    if (p.organization_id) return { key: orgKey(p.organization_id), id: p.organization_id, name: '' };
    const pid = p.person_id_digest ? personOf.get(p.person_id_digest) : undefined;
    return { key: pid ? personKey(pid) : `party:${p.id}`, id: pid ?? p.id, name: p.person_name ?? '' };
  };
  const sellers = parties.filter((p) => p.side === 'seller').map(nodeOf);
  const buyers = parties.filter((p) => p.side === 'buyer').map(nodeOf);
  const graph = await loadRelationGraph(
    ctx.db,
    [...sellers, ...buyers].flatMap((n) => (n.key.startsWith('organization:') ? [n.id] : [])),
    [...sellers, ...buyers].flatMap((n) => (n.key.startsWith('person:') ? [n.id] : [])),
  );
  for (const n of [...sellers, ...buyers]) if (n.name && !graph.names.has(n.key)) graph.names.set(n.key, n.name);
  const thresholdBp = Math.round(thresholdPercent * 100);
  const pairs: RelatedParties['pairs'] = [];
  const declared = row.declared_related === 1;
  for (const s of sellers) {
    for (const b of buyers) {
      const relations = findRelations(graph, s.key, b.key, thresholdBp);
      if (declared) relations.push({ kind: 'declared', chain: '合同申报买卖双方为关联方' });
      if (relations.length) pairs.push({ seller: { id: s.id, name: name(graph, s.key) }, buyer: { id: b.id, name: name(graph, b.key) }, relations });
    }
  }
  return { related: pairs.length > 0, thresholdPercent, declaredRelated: declared, pairs };
}
