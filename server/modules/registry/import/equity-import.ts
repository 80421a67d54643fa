/**
 * Import kind `equity` (股权): one row per holding, upsert by (organization held, holder). A holder is
 * an organization (by credit code) or a person (by resident ID number). An exported file names
 * people by their masked number only; such a row can update a holding the organization already has
 * with exactly one person of that masked number, never create one.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { residentIdField, usccField } from '../../../../common/registry-schema.js';
import { maskResidentId } from '../../../../common/resident-id.js';
import { HOLDER_TYPES } from '../../../../common/vocabulary.js';
import type { EquityHoldingTable } from '../../../db/schema.js';
import type { ErrorDetail } from '../../../errors.js';
import { type AuditInput, audit } from '../../audit/audit.js';
import { findOrganizationsByUscc } from '../organization-repo.js';
import { type ImportKind, type ValidRow, fromLabel, heldElsewhere, invalid, optional, parseNumber } from './import-table.js';
import { newId } from '../../../ids.js';
import { insertMany } from '../../../db/bulk-insert.js';
import { inChunks } from '../../../db/in-chunks.js';

type HoldingRow = Selectable<EquityHoldingTable>;

const MASKED = /^\d{6}\*{8}\d{3}[\dX]$/;

const importSchema = z
  .strictObject({
    uscc: usccField,
    holderType: z.enum(HOLDER_TYPES.values, { message: `股东类型应为：${HOLDER_TYPES.values.map((v) => `${HOLDER_TYPES.label(v)}/${v}`).join('、')}` }),
    holderUscc: usccField.optional(),
    holderIdNumber: residentIdField.optional(),
    holderIdMasked: z.string().regex(MASKED, { message: '脱敏身份证号码格式应为前6位、8个*、后4位' }).optional(),
    percent: z
      .number({ message: '持股比例应为数字，如 35、35.5 或 35.5%' })
      .gt(0, { message: '持股比例应大于0' })
      .max(100, { message: '持股比例不得超过100' })
      .refine((p) => Math.abs(Math.round(p * 100) - p * 100) < 1e-6, { message: '持股比例最多两位小数' }),
  })
  .superRefine((v, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.holderType === 'organization') {
      if (!v.holderUscc) issue('holderUscc', '股东为机构时须填写股东统一社会信用代码');
      else if (v.holderUscc === v.uscc) issue('holderUscc', '机构不能持有自身股权');
      if (v.holderIdNumber) issue('holderIdNumber', '股东为机构时不填股东身份证号码');
      if (v.holderIdMasked) issue('holderIdMasked', '股东为机构时不填股东身份证号码');
    } else {
      if (!v.holderIdNumber && !v.holderIdMasked) issue('holderIdNumber', '股东为自然人时须填写股东身份证号码');
      if (v.holderIdNumber && v.holderIdMasked && maskResidentId(v.holderIdNumber) !== v.holderIdMasked) {
        issue('holderIdMasked', '脱敏号码与股东身份证号码不一致');
      }
      if (v.holderUscc) issue('holderUscc', '股东为自然人时不填股东统一社会信用代码');
    }
  });
type Row = z.infer<typeof importSchema>;

const FIELD_COLUMN: Record<string, string> = {
  uscc: 'uscc', holderType: 'holder_type', holderUscc: 'holder_uscc', holderIdNumber: 'holder_id_number', holderIdMasked: 'holder_id_masked', percent: 'percent',
};

const toBasisPoints = (percent: number) => Math.round(percent * 100);
const percentText = (bp: number) => `${bp / 100}%`;

/** The audited form of an organization's holders (as setEquityHolders writes it), in a fixed order. */
function auditList(rows: HoldingRow[]) {
  return rows
    .map(({ id: _id, ...r }) => r)
    .sort((a, b) => (a.holder_organization_id ?? a.holder_person_id ?? '').localeCompare(b.holder_organization_id ?? b.holder_person_id ?? ''));
}

