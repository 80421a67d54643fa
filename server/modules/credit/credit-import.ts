/**
 * Import of credit records (a 信用中国 list, a court's 失信被执行人 list) from CSV or XLSX through the
 * registry's pipeline: every row checked first, one bad row and nothing is imported, the report
 * names every bad row. A row names its holder by 统一社会信用代码 (an organization) or 身份证号码 (a
 * person — found by the keyed digest the registry keeps, never stored or echoed in the clear); the
 * same record (holder, kind, 文号, start) imported again is left unchanged.
 */
import { z } from 'zod';
import { CREDIT_KINDS, CREDIT_SOURCES } from '../../../common/credit.js';
import { checkResidentId } from '../../../common/resident-id.js';
import { isoDate, usccField } from '../../../common/registry-schema.js';
import type { ErrorDetail } from '../../errors.js';
import { type ImportKind, fromLabel, heldElsewhere, invalid, lookUpOrganizations, optional } from '../registry/import/import-table.js';
import { insertCreditRecord } from './records.js';

const importSchema = z
  .strictObject({
    uscc: usccField.optional(),
    idNumber: z.string().optional(),
    name: z.string().trim().min(2, { message: '名称至少2个字' }).max(100),
    kind: z.enum(CREDIT_KINDS.values, { message: `类型应为：${Object.values(CREDIT_KINDS.table).join('、')}` }),
    source: z.enum(CREDIT_SOURCES.values, { message: `来源应为：${Object.values(CREDIT_SOURCES.table).join('、')}` }),
    sourceName: z.string().trim().max(60, { message: '认定机关最多60个字' }).optional(),
    documentNumber: z.string().trim().max(60, { message: '文号最多60个字符' }).optional(),
    validFrom: isoDate,
    validTo: isoDate.optional(),
    note: z.string().trim().max(500, { message: '备注最多500个字' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.uscc === !v.idNumber) ctx.addIssue({ code: 'custom', path: ['uscc'], message: '统一社会信用代码（机构）与身份证号码（个人）应填且只填一项' });
    if (v.idNumber) {
      const r = checkResidentId(v.idNumber);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `身份证号码${r.message}` });
    }
    if (v.validTo && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: '截止日期不得早于起始日期' });
  });
type Row = z.infer<typeof importSchema>;

const FIELD_COLUMN: Record<string, string> = {
  uscc: 'uscc', idNumber: 'id_number', name: 'name', kind: 'kind', source: 'source', sourceName: 'source_name', documentNumber: 'document_number', validFrom: 'valid_from', validTo: 'valid_to', note: 'note',
};

/** The ID number as the registry digests it (people.ts stores the checked, normalized form). */
function normalizedId(text: string): string {
  const r = checkResidentId(text);
  return r.ok ? r.id : text;
}

/** A person's ID number masked as the registry shows it (the report never echoes one whole). */
const masked = (id: string) => (id.length >= 8 ? `${id.slice(0, 4)}**********${id.slice(-4)}` : '****');

