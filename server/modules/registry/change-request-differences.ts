/**
 * A 变更申请 in words: for every field it touches, what the registry holds beside what is asked —
 * kinds and levels by their Chinese names, divisions by name, people and shareholders by name,
 * shares as percentages. The reviewer, the applicant, the export and the notification all read these.
 */
import {
  type ChangeDifference,
  type RequestedChange,
  VERIFIED_ORGANIZATION_FIELDS,
} from '../../../common/change-request.js';
import { LEVELS, ORGANIZATION_KINDS, PLATFORM_TYPES, QUALIFICATION_TYPES } from '../../../common/vocabulary.js';
import type { Executor } from '../../context.js';
import { findDivision } from './divisions.js';
import type { OrganizationRow } from './organization-repo.js';
import { defaultValidUntil } from './qualifications.js';

const NONE = '无';
const UNSET = '未填写';

function divisionWords(code: string | null | undefined): string {
  if (!code) return UNSET;
  return findDivision(code)?.fullName ?? `未知行政区划（${code}）`;
}

function validityWords(issuedOn: string, validUntil: string): string {
  return validUntil === '9999-12-31' ? `${issuedOn} 起长期有效` : `${issuedOn} 至 ${validUntil}`;
}

/** Basis points as a percentage: 6050 → 60.5%. */
export function percentWords(bp: number): string {
  return `${bp / 100}%`;
}

