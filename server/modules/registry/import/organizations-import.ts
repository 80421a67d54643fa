/** Import kind `organizations`: upsert by unified social credit code. */
import { z } from 'zod';
import { type OrganizationInput, organizationInput } from '../../../../common/registry-schema.js';
import { INDUSTRIES, ORGANIZATION_KINDS, SERVICE_TYPES } from '../../../../common/vocabulary.js';
import { type AuditInput, audit } from '../../audit/audit.js';
import { isKnownDivision } from '../divisions.js';
import { findOrganizationsByUscc, insertOrganizations, type OrganizationRow } from '../organization-repo.js';
import { organizationRowFromInput, presentOrganization } from '../organizations.js';
import { type ImportKind, fromLabel, heldElsewhere, invalid, optional, parseBoolean, splitList, inImportChunks } from './import-table.js';
import type { ErrorDetail } from '../../../errors.js';
import { newId } from '../../../ids.js';
import { tallyContractsOfParty } from '../../contracts/tallies.js';

const importSchema = organizationInput.omit({ legalRepresentativeId: true, actualControllerId: true });
type Row = z.infer<typeof importSchema>;

const FIELD_COLUMN: Record<string, string> = {
  name: 'name', uscc: 'uscc', kind: 'kind', divisionCode: 'division', address: 'address', description: 'description', industries: 'industries',
  serviceTypes: 'service_types', rdFiled: 'rd_filed', rdFiledOn: 'rd_filed_on', contacts: 'contact_name',
};

/** Which input fields each column fills; a re-import leaves fields of absent columns alone. */
const COLUMN_FIELDS: Record<string, (keyof Row)[]> = {
  name: ['name'], uscc: ['uscc'], kind: ['kind'], division: ['divisionCode'], address: ['address'], description: ['description'], industries: ['industries'],
  service_types: ['serviceTypes'], rd_filed: ['rdFiled'], rd_filed_on: ['rdFiledOn'],
  contact_name: ['contacts'], contact_phone: ['contacts'], contact_email: ['contacts'],
};