export const creditRecordsImport: ImportKind<Row> = {
  kind: 'credit_records',
  title: '信用记录',
  columns: [
    { key: 'uscc', zh: '统一社会信用代码', en: 'uscc', description: '失信机构的统一社会信用代码（与身份证号码二选一）；该机构须已登记', example: '91410411MA9DE001XQ' },
    { key: 'id_number', zh: '身份证号码', en: 'id_number', description: '失信个人的身份证号码（与统一社会信用代码二选一）；该人员须已登记', example: '' },
    { key: 'name', zh: '名称或姓名', en: 'name', required: true, description: '与登记的名称或姓名一致（核对用）', example: '平顶山示例电气有限公司' },
    { key: 'kind', zh: '类型', en: 'kind', required: true, description: `填写其一：${CREDIT_KINDS.values.map((v) => CREDIT_KINDS.label(v)).join('、')}`, example: '失信被执行人' },
    { key: 'source', zh: '来源', en: 'source', required: true, description: `填写其一：${CREDIT_SOURCES.values.map((v) => CREDIT_SOURCES.label(v)).join('、')}`, example: '人民法院' },
    { key: 'source_name', zh: '认定机关', en: 'source_name', description: '公布名单或作出决定的机关全称', example: '平顶山市湛河区人民法院' },
    { key: 'document_number', zh: '文号', en: 'document_number', description: '名单、决定书或案号', example: '（2026）豫0411执123号' },
    { key: 'valid_from', zh: '起始日期', en: 'valid_from', required: true, description: 'YYYY-MM-DD：列入之日', example: '2026-10-15' },
    { key: 'valid_to', zh: '截止日期', en: 'valid_to', description: 'YYYY-MM-DD，不早于起始日期；未定留空', example: '2029-10-14' },
    { key: 'note', zh: '备注', en: 'note', description: '失信行为摘要等', example: '未履行生效判决确定的给付义务' },
  ],
  schema: importSchema as unknown as z.ZodType<Row>,
  toInput(c) {
    return {
      uscc: optional(c.uscc),
      idNumber: optional(c.id_number),
      name: c.name ?? '',
      kind: fromLabel(CREDIT_KINDS.table, c.kind ?? ''),
      source: fromLabel(CREDIT_SOURCES.table, c.source ?? ''),
      sourceName: optional(c.source_name),
      documentNumber: optional(c.document_number),
      validFrom: c.valid_from ?? '',
      validTo: optional(c.valid_to),
      note: optional(c.note),
    };
  },
  columnOf: (path) => FIELD_COLUMN[String(path[0])],
  naturalKey: (v) => `${v.uscc ?? masked(v.idNumber ?? '')} / ${CREDIT_KINDS.label(v.kind)} / ${v.documentNumber ?? ''} / ${v.validFrom}`,

  async apply(ctx, trx, rows) {
    const { byCode, missing } = await lookUpOrganizations(trx, rows, (v) => [
      { code: v.uscc, column: '统一社会信用代码', reason: '该机构未在平台登记，请核对代码或先登记机构' },
    ]);
    const details: ErrorDetail[] = [...missing];
    const holders = new Map<number, { type: 'organization' | 'person'; id: string; name: string; jurisdictionCode: string }>();
    for (const r of rows) {
      const v = r.value;
      if (v.uscc) {
        const org = byCode.get(v.uscc);
        if (!org) continue;
        if (org.name !== v.name) details.push({ line: r.line, column: '名称或姓名', value: v.name, reason: `与登记名称“${org.name}”不一致` });
        else holders.set(r.line, { type: 'organization', id: org.id, name: org.name, jurisdictionCode: org.jurisdiction_code });
        continue;
      }
      const person = await trx.selectFrom('person').select(['id', 'name', 'jurisdiction_code']).where('id_number_digest', '=', ctx.protector.digest(normalizedId(v.idNumber!))).executeTakeFirst();
      if (!person) details.push({ line: r.line, column: '身份证号码', value: masked(v.idNumber!), reason: '该人员未在平台登记' });
      else if (person.name !== v.name) details.push({ line: r.line, column: '名称或姓名', value: v.name, reason: `与登记姓名“${person.name}”不一致` });
      else holders.set(r.line, { type: 'person', id: person.id, name: person.name, jurisdictionCode: person.jurisdiction_code });
    }
    for (const r of rows) {
      const holder = holders.get(r.line);
      const at = r.value.uscc ? { line: r.line, column: '统一社会信用代码', value: r.value.uscc } : { line: r.line, column: '身份证号码', value: masked(r.value.idNumber!) };
      const refused = holder && heldElsewhere(ctx, at, holder.jurisdictionCode, `${holder.type === 'organization' ? '机构' : '人员'}“${holder.name}”`);
      if (refused) details.push(refused);
    }
    if (details.length) throw invalid(details);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const r of rows) {
      const holder = holders.get(r.line)!;
      const v = r.value;
      let same = trx
        .selectFrom('credit_record')
        .select('id')
        .where(holder.type === 'organization' ? 'organization_id' : 'person_id', '=', holder.id)
        .where('kind', '=', v.kind)
        .where('valid_from', '=', v.validFrom);
      same = v.documentNumber ? same.where('document_number', '=', v.documentNumber) : same.where('document_number', 'is', null);
      if (await same.executeTakeFirst()) {
        counts.unchanged++;
        continue;
      }
      await insertCreditRecord(ctx, trx, holder, v);
      counts.created++;
    }
    return counts;
  },
};
