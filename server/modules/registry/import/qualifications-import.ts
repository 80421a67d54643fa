/**
 * Import kind `qualifications` (资质): upsert by (organization, type, certificate number). When the
 * file gives no expiry, it is derived as organizations.ts does (defaultValidUntil).
 */
import { z } from 'zod';
import { isoDate, usccField } from '../../../../common/registry-schema.js';
import { LEVELS, QUALIFICATION_TYPES } from '../../../../common/vocabulary.js';
import type { ErrorDetail } from '../../../errors.js';
import { type AuditInput, audit } from '../../audit/audit.js';
import type { QualificationRow } from '../organization-repo.js';
import { defaultValidUntil, presentQualification, qualificationRow } from '../qualifications.js';
import { type ImportKind, fromLabel, heldElsewhere, invalid, optional, lookUpOrganizations, inImportChunks } from './import-table.js';
import { insertMany } from '../../../db/bulk-insert.js';

const importSchema = z
  .strictObject({
    uscc: usccField,
    type: z.enum(QUALIFICATION_TYPES.values, { message: `资质类型应为：${Object.values(QUALIFICATION_TYPES.table).join('、')}` }),
    number: z.string().trim().min(1, { message: '证书编号不能为空' }).max(60, { message: '证书编号最多60个字符' }),
    level: z.enum(LEVELS.values, { message: `级别应为：${Object.values(LEVELS.table).join('、')}` }).optional(),
    issuedOn: isoDate,
    validUntil: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.validUntil && v.validUntil < v.issuedOn) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期截止日不得早于发证日期' });
  });
type Row = z.infer<typeof importSchema>;

const FIELD_COLUMN: Record<string, string> = {
  uscc: 'uscc', type: 'type', number: 'number', level: 'level', issuedOn: 'issued_on', validUntil: 'valid_until',
};

const keyOf = (organizationId: string, type: string, number: string) => JSON.stringify([organizationId, type, number]);

export const qualificationsImport: ImportKind<Row> = {
  kind: 'qualifications',
  title: '资质',
  columns: [
    { key: 'uscc', zh: '统一社会信用代码', en: 'uscc', required: true, description: '持有资质的机构；该机构须已登记（或已先导入机构）', example: '91410411MA9DE001XQ' },
    { key: 'type', zh: '资质类型', en: 'type', required: true, description: `填写其一：${QUALIFICATION_TYPES.values.map((v) => QUALIFICATION_TYPES.label(v)).join('、')}`, example: '高新技术企业' },
    { key: 'number', zh: '证书编号', en: 'number', required: true, description: '高新技术企业证书编号、科技型中小企业入库登记编号等（与机构、类型一起识别同一资质）', example: 'GR202441009901' },
    { key: 'level', zh: '级别', en: 'level', description: `认定级别（可空）：${LEVELS.values.map((v) => LEVELS.label(v)).join('、')}`, example: '国家级' },
    { key: 'issued_on', zh: '发证日期', en: 'issued_on', required: true, description: 'YYYY-MM-DD', example: '2024-11-29' },
    { key: 'valid_until', zh: '有效期至', en: 'valid_until', description: 'YYYY-MM-DD；留空时自动计算：高新技术企业为发证日起3年，科技型中小企业为当年12月31日，其他长期有效（9999-12-31）', example: '2027-11-28' },
  ],
  schema: importSchema as unknown as z.ZodType<Row>,
  toInput(c) {
    return {
      uscc: c.uscc ?? '',
      type: fromLabel(QUALIFICATION_TYPES.table, c.type ?? ''),
      number: c.number ?? '',
      level: optional(c.level) && fromLabel(LEVELS.table, c.level!),
      issuedOn: c.issued_on ?? '',
      validUntil: optional(c.valid_until),
    };
  },
  columnOf: (path) => FIELD_COLUMN[String(path[0])],
  naturalKey: (v) => `${v.uscc} / ${QUALIFICATION_TYPES.label(v.type)} / ${v.number}`,

  async apply(ctx, trx, rows, progress) {
    const { byCode: orgs, missing } = await lookUpOrganizations(trx, rows, (v) => [
      { code: v.uscc, column: '统一社会信用代码', reason: '机构未登记：须已在系统中，或先导入机构' },
    ]);
    const outside = rows.flatMap((r) => {
      const org = orgs.get(r.value.uscc);
      const refused = org && heldElsewhere(ctx, { line: r.line, column: '统一社会信用代码', value: r.value.uscc }, org.jurisdiction_code, `机构“${org.name}”`);
      return refused ? [refused] : [];
    });
    if (missing.length || outside.length) throw invalid([...missing, ...outside]);
    const details: ErrorDetail[] = []; // rows found wrong once merged with what is stored

    const counts = { created: 0, updated: 0, unchanged: 0 };
    const now = ctx.clock.now().toISOString();
    await inImportChunks(rows, progress, async (chunk) => {
      const orgIds = [...new Set(chunk.map((r) => orgs.get(r.value.uscc)!.id))];
      const found = await trx.selectFrom('qualification').selectAll().where('organization_id', 'in', orgIds).execute();
      const existing = new Map(found.map((q) => [keyOf(q.organization_id, q.type, q.number), q]));
      const inserts: QualificationRow[] = [];
      const events: AuditInput[] = [];
      for (const r of chunk) {
        const { uscc, ...input } = r.value;
        const organizationId = orgs.get(uscc)!.id;
        const old = existing.get(keyOf(organizationId, input.type, input.number));
        if (!old) {
          const row = qualificationRow(organizationId, input, now);
          inserts.push(row);
          events.push({ action: 'registry.qualification.create', subjectType: 'organization', subjectId: organizationId, after: presentQualification(row) });
          counts.created++;
          continue;
        }
        // Absent columns keep what is stored; an empty 有效期至 means "derive it".
        const level = r.present.has('level') ? (input.level ?? null) : old.level;
        const validUntil = !r.present.has('valid_until') ? old.valid_until : (input.validUntil ?? defaultValidUntil(input.type, input.issuedOn));
        if (validUntil < input.issuedOn) {
          details.push({ line: r.line, column: '发证日期', value: input.issuedOn, reason: `发证日期晚于已登记的有效期截止日 ${validUntil}（请同时填写有效期至）` });
          continue;
        }
        const next: QualificationRow = { ...old, level, issued_on: input.issuedOn, valid_until: validUntil };
        if (next.level === old.level && next.issued_on === old.issued_on && next.valid_until === old.valid_until) {
          counts.unchanged++;
          continue;
        }
        if (details.length === 0) {
          await trx
            .updateTable('qualification')
            .set({ level: next.level, issued_on: next.issued_on, valid_until: next.valid_until })
            .where('id', '=', old.id)
            .execute();
          events.push({
            action: 'registry.qualification.update',
            subjectType: 'organization',
            subjectId: organizationId,
            before: presentQualification(old),
            after: presentQualification(next),
          });
        }
        counts.updated++;
      }
      if (details.length === 0) {
        await insertMany(trx, ctx.sqlite, 'qualification', inserts);
        await audit(trx, ctx, ...events);
      }
    });
    if (details.length) throw invalid(details);
    return counts;
  },
};
