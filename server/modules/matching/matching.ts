/**
 * Matching (供需匹配): for a demand, the achievements that could answer it, the organizations that
 * hold them, and the brokers who have done deals in its field; the reverse for an achievement. Each
 * match says why, in words: the phrases both texts share, the same technical field, the maturity,
 * where it comes from, the brokers' record of registered contracts.
 *
 * Listings are found by the market's own search (the listing's title, keywords and text as the
 * query), so matching ranks with the same statistics on SQLite and PostgreSQL. The score (0–100)
 * is 70 × relevance relative to the best match, + 15 for the same technical field, + up to 15 for
 * maturity when an enterprise looks for technology (产业化 15, 中试 10, 小试 5) — a transparent sum
 * whose parts the reasons name.
 */
import { ACHIEVEMENT_STAGES, type ListingKind, ORIGIN_REGIONS } from '../../../common/market-vocabulary.js';
import { BROKER_LEVELS, ORGANIZATION_KINDS, TECH_FIELDS } from '../../../common/vocabulary.js';
import type { Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { idf } from '../search/bm25.js';
import { segments } from '../search/analyzer.js';
import { documentFrequencies, loadStats, searchListings, type SearchSource } from '../search/search.js';
import { sharedPhrases } from './shared-phrases.js';

export interface ListingMatch {
  kind: ListingKind;
  entityId: string;
  title: string;
  organizationId: string | null;
  organizationName: string | null;
  score: number;
  phrases: string[];
  sameField: boolean;
  field: string | null;
  stage: string | null;
  region: string | null;
  /** The reasons, in Chinese sentences. */
  why: string[];
}

export interface OrganizationMatch {
  organizationId: string;
  name: string;
  kind: string;
  score: number;
  listings: { entityId: string; title: string }[];
  why: string[];
}

export interface BrokerMatch {
  personId: string;
  name: string;
  level: string | null;
  score: number;
  sameFieldContracts: number;
  contracts: number;
  turnoverFen: number;
  why: string[];
}

export interface Matches {
  listing: { kind: ListingKind; id: string; title: string };
  listings: ListingMatch[];
  organizations: OrganizationMatch[];
  brokers: BrokerMatch[];
}

/** A listing as matching reads it, either kind. */
interface Listing {
  kind: ListingKind;
  id: string;
  jurisdictionCode: string;
  title: string;
  /** Description, or problem and expected indicators. */
  text: string;
  keywords: string[];
  field: string | null;
  organizationId: string | null;
  stage: string | null;
  region: string | null;
}

const parseList = (json: string) => JSON.parse(json) as string[];

async function listingsById(db: Executor, kind: ListingKind, ids: readonly string[]): Promise<Map<string, Listing>> {
  if (!ids.length) return new Map();
  if (kind === 'achievement') {
    const rows = await db.selectFrom('achievement').selectAll().where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, {
      kind, id: r.id, jurisdictionCode: r.jurisdiction_code, title: r.title, text: r.description, keywords: parseList(r.keywords),
      field: r.technical_field, organizationId: r.owner_organization_id, stage: r.stage, region: r.origin_region,
    }]));
  }
  const rows = await db.selectFrom('demand').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, {
    kind, id: r.id, jurisdictionCode: r.jurisdiction_code, title: r.title, text: [r.problem, r.indicators].filter(Boolean).join('\n'),
    keywords: parseList(r.keywords), field: r.technical_field, organizationId: r.organization_id, stage: null, region: r.origin_region,
  }]));
}

async function loadSubject(db: Executor, kind: ListingKind, id: string): Promise<Listing> {
  const found = (await listingsById(db, kind, [id])).get(id);
  if (!found) throw new AppError('NOT_FOUND', `${kind === 'achievement' ? '科技成果' : '技术需求'} ${id} 不存在`);
  return found;
}

/** Everything a listing says, for naming the phrases two listings share. */
const fullText = (l: Listing) => `${l.title}\n${l.keywords.join(' ')}\n${l.text}`;

