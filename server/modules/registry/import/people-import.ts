/**
 * Import kind `people`: upsert by resident ID number. The number is found by its keyed digest,
 * stored encrypted and masked (as createPerson does), and never written to the audit trail in clear.
 * One row per person; the broker columns describe the person's 技术经纪（经理）人 role.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { type PersonInput, residentIdField, usccField } from '../../../../common/registry-schema.js';
import { maskResidentId } from '../../../../common/resident-id.js';
import { BROKER_LEVELS, EMPLOYMENT, PERSON_ROLES } from '../../../../common/vocabulary.js';
import type { AffiliationTable, PersonRoleTable } from '../../../db/schema.js';
import type { ErrorDetail } from '../../../errors.js';
import { type AuditInput, audit } from '../../audit/audit.js';
import { type PersonRow, affiliationRows, roleRows, writePersonUpdate } from '../people.js';
import { type ImportKind, type ValidRow, fromLabel, heldElsewhere, invalid, optional, splitList, lookUpOrganizations, inImportChunks } from './import-table.js';
import { newId } from '../../../ids.js';
import { insertMany } from '../../../db/bulk-insert.js';

type RoleRow = Selectable<PersonRoleTable>;
type AffiliationRow = Selectable<AffiliationTable>;

/** Names people write for the broker role besides its label. */
const ROLE_ALIASES: Record<string, string> = {
  技术经纪人: 'broker',
  技术经理人: 'broker',
  '技术经纪(经理)人': 'broker',
  技术转移人员: 'transfer_staff',
};

const BROKER_ONLY = '证书编号、经纪人等级、专兼职仅适用于技术经纪（经理）人角色（请在“角色”中列出该角色）';

const phone = z.string().trim().regex(/^[\d+\-() ]{5,20}$/, { message: '电话号码格式不正确' });

const importSchema = z
  .strictObject({
    name: z.string().trim().min(1, { message: '姓名不能为空' }).max(50, { message: '姓名最多50个字' }),
    idNumber: residentIdField,
    phone: phone.optional(),
    /** Absent when the file has no roles column: the person's roles are then left as they are. */
    roles: z
      .array(z.enum(PERSON_ROLES.values, { message: `角色应为：${Object.values(PERSON_ROLES.table).join('、')}` }))
      .max(10, { message: '角色最多10个' })
      .optional(),
    certificateNumber: z.string().trim().max(60, { message: '证书编号最多60个字符' }).optional(),
    brokerLevel: z.enum(BROKER_LEVELS.values, { message: `经纪人等级应为：${Object.values(BROKER_LEVELS.table).join('、')}` }).optional(),
    employment: z.enum(EMPLOYMENT.values, { message: `专兼职应为：${Object.values(EMPLOYMENT.table).join('、')}` }).optional(),
    organizationUscc: usccField.optional(),
    title: z.string().trim().max(50, { message: '职务最多50个字' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.roles && !v.roles.includes('broker')) {
      for (const field of ['certificateNumber', 'brokerLevel', 'employment'] as const) {
        if (v[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: BROKER_ONLY });
      }
    }
    if (v.title !== undefined && v.organizationUscc === undefined) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: '填写职务时须同时填写所在单位统一社会信用代码' });
    }
  });
type Row = z.infer<typeof importSchema>;

const FIELD_COLUMN: Record<string, string> = {
  name: 'name', idNumber: 'id_number', phone: 'phone', roles: 'roles', certificateNumber: 'certificate_number',
  brokerLevel: 'broker_level', employment: 'employment', organizationUscc: 'organization_uscc', title: 'title',
};

function roleCode(text: string): string {
  return ROLE_ALIASES[text] ?? fromLabel(PERSON_ROLES.table, text);
}

type Existing = { row: PersonRow; roles: RoleRow[]; affiliations: AffiliationRow[] };

/**
 * The person as the row leaves it: columns the file has replace what is stored, absent columns keep
 * it. Roles are the listed ones (each keeping its stored details unless the broker columns say
 * otherwise); the affiliation is added, or its title updated — other affiliations stay.
 */