export const equityImport: ImportKind<Row> = {
  kind: 'equity',
  title: '股权',
  columns: [
    { key: 'uscc', zh: '统一社会信用代码', en: 'uscc', required: true, description: '被持股机构；须已登记（或已先导入机构）', example: '91410411MA9DE001XQ' },
    { key: 'holder_type', zh: '股东类型', en: 'holder_type', required: true, description: '机构/自然人（或 organization/person）', example: '机构' },
    { key: 'holder_uscc', zh: '股东统一社会信用代码', en: 'holder_uscc', description: '股东为机构时填写；该机构须已登记，且不能是被持股机构本身', example: '91410411MA9DE0028Q' },
    { key: 'holder_id_number', zh: '股东身份证号码', en: 'holder_id_number', description: '股东为自然人时填写完整的18位身份证号码；该人员须已登记（或已先导入人员）', example: '410411199008250521' },
    { key: 'holder_id_masked', zh: '股东身份证号码（脱敏）', en: 'holder_id_number_masked', description: '导出文件中的脱敏号码（如 410411********0521）。只能用来修改该机构已有的、脱敏号码唯一对应的自然人股东，不能新增股东；新增请填写完整号码', example: '410411********0521' },
    { key: 'percent', zh: '持股比例', en: 'percent', required: true, description: '百分比，大于0且不超过100，最多两位小数：35、35.5 或 35.5%。导入后每个机构的持股比例合计（含文件中未列出的已有股东）不得超过100%', example: '35.5' },
  ],
  schema: importSchema as unknown as z.ZodType<Row>,
  toInput(c) {
    const percent = c.percent?.replace(/\s+/g, '').replace(/％$/, '%');
    return {
      uscc: c.uscc ?? '',
      holderType: fromLabel(HOLDER_TYPES.table, c.holder_type ?? ''),
      holderUscc: optional(c.holder_uscc),
      holderIdNumber: optional(c.holder_id_number),
      holderIdMasked: optional(c.holder_id_masked)?.toUpperCase(),
      percent: parseNumber(percent) ?? '',
    };
  },
  columnOf: (path) => FIELD_COLUMN[String(path[0])],
  // Shown in the duplicate-row report. A masked number (with *) never equals a full one.
  naturalKey: (v) => `${v.uscc} / ${HOLDER_TYPES.label(v.holderType)} ${v.holderUscc ?? v.holderIdNumber ?? v.holderIdMasked}`,

  async apply(ctx, trx, rows, progress) {
    const details: ErrorDetail[] = [];
    const orgs = await findOrganizationsByUscc(trx, [...new Set(rows.flatMap((r) => [r.value.uscc, ...(r.value.holderUscc ? [r.value.holderUscc] : [])]))]);
    const digests = [...new Set(rows.flatMap((r) => (r.value.holderIdNumber ? [ctx.protector.digest(r.value.holderIdNumber)] : [])))];
    const people = await inChunks(digests, 500, (chunk) =>
      trx.selectFrom('person').select(['id', 'id_number_digest']).where('id_number_digest', 'in', chunk).execute(),
    );
    const personByDigest = new Map(people.map((p) => [p.id_number_digest, p.id]));

    const heldIds = [...new Set(rows.flatMap((r) => orgs.get(r.value.uscc)?.id ?? []))];
    const holdings = await inChunks(heldIds, 500, (chunk) =>
      trx
        .selectFrom('equity_holding as e')
        .leftJoin('person as p', 'p.id', 'e.holder_person_id')
        .selectAll('e')
        .select('p.id_number_masked')
        .where('e.organization_id', 'in', chunk)
        .execute(),
    );
    const holdingsOf = new Map<string, typeof holdings>();
    for (const h of holdings) {
      const list = holdingsOf.get(h.organization_id);
      if (list) list.push(h);
      else holdingsOf.set(h.organization_id, [h]);
    }

    // Resolve every row to its organization, holder and (when there is one) the stored holding.
    interface Planned { row: ValidRow<Row>; organizationId: string; holderOrganizationId: string | null; holderPersonId: string | null; holding: HoldingRow | undefined }
    const planned: Planned[] = [];
    const claimedBy = new Map<string, number>(); // holding id → line that updates it
    for (const r of rows) {
      const v = r.value;
      const org = orgs.get(v.uscc);
      if (!org) details.push({ line: r.line, column: '统一社会信用代码', value: v.uscc, reason: '被持股机构未登记：须已在系统中，或先导入机构' });
      const refused = org && heldElsewhere(ctx, { line: r.line, column: '统一社会信用代码', value: v.uscc }, org.jurisdiction_code, `被持股机构“${org.name}”`);
      if (refused) {
        details.push(refused);
        continue;
      }
      let holderOrganizationId: string | null = null;
      let holderPersonId: string | null = null;
      let holding: HoldingRow | undefined;
      const existing = org ? (holdingsOf.get(org.id) ?? []) : [];
      if (v.holderType === 'organization') {
        holderOrganizationId = orgs.get(v.holderUscc!)?.id ?? null;
        if (!holderOrganizationId) details.push({ line: r.line, column: '股东统一社会信用代码', value: v.holderUscc, reason: '股东机构未登记：须已在系统中，或先导入机构' });
        else holding = existing.find((h) => h.holder_type === 'organization' && h.holder_organization_id === holderOrganizationId);
      } else if (v.holderIdNumber) {
        holderPersonId = personByDigest.get(ctx.protector.digest(v.holderIdNumber)) ?? null;
        if (!holderPersonId) {
          details.push({ line: r.line, column: '股东身份证号码', value: maskResidentId(v.holderIdNumber), reason: '股东人员未登记：须已在系统中，或先导入人员' });
        } else holding = existing.find((h) => h.holder_type === 'person' && h.holder_person_id === holderPersonId);
      } else {
        const matches = existing.filter((h) => h.holder_type === 'person' && h.id_number_masked === v.holderIdMasked);
        if (matches.length === 1) {
          holding = matches[0];
          holderPersonId = holding!.holder_person_id;
        } else if (org) {
          details.push({
            line: r.line,
            column: '股东身份证号码（脱敏）',
            value: v.holderIdMasked,
            reason: matches.length === 0
              ? '该机构没有此脱敏号码的自然人股东：新增股东须填写完整的股东身份证号码'
              : '该机构有多名自然人股东的脱敏号码相同：请填写完整的股东身份证号码',
          });
        }
      }
      if (holding) {
        const first = claimedBy.get(holding.id);
        if (first !== undefined) {
          details.push({ line: r.line, column: '股东类型', value: HOLDER_TYPES.label(v.holderType), reason: `与第 ${first} 行是同一股东` });
          continue;
        }
        claimedBy.set(holding.id, r.line);
      }
      if (org && (holderOrganizationId || holderPersonId)) planned.push({ row: r, organizationId: org.id, holderOrganizationId, holderPersonId, holding });
    }

    // Each organization's total after the import: the file's rows plus stored holdings the file leaves alone.
    const byOrganization = new Map<string, Planned[]>();
    for (const p of planned) {
      const list = byOrganization.get(p.organizationId);
      if (list) list.push(p);
      else byOrganization.set(p.organizationId, [p]);
    }
    for (const [organizationId, list] of byOrganization) {
      const kept = (holdingsOf.get(organizationId) ?? []).filter((h) => !claimedBy.has(h.id));
      const keptBp = kept.reduce((sum, h) => sum + h.percent_bp, 0);
      const total = keptBp + list.reduce((sum, p) => sum + toBasisPoints(p.row.value.percent), 0);
      if (total > 10_000) {
        const last = list[list.length - 1]!;
        details.push({
          line: last.row.line,
          column: '持股比例',
          value: String(last.row.value.percent),
          reason: `机构 ${last.row.value.uscc} 的持股比例合计 ${percentText(total)} 超过 100%${keptBp ? `（含文件中未列出的已有股东 ${percentText(keptBp)}）` : ''}`,
        });
      }
    }
    if (details.length) throw invalid(details);

    const counts = { created: 0, updated: 0, unchanged: 0 };
    const inserts: HoldingRow[] = [];
    const events: AuditInput[] = [];
    let done = 0;
    const flush = async () => {
      const batch = inserts.splice(0);
      await insertMany(trx, ctx.sqlite, 'equity_holding', batch);
      await audit(trx, ctx, ...events.splice(0));
      await progress(done, rows.length);
    };
    for (const [organizationId, list] of byOrganization) {
      const before: HoldingRow[] = (holdingsOf.get(organizationId) ?? []).map(({ id_number_masked: _m, ...h }) => h);
      const after = new Map(before.map((h) => [h.id, h]));
      let changed = false;
      for (const p of list) {
        const bp = toBasisPoints(p.row.value.percent);
        if (!p.holding) {
          const row: HoldingRow = {
            id: newId(),
            organization_id: organizationId,
            holder_type: p.row.value.holderType,
            holder_organization_id: p.holderOrganizationId,
            holder_person_id: p.holderPersonId,
            percent_bp: bp,
          };
          inserts.push(row);
          after.set(row.id, row);
          counts.created++;
          changed = true;
        } else if (p.holding.percent_bp === bp) {
          counts.unchanged++;
        } else {
          await trx.updateTable('equity_holding').set({ percent_bp: bp }).where('id', '=', p.holding.id).execute();
          after.set(p.holding.id, { ...after.get(p.holding.id)!, percent_bp: bp });
          counts.updated++;
          changed = true;
        }
      }
      if (changed) {
        events.push({
          action: 'registry.equity.replace',
          subjectType: 'organization',
          subjectId: organizationId,
          before: auditList(before),
          after: auditList([...after.values()]),
        });
      }
      done += list.length;
      if (inserts.length >= 500) await flush();
    }
    await flush();
    return counts;
  },
};