/** The query a listing asks of the other side of the market: its title, keywords and the start of its text. */
function queryOf(s: Listing): string {
  return [s.title, s.keywords.join(' '), Array.from(s.text).slice(0, 300).join('')].join(' ');
}

/**
 * A lead worth showing shares the technical field or a phrase of three characters or more; two
 * texts that only share a common word (提升, 技术) are noise, however the arithmetic ranks them.
 */
function isLead(m: ListingMatch): boolean {
  return m.sameField || m.phrases.some((p) => Array.from(p).length >= 3);
}
const STAGE_POINTS: Record<string, number> = { industrial: 15, pilot_scale: 10, pilot: 5, research: 0 };
const fieldName = (code: string) => TECH_FIELDS.label(code as never) ?? code;

/** How distinctive each bigram of a text is in the other side's collection (idf), for naming shared phrases. */
async function rarityOf(db: Executor, kind: ListingKind, text: string): Promise<(bigram: string) => number> {
  const bigrams = new Set<string>();
  for (const s of segments(text)) {
    if (!s.han) continue;
    const c = Array.from(s.text);
    for (let i = 0; i + 1 < c.length; i++) bigrams.add(c[i]! + c[i + 1]!);
  }
  const [stats, df] = await Promise.all([loadStats(db, kind), documentFrequencies(db, kind, [...bigrams])]);
  return (bigram) => idf(stats, df.get(bigram) ?? 0);
}

async function matchListings(source: SearchSource, subject: Listing, limit: number): Promise<ListingMatch[]> {
  const other: ListingKind = subject.kind === 'achievement' ? 'demand' : 'achievement';
  const result = await searchListings(source, { kind: other, q: queryOf(subject), limit: limit * 3 });
  const candidates = await listingsById(source.db, other, result.hits.map((h) => h.entityId));
  const hits = result.hits.filter((h) => {
    const c = candidates.get(h.entityId);
    return c && !(subject.organizationId && c.organizationId === subject.organizationId); // never one's own listings
  });
  const best = hits[0]?.score ?? 0;
  const subjectText = fullText(subject);
  const rarity = await rarityOf(source.db, other, subjectText);
  const orgNames = await organizationNames(source.db, hits.map((h) => candidates.get(h.entityId)!.organizationId));
  const matches = hits.map((h): ListingMatch => {
    const c = candidates.get(h.entityId)!;
    const relevance = best > 0 ? (h.score ?? 0) / best : 0;
    const sameField = !!subject.field && c.field === subject.field;
    const stagePoints = other === 'achievement' && c.stage ? (STAGE_POINTS[c.stage] ?? 0) : 0;
    const phrases = sharedPhrases(subjectText, fullText(c), rarity).map((p) => p.text);
    const why: string[] = [];
    if (phrases.length) why.push(`共同关键词：${phrases.join('、')}`);
    if (sameField) why.push(`同属技术领域：${fieldName(c.field!)}`);
    if (stagePoints > 0) why.push(`成熟度：${ACHIEVEMENT_STAGES.label(c.stage as never)}`);
    if (c.region) why.push(`来源地区：${ORIGIN_REGIONS.label(c.region as never) ?? c.region}`);
    return {
      kind: other,
      entityId: c.id,
      title: c.title,
      organizationId: c.organizationId,
      organizationName: c.organizationId ? (orgNames.get(c.organizationId)?.name ?? null) : null,
      score: Math.min(100, Math.round(70 * relevance + (sameField ? 15 : 0) + stagePoints)),
      phrases,
      sameField,
      field: c.field,
      stage: c.stage,
      region: c.region,
      why,
    };
  });
  return matches
    .filter(isLead)
    .sort((a, b) => b.score - a.score || (a.entityId < b.entityId ? -1 : 1))
    .slice(0, limit);
}

async function organizationNames(db: Executor, ids: (string | null)[]): Promise<Map<string, { name: string; kind: string }>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('organization').select(['id', 'name', 'kind']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}

