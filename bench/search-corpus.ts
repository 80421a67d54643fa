/**
 * The search benchmark's listings: the real CSL records first, then records generated
 * deterministically from their parts — a real title (sometimes with a realistic prefix or
 * suffix), 2–6 real abstract sentences, 3–5 real keywords — with random market attributes. The
 * text statistics stay those of real Chinese technical writing; the same seed and size give the
 * same corpus.
 */
import fs from 'node:fs';
import { TECH_FIELDS } from '../common/vocabulary.js';
import type { SearchDocument } from '../server/modules/search/documents.js';
import { Rng, Stream } from './generate.js';

interface CslRecord { external_id: string; title?: string; description?: string; keywords?: string[] | string }

export interface Pools {
  real: CslRecord[];
  titles: string[];
  sentences: string[];
  keywords: string[];
}

const keywordsOf = (r: CslRecord) => (Array.isArray(r.keywords) ? r.keywords : r.keywords ? r.keywords.split(/[;；,，_]/) : []);

export function loadPools(file: string): Pools {
  const real = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CslRecord);
  const titles = real.flatMap((r) => (r.title ? [r.title] : []));
  const sentences = real.flatMap((r) => (r.description ?? '').split(/(?<=[。；！？.;!?])/).map((s) => s.trim()).filter((s) => s.length >= 8));
  const keywords = [...new Set(real.flatMap(keywordsOf).map((k) => k.trim()).filter(Boolean))];
  return { real, titles, sentences, keywords };
}

const PREFIXES = ['', '', '', '一种', '基于', '新型', '高效'];
const SUFFIXES = ['', '', '', '技术', '系统', '及其应用', '的制备方法', '关键技术研究'];
const STAGES = ['research', 'pilot', 'pilot_scale', 'industrial'];
const MODES = ['transfer', 'license', 'equity', 'co_development'];
const REGIONS = [['district', 5], ['city', 10], ['province', 25], ['other_province', 55], ['abroad', 4], ['belt_road', 1]] as const;
const FIELDS = TECH_FIELDS.values;

function attributes(rng: Rng): Pick<SearchDocument, 'field' | 'stage' | 'trl' | 'modes' | 'region' | 'priceKind' | 'priceFen' | 'tags' | 'publishedOn'> {
  const priceKind = rng.weighted([['negotiable', 60], ['fixed', 30], ['auction', 10]] as const);
  return {
    field: rng.pick(FIELDS),
    stage: rng.pick(STAGES),
    trl: rng.between(1, 9),
    modes: MODES.filter(() => rng.chance(0.4)),
    region: rng.weighted(REGIONS),
    priceKind,
    priceFen: priceKind === 'negotiable' ? null : rng.between(1, 5_000) * 1_000_00,
    tags: [...(rng.chance(0.05) ? ['dual_use'] : []), ...(rng.chance(0.08) ? ['rural'] : [])],
    publishedOn: rng.date(2019, 2026),
  };
}

/** Listing i of the benchmark corpus (real records first). */
export function benchDocument(pools: Pools, seed: number, i: number): SearchDocument {
  const rng = Rng.for(seed, Stream.Search, i);
  const common = { kind: 'achievement' as const, entityId: `b${i}`, jurisdictionCode: '410411', industries: [], isDemo: false, ...attributes(rng) };
  if (i < pools.real.length) {
    const r = pools.real[i]!;
    return { ...common, externalId: r.external_id, title: r.title ?? '', body: r.description ?? '', keywords: keywordsOf(r) };
  }
  const title = rng.pick(PREFIXES) + rng.pick(pools.titles) + rng.pick(SUFFIXES);
  const sentences = Array.from({ length: rng.between(2, 6) }, () => rng.pick(pools.sentences));
  const keywords = Array.from({ length: rng.between(3, 5) }, () => rng.pick(pools.keywords));
  return { ...common, externalId: `gen-${i}`, title, body: sentences.join(''), keywords };
}