export const organizationsImport: ImportKind<Row> = {
  kind: 'organizations',
  title: '机构',
  columns: [
    { key: 'name', zh: '名称', en: 'name', required: true, description: '机构全称', example: '平顶山湛河示例电气研究院有限公司' },
    { key: 'uscc', zh: '统一社会信用代码', en: 'uscc', required: true, description: '18位，校验位按 GB 32100-2015 校验，内嵌组织机构代码按 GB 11714 校验', example: '91410411MA9F3K2L2D' },
    { key: 'kind', zh: '类型', en: 'kind', required: true, description: `填写其一：${Object.values(ORGANIZATION_KINDS.table).join('、')}`, example: '新型研发机构' },
    { key: 'division', zh: '行政区划代码', en: 'division', required: true, description: '6位 GB/T 2260 代码（注册地）', example: '410411' },
    { key: 'address', zh: '地址', en: 'address', description: '注册地址', example: '河南省平顶山市湛河区…' },
    { key: 'description', zh: '机构简介', en: 'description', description: '机构的主营业务、研发方向等，不超过2000字', example: '专注中高压开关电器研发与制造。' },
    { key: 'industries', zh: '行业', en: 'industries', description: `多个用分号或顿号分隔：${INDUSTRIES.values.map((v) => INDUSTRIES.label(v)).join('、')}`, example: '电气制造；新材料' },
    { key: 'service_types', zh: '服务类型', en: 'service_types', description: `服务机构填写，多个用分号或顿号分隔：${SERVICE_TYPES.values.map((v) => SERVICE_TYPES.label(v)).join('、')}`, example: '' },
    { key: 'rd_filed', zh: '已备案', en: 'rd_filed', description: '新型研发机构是否已备案：是/否', example: '是' },
    { key: 'rd_filed_on', zh: '备案日期', en: 'rd_filed_on', description: 'YYYY-MM-DD', example: '2023-05-10' },
    { key: 'contact_name', zh: '联系人', en: 'contact_name', description: '一位联系人的姓名', example: '王敏' },
    { key: 'contact_phone', zh: '联系电话', en: 'contact_phone', description: '联系人电话', example: '0375-1234567' },
    { key: 'contact_email', zh: '联系邮箱', en: 'contact_email', description: '联系人邮箱', example: 'contact@example.cn' },
  ],
  schema: importSchema as unknown as z.ZodType<Row>,
  toInput(c) {
    const contact = c.contact_name
      ? [{ name: c.contact_name, phone: optional(c.contact_phone), email: optional(c.contact_email) }]
      : [];
    return {
      name: c.name ?? '',
      uscc: c.uscc ?? '',
      kind: fromLabel(ORGANIZATION_KINDS.table, c.kind ?? ''),
      divisionCode: c.division ?? '',
      address: optional(c.address),
      description: optional(c.description),
      industries: splitList(c.industries).map((s) => fromLabel(INDUSTRIES.table, s)),
      serviceTypes: splitList(c.service_types).map((s) => fromLabel(SERVICE_TYPES.table, s)),
      rdFiled: parseBoolean(c.rd_filed),
      rdFiledOn: optional(c.rd_filed_on),
      contacts: contact,
    };
  },
  columnOf: (path) => FIELD_COLUMN[String(path[0])],
  naturalKey: (v) => v.uscc,
  checkRow(v) {
    const problems = [];
    if (!isKnownDivision(v.divisionCode)) problems.push({ column: 'division', value: v.divisionCode, reason: '不在 GB/T 2260 代码表中' });
    if (v.kind !== 'new_rd_institution' && (v.rdFiled || v.rdFiledOn)) {
      problems.push({ column: 'rd_filed', value: String(v.rdFiled ?? v.rdFiledOn ?? ''), reason: '仅新型研发机构可填写备案状态' });
    }
    return problems;
  },

  async apply(ctx, trx, rows, progress) {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const now = ctx.clock.now().toISOString();
    const outside: ErrorDetail[] = [];
    await inImportChunks(rows, progress, async (chunk) => {
      const existing = await findOrganizationsByUscc(trx, chunk.map((r) => r.value.uscc));
      const inserts: OrganizationRow[] = [];
      const events: AuditInput[] = [];
      for (const r of chunk) {
        const old = existing.get(r.value.uscc);
        const refused = old && heldElsewhere(ctx, { line: r.line, column: '统一社会信用代码', value: r.value.uscc }, old.jurisdiction_code, `机构“${old.name}”`);
        if (refused) {
          outside.push(refused);
          continue;
        }
        if (!old) {
          const row = organizationRowFromInput(r.value as OrganizationInput, {
            id: newId(), jurisdictionCode: ctx.actor.jurisdictionCode, now, isDemo: false,
          });
          inserts.push(row);
          // The same fields createOrganization audits, built from the input rather than re-read
          // from the row: this loop runs once per row of files with hundreds of thousands.
          const v = r.value;
          const after = {
            id: row.id, jurisdictionCode: row.jurisdiction_code, name: v.name, uscc: v.uscc, kind: v.kind, divisionCode: v.divisionCode,
            address: v.address ?? null, description: v.description ?? null, industries: v.industries, serviceTypes: v.serviceTypes, rdFiled: v.rdFiled ?? null,
            rdFiledOn: v.rdFiledOn ?? null, legalRepresentativeId: null, actualControllerId: null, contacts: v.contacts,
            isDemo: false, version: 1,
          };
          events.push({ action: 'registry.organization.create', subjectType: 'organization', subjectId: row.id, after });
          counts.created++;
          continue;
        }
        const before = presentOrganization(old);
        const merged = { ...before } as Record<string, unknown>;
        for (const column of r.present) for (const field of COLUMN_FIELDS[column] ?? []) merged[field] = r.value[field];
        const next = organizationRowFromInput(merged as unknown as OrganizationInput, {
          id: old.id, jurisdictionCode: old.jurisdiction_code, now, isDemo: old.is_demo === 1,
        });
        next.legal_representative_id = old.legal_representative_id;
        next.actual_controller_id = old.actual_controller_id;
        const changed: Record<string, [unknown, unknown]> = {};
        for (const k of Object.keys(next) as (keyof OrganizationRow)[]) {
          if (['created_at', 'updated_at', 'version'].includes(k)) continue;
          if (next[k] !== old[k]) changed[k] = [old[k], next[k]];
        }
        if (Object.keys(changed).length === 0) {
          counts.unchanged++;
          continue;
        }
        await trx
          .updateTable('organization')
          .set({ ...next, id: undefined, created_at: undefined, version: old.version + 1 })
          .where('id', '=', old.id)
          .execute();
        if (changed.division_code || changed.kind) await tallyContractsOfParty(trx, old.id);
        events.push({
          action: 'registry.organization.update',
          subjectType: 'organization',
          subjectId: old.id,
          before: Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[0]])),
          after: Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[1]])),
        });
        counts.updated++;
      }
      await insertOrganizations(trx, ctx.sqlite, inserts);
      await audit(trx, ctx, ...events);
    });
    // The transaction is rolled back with the report: nothing of the file is written.
    if (outside.length) throw invalid(outside);
    return counts;
  },
};