/** The organizations behind the matched listings: the holders of matching achievements (or the enterprises with matching demands). */
async function matchOrganizations(db: Executor, listings: ListingMatch[], limit: number): Promise<OrganizationMatch[]> {
  const names = await organizationNames(db, listings.map((l) => l.organizationId));
  const byOrg = new Map<string, ListingMatch[]>();
  for (const l of listings) {
    if (!l.organizationId || !names.has(l.organizationId)) continue;
    byOrg.set(l.organizationId, [...(byOrg.get(l.organizationId) ?? []), l]);
  }
  const noun = listings[0]?.kind === 'demand' ? '需求' : '成果';
  return [...byOrg]
    .map(([organizationId, ls]) => {
      const org = names.get(organizationId)!;
      const score = Math.min(100, Math.max(...ls.map((l) => l.score)) + 5 * (ls.length - 1));
      return {
        organizationId,
        name: org.name,
        kind: org.kind,
        score,
        listings: ls.map((l) => ({ entityId: l.entityId, title: l.title })),
        why: [`${ORGANIZATION_KINDS.label(org.kind as never) ?? org.kind}，有 ${ls.length} 项相关${noun}：${ls.map((l) => `「${l.title}」`).join('、')}`],
      };
    })
    .sort((a, b) => b.score - a.score || (a.organizationId < b.organizationId ? -1 : 1))
    .slice(0, limit);
}

const LEVEL_POINTS: Record<string, number> = { senior: 20, intermediate: 12, junior: 6 };

/** Brokers of the jurisdiction, by their registered contracts in the listing's field, then in all. */
async function matchBrokers(db: Executor, subject: Listing, limit: number): Promise<BrokerMatch[]> {
  const brokers = await db
    .selectFrom('person_role')
    .innerJoin('person', 'person.id', 'person_role.person_id')
    .select(['person.id as personId', 'person.name as name', 'person_role.level as level'])
    .where('person_role.role', '=', 'broker')
    .where('person.jurisdiction_code', '=', subject.jurisdictionCode)
    .execute();
  if (!brokers.length) return [];
  const record = await db
    .selectFrom('contract_broker')
    .innerJoin('contract', 'contract.id', 'contract_broker.contract_id')
    .select(['contract_broker.person_id as personId', 'contract.tech_field as field', 'contract.tech_amount_fen as amount'])
    .where('contract.status', '=', 'registered')
    .where('contract_broker.person_id', 'in', brokers.map((b) => b.personId))
    .execute();
  const maxSame = Math.max(1, ...brokers.map((b) => record.filter((r) => r.personId === b.personId && r.field === subject.field).length));
  return brokers
    .map((b) => {
      const mine = record.filter((r) => r.personId === b.personId);
      const same = subject.field ? mine.filter((r) => r.field === subject.field).length : 0;
      const turnoverFen = mine.reduce((sum, r) => sum + Number(r.amount), 0);
      const levelPoints = b.level ? (LEVEL_POINTS[b.level] ?? 0) : 0;
      const why: string[] = [];
      if (same) why.push(`经纪同领域（${fieldName(subject.field!)}）已登记合同 ${same} 份`);
      if (mine.length) why.push(`累计经纪已登记合同 ${mine.length} 份`);
      if (b.level) why.push(`${BROKER_LEVELS.label(b.level as never) ?? b.level}技术经纪人`);
      return {
        personId: b.personId,
        name: b.name,
        level: b.level,
        score: Math.min(100, Math.round(60 * (same / maxSame) + 2 * Math.min(mine.length, 10) + levelPoints)),
        sameFieldContracts: same,
        contracts: mine.length,
        turnoverFen,
        why,
      };
    })
    .filter((b) => b.score > 0)
    .sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1))
    .slice(0, limit);
}

export async function findMatches(source: SearchSource, kind: ListingKind, id: string, limit = 10): Promise<Matches> {
  const subject = await loadSubject(source.db, kind, id);
  const listings = await matchListings(source, subject, limit);
  return {
    listing: { kind, id, title: subject.title },
    listings,
    organizations: await matchOrganizations(source.db, listings, 5),
    brokers: await matchBrokers(source.db, subject, 5),
  };
}