function mergedInput(r: ValidRow<Row>, old: Existing | undefined, organizationId: string | undefined): PersonInput | ErrorDetail {
  const v = r.value;
  const has = (column: string) => r.present.has(column);
  const oldRoles = old?.roles ?? [];
  const codes = v.roles ?? oldRoles.map((x) => x.role);
  if (!codes.includes('broker') && (v.certificateNumber || v.brokerLevel || v.employment)) {
    const column = v.certificateNumber ? '证书编号' : v.brokerLevel ? '经纪人等级' : '专兼职';
    const value = v.certificateNumber ?? (v.brokerLevel ? BROKER_LEVELS.label(v.brokerLevel) : EMPLOYMENT.label(v.employment!));
    return { line: r.line, column, value, reason: `${BROKER_ONLY}；该人员现有角色中没有技术经纪（经理）人` };
  }
  const roles = codes.map((role) => {
    const prev = oldRoles.find((x) => x.role === role);
    const next = {
      role: role as PersonInput['roles'][number]['role'],
      certificateNumber: prev?.certificate_number ?? undefined,
      level: (prev?.level ?? undefined) as PersonInput['roles'][number]['level'],
      employment: (prev?.employment ?? undefined) as PersonInput['roles'][number]['employment'],
    };
    if (role === 'broker') {
      if (has('certificate_number')) next.certificateNumber = v.certificateNumber;
      if (has('broker_level')) next.level = v.brokerLevel;
      if (has('employment')) next.employment = v.employment;
    }
    return next;
  });
  const affiliations = (old?.affiliations ?? []).map((a) => ({ organizationId: a.organization_id, title: a.title ?? undefined }));
  if (organizationId) {
    const same = affiliations.find((a) => a.organizationId === organizationId);
    if (!same) affiliations.push({ organizationId, title: v.title });
    else if (has('title')) same.title = v.title;
  }
  return {
    name: v.name,
    idNumber: v.idNumber,
    phone: has('phone') ? v.phone : (old?.row.phone ?? undefined),
    roles,
    affiliations,
  };
}

/** What an update would compare: order-free, nulls for absent values. */
function comparable(p: {
  name: string;
  phone?: string | null;
  roles: { role: string; certificateNumber?: string | null; level?: string | null; employment?: string | null }[];
  affiliations: { organizationId: string; title?: string | null }[];
}): string {
  return JSON.stringify([
    p.name,
    p.phone ?? null,
    p.roles.map((x) => [x.role, x.certificateNumber ?? null, x.level ?? null, x.employment ?? null]).sort(),
    p.affiliations.map((a) => [a.organizationId, a.title ?? null]).sort(),
  ]);
}