async function personNames(db: Executor, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function organizationNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organization').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

type Facts = Record<string, string | boolean | null | undefined>;

function organizationFacts(row: OrganizationRow): Facts {
  return {
    name: row.name,
    uscc: row.uscc,
    kind: row.kind,
    divisionCode: row.division_code,
    rdFiled: row.rd_filed === null ? null : row.rd_filed === 1,
    rdFiledOn: row.rd_filed_on,
    legalRepresentativeId: row.legal_representative_id,
    actualControllerId: row.actual_controller_id,
  };
}

function factWords(field: string, value: Facts[string], people: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return UNSET;
  switch (field) {
    case 'kind':
      return ORGANIZATION_KINDS.label(String(value));
    case 'divisionCode':
      return divisionWords(String(value));
    case 'rdFiled':
      return value ? '已备案' : '未备案';
    case 'legalRepresentativeId':
    case 'actualControllerId':
      return people.get(String(value)) ?? '（人员已不存在）';
    default:
      return String(value);
  }
}

/** A qualification in words: 高新技术企业，证书编号 GR…，省级，2026-03-01 至 2029-02-28. */
function qualificationWords(q: { type: string; number: string; level?: string | null; issuedOn: string; validUntil?: string | null }): string {
  const validUntil = q.validUntil ?? defaultValidUntil(q.type, q.issuedOn);
  return [QUALIFICATION_TYPES.label(q.type), `证书编号 ${q.number}`, q.level ? LEVELS.label(q.level) : null, validityWords(q.issuedOn, validUntil)]
    .filter(Boolean)
    .join('，');
}

function platformWords(p: { name: string; type: string; level: string; recognizedOn: string; revokedOn?: string | null; documentNumber?: string | null }): string {
  return [
    `${LEVELS.label(p.level)}${PLATFORM_TYPES.label(p.type)}“${p.name}”`,
    `${p.recognizedOn} 认定`,
    p.documentNumber ? `文号 ${p.documentNumber}` : null,
    p.revokedOn ? `${p.revokedOn} 撤销` : null,
  ]
    .filter(Boolean)
    .join('，');
}

/** The comparison of a request against the registry as it stands in `db`. */
export async function describeDifferences(db: Executor, org: OrganizationRow, requested: RequestedChange): Promise<ChangeDifference[]> {
  switch (requested.group) {
    case 'organization': {
      const current = organizationFacts(org);
      const changes = requested.changes as Facts;
      const fields = VERIFIED_ORGANIZATION_FIELDS.values.filter((f) => f in changes);
      const people = await personNames(db, [
        current.legalRepresentativeId as string | null,
        current.actualControllerId as string | null,
        changes.legalRepresentativeId as string | null,
        changes.actualControllerId as string | null,
      ]);
      return fields.map((field) => ({
        field,
        label: VERIFIED_ORGANIZATION_FIELDS.label(field),
        current: factWords(field, current[field], people),
        requested: factWords(field, changes[field], people),
      }));
    }
    case 'qualification': {
      const q = requested.qualification;
      const held = await db
        .selectFrom('qualification')
        .selectAll()
        .where('organization_id', '=', org.id)
        .where('type', '=', q.type)
        .orderBy('issued_on', 'desc')
        .execute();
      const current = held.length
        ? held.map((h) => qualificationWords({ type: h.type, number: h.number, level: h.level, issuedOn: h.issued_on, validUntil: h.valid_until })).join('；')
        : NONE;
      return [{ field: 'qualification', label: `资质：${QUALIFICATION_TYPES.label(q.type)}`, current, requested: `新增 ${qualificationWords(q)}` }];
    }
    case 'equity': {
      const held = await db.selectFrom('equity_holding').selectAll().where('organization_id', '=', org.id).execute();
      const key = (type: string, id: string) => `${type}:${id}`;
      const now = new Map(held.map((h) => [key(h.holder_type, (h.holder_organization_id ?? h.holder_person_id)!), h.percent_bp]));
      const asked = new Map(
        requested.holders.map((h) => [key(h.holderType, (h.holderType === 'organization' ? h.holderOrganizationId : h.holderPersonId)!), Math.round(h.percent * 100)]),
      );
      const keys = [...new Set([...now.keys(), ...asked.keys()])];
      const orgIds = keys.filter((k) => k.startsWith('organization:')).map((k) => k.slice('organization:'.length));
      const personIds = keys.filter((k) => k.startsWith('person:')).map((k) => k.slice('person:'.length));
      const [orgs, people] = await Promise.all([organizationNames(db, orgIds), personNames(db, personIds)]);
      const nameOf = (k: string) => {
        const [type, id] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
        return (type === 'organization' ? orgs.get(id) : people.get(id)) ?? '（已不存在）';
      };
      const rows = keys
        .map((k) => ({ k, name: nameOf(k), before: now.get(k), after: asked.get(k) }))
        .sort((a, b) => (b.after ?? b.before ?? 0) - (a.after ?? a.before ?? 0) || a.name.localeCompare(b.name, 'zh-CN'));
      const total = (m: Map<string, number>) => [...m.values()].reduce((s, bp) => s + bp, 0);
      return [
        ...rows.map((r) => ({
          field: `holder:${r.k}`,
          label: `股东：${r.name}`,
          current: r.before === undefined ? '未持股' : percentWords(r.before),
          requested: r.after === undefined ? '不再持股' : percentWords(r.after),
        })),
        { field: 'total', label: '持股合计', current: percentWords(total(now)), requested: percentWords(total(asked)) },
      ];
    }
    case 'platform': {
      const p = requested.platform;
      const hosted = await db
        .selectFrom('platform')
        .selectAll()
        .where('host_organization_id', '=', org.id)
        .where('type', '=', p.type)
        .orderBy('recognized_on', 'desc')
        .execute();
      const current = hosted.length
        ? hosted
            .map((h) => platformWords({ name: h.name, type: h.type, level: h.level, recognizedOn: h.recognized_on, revokedOn: h.revoked_on, documentNumber: h.document_number }))
            .join('；')
        : NONE;
      return [{ field: 'platform', label: `平台与认定：${PLATFORM_TYPES.label(p.type)}`, current, requested: `新增 ${platformWords(p)}` }];
    }
  }
}

/** One line saying what is asked, e.g. 机构类型改为“新型研发机构”；新增资质 高新技术企业，证书编号 …. */
export function summarize(differences: ChangeDifference[], requested: RequestedChange): string {
  if (requested.group === 'organization') return differences.map((d) => `${d.label}改为“${d.requested}”`).join('；');
  if (requested.group === 'equity') {
    const holders = differences.filter((d) => d.field.startsWith('holder:') && d.requested !== '不再持股');
    return `股权结构改为：${holders.length ? holders.map((d) => `${d.label.slice('股东：'.length)} ${d.requested}`).join('、') : '无股东'}`;
  }
  return differences.map((d) => d.requested).join('；');
}
