/**
 * Indicator definitions as data: one YAML file per jurisdiction (`indicators/<id>.yaml`), loaded
 * and validated like the subsidy policies. Each definition names its id, Chinese and English name,
 * unit, target and deadline (none for a tracked indicator), its source clause, and the measure —
 * the computation (common/indicator-vocabulary.ts) with its parameters. Another jurisdiction sets
 * its own targets by writing its own file; nothing here changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { isIsoDate } from '../../../common/dates.js';
import { INDICATOR_MEASURES, INDICATOR_UNITS, type IndicatorMeasure, type IndicatorUnit } from '../../../common/indicator-vocabulary.js';
import { LEVELS, ORGANIZATION_KINDS, PERSON_ROLES, PLATFORM_TYPES, QUALIFICATION_TYPES } from '../../../common/vocabulary.js';
import { AppError } from '../../errors.js';

const date = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).refine(isIsoDate, { message: '应为有效日期 YYYY-MM-DD' });

const params = z.strictObject({
  levels: z.array(z.enum(LEVELS.values)).min(1).optional(),
  roles: z.array(z.enum(PERSON_ROLES.values)).min(1).optional(),
  qualification: z.enum(QUALIFICATION_TYPES.values).optional(),
  types: z.array(z.enum(PLATFORM_TYPES.values)).min(1).optional(),
  seller_kinds: z.array(z.enum(ORGANIZATION_KINDS.values)).min(1).optional(),
});

/** What each measure needs from `params`. */
const REQUIRED_PARAMS: Partial<Record<IndicatorMeasure, (keyof z.infer<typeof params>)[]>> = {
  demonstration_institutions: ['levels'],
  practitioners: ['roles'],
  qualified_organizations: ['qualification'],
  rd_platforms: ['types', 'levels'],
  academic_transfers: ['seller_kinds'],
  incubators: ['types'],
  international_cooperation: ['types'],
};

const definition = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { message: '应为字母开头的字母、数字、下划线' }),
  name: z.string().min(1).max(50),
  name_en: z.string().min(1).max(120),
  unit: z.enum(INDICATOR_UNITS.values),
  target: z.number().int().min(0).nullish(),
  deadline: date.nullish(),
  measure: z.enum(INDICATOR_MEASURES.values),
  params: params.default({}),
  public: z.boolean().default(false),
  source: z.strictObject({ clause: z.string().min(1), text: z.string().min(1) }),
});

const file = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: '应为小写字母、数字和连字符' }),
  title: z.string().min(1),
  document: z.string().min(1).optional(),
  jurisdiction: z.string().min(1),
  jurisdiction_code: z.string().regex(/^\d{6}$/, { message: '行政区划代码应为6位数字' }),
  indicators: z.array(definition).min(1),
});

export type IndicatorParams = z.infer<typeof params>;

export interface IndicatorDefinition {
  id: string;
  name: string;
  nameEn: string;
  unit: IndicatorUnit;
  /** null for a tracked indicator (监测, no number) */
  target: number | null;
  deadline: string | null;
  measure: IndicatorMeasure;
  params: IndicatorParams;
  /** Shown on the public statistics page and in the open data downloads. */
  public: boolean;
  source: { document: string | null; clause: string; text: string };
}

export interface IndicatorSet {
  id: string;
  title: string;
  document: string | null;
  jurisdiction: string;
  jurisdictionCode: string;
  file: string;
  indicators: IndicatorDefinition[];
}

function pathText(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** Parses and validates a definitions file; `name` names it in every error. */
export function parseIndicatorSet(text: string, name: string): IndicatorSet {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (error) {
    throw new AppError('VALIDATION', `${name}：YAML 语法错误：${(error as Error).message}`);
  }
  const parsed = file.safeParse(data);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: pathText(i.path), reason: i.message }));
  if (parsed.success) {
    const seen = new Set<string>();
    parsed.data.indicators.forEach((d, i) => {
      if (seen.has(d.id)) issues.push({ field: `indicators[${i}].id`, reason: `指标编号 ${d.id} 重复` });
      seen.add(d.id);
      for (const p of REQUIRED_PARAMS[d.measure] ?? []) {
        if (d.params[p] === undefined) issues.push({ field: `indicators[${i}].params.${p}`, reason: `口径 ${d.measure} 须写明 ${p}` });
      }
      if ((d.target === null || d.target === undefined) !== (d.deadline === null || d.deadline === undefined)) {
        issues.push({ field: `indicators[${i}].target`, reason: '目标值与期限须同时写明（监测指标两者都不写）' });
      }
    });
  }
  if (issues.length || !parsed.success) {
    throw new AppError('VALIDATION', issues.map((i) => `${name}：${i.field}：${i.reason}`).join('\n'), { details: issues });
  }
  const d = parsed.data;
  return {
    id: d.id,
    title: d.title,
    document: d.document ?? null,
    jurisdiction: d.jurisdiction,
    jurisdictionCode: d.jurisdiction_code,
    file: name,
    indicators: d.indicators.map((x) => ({
      id: x.id,
      name: x.name,
      nameEn: x.name_en,
      unit: x.unit,
      target: x.target ?? null,
      deadline: x.deadline ?? null,
      measure: x.measure,
      params: x.params,
      public: x.public,
      source: { document: d.document ?? null, ...x.source },
    })),
  };
}

/** The folder of built-in definitions (`indicators/` at the repository root). */
export const BUILT_IN_INDICATOR_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../indicators');

export function loadIndicatorFile(file: string): IndicatorSet {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('VALIDATION', `${file}：无法读取指标定义文件`);
  }
  return parseIndicatorSet(text, file);
}

const cache = new Map<string, { mtimeMs: number; set: IndicatorSet }>();

function builtInSets(): IndicatorSet[] {
  if (!fs.existsSync(BUILT_IN_INDICATOR_DIR)) return [];
  return fs
    .readdirSync(BUILT_IN_INDICATOR_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const full = path.join(BUILT_IN_INDICATOR_DIR, f);
      const mtimeMs = fs.statSync(full).mtimeMs;
      const hit = cache.get(full);
      if (hit && hit.mtimeMs === mtimeMs) return hit.set;
      const set = loadIndicatorFile(full);
      cache.set(full, { mtimeMs, set });
      return set;
    });
}

export function builtInIndicatorSet(id: string): IndicatorSet | undefined {
  return builtInSets().find((s) => s.id === id);
}

/**
 * The definitions for a jurisdiction: its own file when there is one; otherwise the first built-in
 * file's indicators with no targets (every indicator tracked), so a jurisdiction without a file
 * still sees its numbers.
 */
export function indicatorSetFor(jurisdictionCode: string): IndicatorSet {
  const sets = builtInSets();
  const own = sets.find((s) => s.jurisdictionCode === jurisdictionCode);
  if (own) return own;
  const base = sets[0];
  if (!base) throw new AppError('NOT_FOUND', '没有指标定义文件（indicators/*.yaml）');
  return {
    ...base,
    id: `${base.id}-untargeted`,
    title: '监测指标（本辖区未设定目标）',
    jurisdiction: jurisdictionCode,
    jurisdictionCode,
    indicators: base.indicators.map((d) => ({ ...d, target: null, deadline: null })),
  };
}