function storedComparable(old: Existing): string {
  return comparable({
    name: old.row.name,
    phone: old.row.phone,
    roles: old.roles.map((x) => ({ role: x.role, certificateNumber: x.certificate_number, level: x.level, employment: x.employment })),
    affiliations: old.affiliations.map((a) => ({ organizationId: a.organization_id, title: a.title })),
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export const peopleImport: ImportKind<Row> = {
  kind: 'people',
  title: '人员',
  columns: [
    { key: 'name', zh: '姓名', en: 'name', required: true, description: '人员姓名', example: '示例丙' },
    { key: 'id_number', zh: '身份证号码', en: 'id_number', required: true, description: '18位公民身份号码，按 GB 11643 校验出生日期和校验位；用于识别同一人员（加密保存，只显示脱敏号码）', example: '410411199008250521' },
    { key: 'phone', zh: '联系电话', en: 'phone', description: '手机或座机，5–20位数字，可含 + - ( ) 和空格', example: '13937500013' },
    { key: 'roles', zh: '角色', en: 'roles', description: `填写其一，多个用分号、顿号或逗号分隔：${PERSON_ROLES.values.map((v) => PERSON_ROLES.label(v)).join('、')}；填写此列即替换该人员的全部角色`, example: '技术经纪（经理）人；科研人员' },
    { key: 'certificate_number', zh: '证书编号', en: 'certificate_number', description: '技术经纪（经理）人证书编号（仅该角色）', example: 'JSJJ-2025-410411-0107' },
    { key: 'broker_level', zh: '经纪人等级', en: 'broker_level', description: `技术经纪（经理）人等级：${BROKER_LEVELS.values.map((v) => BROKER_LEVELS.label(v)).join('、')}`, example: '中级' },
    { key: 'employment', zh: '专兼职', en: 'employment', description: `技术经纪（经理）人专职或兼职：${EMPLOYMENT.values.map((v) => EMPLOYMENT.label(v)).join('、')}`, example: '专职' },
    { key: 'organization_uscc', zh: '所在单位统一社会信用代码', en: 'organization_uscc', description: '所在单位的统一社会信用代码；该机构须已登记（或已先导入机构）。导入只新增或更新这一任职，不删除其他任职', example: '91410411MA9DE001XQ' },
    { key: 'title', zh: '职务', en: 'title', description: '在所在单位的职务（须同时填写所在单位）', example: '总工程师' },
  ],
  schema: importSchema as unknown as z.ZodType<Row>,
  toInput(c) {
    return {
      name: c.name ?? '',
      idNumber: c.id_number ?? '',
      phone: optional(c.phone),
      roles: c.roles === undefined ? undefined : [...new Set(splitList(c.roles).map(roleCode))],
      certificateNumber: optional(c.certificate_number),
      brokerLevel: optional(c.broker_level) && fromLabel(BROKER_LEVELS.table, c.broker_level!),
      employment: optional(c.employment) && fromLabel(EMPLOYMENT.table, c.employment!),
      organizationUscc: optional(c.organization_uscc),
      title: optional(c.title),
    };
  },
  columnOf: (path) => FIELD_COLUMN[String(path[0])],
  naturalKey: (v) => v.idNumber,

  async apply(ctx, trx, rows, progress) {
    const { byCode: units, missing: details } = await lookUpOrganizations(trx, rows, (v) => [
      { code: v.organizationUscc, column: '所在单位统一社会信用代码', reason: '所在单位未登记：须已在系统中，或先导入机构' },
    ]);

    const counts = { created: 0, updated: 0, unchanged: 0 };
    const now = ctx.clock.now().toISOString();
    await inImportChunks(rows, progress, async (chunk) => {
      const digests = chunk.map((r) => ctx.protector.digest(r.value.idNumber));
      const found = await trx.selectFrom('person').selectAll().where('id_number_digest', 'in', digests).execute();
      const ids = found.map((p) => p.id);
      const roles = ids.length ? await trx.selectFrom('person_role').selectAll().where('person_id', 'in', ids).execute() : [];
      const affiliations = ids.length ? await trx.selectFrom('affiliation').selectAll().where('person_id', 'in', ids).execute() : [];
      const rolesOf = groupBy(roles, (x) => x.person_id);
      const affiliationsOf = groupBy(affiliations, (x) => x.person_id);
      const byDigest = new Map(found.map((p) => [p.id_number_digest, p]));

      const people: PersonRow[] = [];
      const newRoles: RoleRow[] = [];
      const newAffiliations: AffiliationRow[] = [];
      const events: AuditInput[] = [];
      for (const [j, r] of chunk.entries()) {
        const row = byDigest.get(digests[j]!);
        const old = row && { row, roles: rolesOf.get(row.id) ?? [], affiliations: affiliationsOf.get(row.id) ?? [] };
        const refused = row && heldElsewhere(ctx, { line: r.line, column: '身份证号码', value: maskResidentId(r.value.idNumber) }, row.jurisdiction_code, `人员“${row.name}”`);
        if (refused) {
          details.push(refused);
          continue;
        }
        const uscc = r.value.organizationUscc;
        const input = mergedInput(r, old, uscc ? units.get(uscc)?.id : undefined);
        if ('reason' in input) {
          details.push(input);
          continue;
        }
        if (details.length) continue; // nothing will be written; keep looking for errors only
        if (!old) {
          const person: PersonRow = {
            id: newId(),
            jurisdiction_code: ctx.actor.jurisdictionCode,
            name: input.name,
            id_number_cipher: ctx.protector.encrypt(input.idNumber),
            id_number_digest: digests[j]!,
            id_number_masked: maskResidentId(input.idNumber),
            phone: input.phone ?? null,
            is_demo: 0,
            version: 1,
            created_at: now,
            updated_at: now,
          };
          const personRoles = roleRows(person.id, input);
          const personAffiliations = affiliationRows(person.id, input);
          people.push(person);
          newRoles.push(...personRoles);
          newAffiliations.push(...personAffiliations);
          // The same view people.ts audits on create: masked number only.
          events.push({
            action: 'registry.person.create',
            subjectType: 'person',
            subjectId: person.id,
            after: {
              id: person.id,
              jurisdictionCode: person.jurisdiction_code,
              name: person.name,
              idNumberMasked: person.id_number_masked,
              phone: person.phone,
              roles: [...personRoles]
                .sort((a, b) => a.role.localeCompare(b.role))
                .map((x) => ({ role: x.role, certificateNumber: x.certificate_number, level: x.level, employment: x.employment })),
              affiliations: personAffiliations.map((a) => ({ organizationId: a.organization_id, title: a.title })),
              isDemo: false,
              version: 1,
            },
          });
          counts.created++;
          continue;
        }
        if (comparable(input) === storedComparable(old)) {
          counts.unchanged++;
          continue;
        }
        await writePersonUpdate(ctx, trx, old.row, input);
        counts.updated++;
      }
      if (details.length === 0) {
        await insertMany(trx, ctx.sqlite, 'person', people);
        await insertMany(trx, ctx.sqlite, 'person_role', newRoles);
        await insertMany(trx, ctx.sqlite, 'affiliation', newAffiliations);
        await audit(trx, ctx, ...events);
      }
    });
    if (details.length) throw invalid(details);
    return counts;
  },
};
