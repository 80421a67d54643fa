/** Import kind `platforms`: upsert by (host organization's credit code, type, name). */
import { z } from 'zod';
import { type PlatformInput, isoDate, usccField } from '../../../../common/registry-schema.js';
import { LEVELS, PLATFORM_TYPES } from '../../../../common/vocabulary.js';
import type { ErrorDetail } from '../../../errors.js';
import { type AuditInput, audit } from '../../audit/audit.js';
import { type PlatformRow, platformInputOf, platformRow, writePlatformUpdate } from '../platforms.js';
import { type ImportKind, fromLabel, heldElsewhere, invalid, optional, lookUpOrganizations, inImportChunks } from './import-table.js';
import { newId } from '../../../ids.js';
import { insertMany } from '../../../db/bulk-insert.js';

const importSchema = z
  .strictObject({
    name: z.string().trim().min(2, { message: '名称至少2个字' }).max(100, { message: '名称最多100个字' }),
    type: z.enum(PLATFORM_TYPES.values, { message: `类型应为：${Object.values(PLATFORM_TYPES.table).join('、')}` }),
    level: z.enum(LEVELS.values, { message: `级别应为：${Object.values(LEVELS.table).join('、')}` }),
    hostUscc: usccField,
    recognizedOn: isoDate,
    revokedOn: isoDate.optional(),
    documentNumber: z.string().trim().max(60, { message: '认定文号最多60个字符' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.revokedOn && v.revokedOn < v.recognizedOn) ctx.addIssue({ code: 'custom', path: ['revokedOn'], message: '撤销日期不得早于认定日期' });
  });
type Row = z.infer<typeof importSchema>;

const FIELD_COLUMN: Record<string, string> = {
  name: 'name', type: 'type', level: 'level', hostUscc: 'host_uscc', recognizedOn: 'recognized_on', revokedOn: 'revoked_on', documentNumber: 'document_number',
};

/** The fields a column fills on an existing platform (name, type and host are its key). */
const COLUMN_FIELDS: Record<string, keyof PlatformInput> = {
  level: 'level', recognized_on: 'recognizedOn', revoked_on: 'revokedOn', document_number: 'documentNumber',
};

const keyOf = (hostId: string, type: string, name: string) => JSON.stringify([hostId, type, name]);

export const platformsImport: ImportKind<Row> = {
  kind: 'platforms',
  title: '研发平台与载体',
  columns: [
    { key: 'name', zh: '名称', en: 'name', required: true, description: '平台全称（与依托单位、类型一起识别同一平台）', example: '平顶山市智能开关示例工程技术研究中心' },
    { key: 'type', zh: '类型', en: 'type', required: true, description: `填写其一：${PLATFORM_TYPES.values.map((v) => PLATFORM_TYPES.label(v)).join('、')}`, example: '工程技术研究中心' },
    { key: 'level', zh: '级别', en: 'level', required: true, description: `填写其一：${LEVELS.values.map((v) => LEVELS.label(v)).join('、')}`, example: '市级' },
    { key: 'host_uscc', zh: '依托单位统一社会信用代码', en: 'host_uscc', required: true, description: '依托单位的统一社会信用代码；该机构须已登记（或已先导入机构）', example: '91410411MA9DE001XQ' },
    { key: 'recognized_on', zh: '认定日期', en: 'recognized_on', required: true, description: 'YYYY-MM-DD', example: '2022-09-20' },
    { key: 'revoked_on', zh: '撤销日期', en: 'revoked_on', description: 'YYYY-MM-DD，不早于认定日期；未撤销留空', example: '' },
    { key: 'document_number', zh: '认定文号', en: 'document_number', description: '认定文件的文号', example: '平科〔2022〕41号' },
  ],
  schema: importSchema as unknown as z.ZodType<Row>,
  toInput(c) {
    return {
      name: c.name ?? '',
      type: fromLabel(PLATFORM_TYPES.table, c.type ?? ''),
      level: fromLabel(LEVELS.table, c.level ?? ''),
      hostUscc: c.host_uscc ?? '',
      recognizedOn: c.recognized_on ?? '',
      revokedOn: optional(c.revoked_on),
      documentNumber: optional(c.document_number),
    };
  },
  columnOf: (path) => FIELD_COLUMN[String(path[0])],
  // Shown in the duplicate-row report; the credit code and label have fixed forms, so it is unambiguous.
  naturalKey: (v) => `${v.hostUscc} / ${PLATFORM_TYPES.label(v.type)} / ${v.name}`,

  async apply(ctx, trx, rows, progress) {
    const { byCode: hosts, missing } = await lookUpOrganizations(trx, rows, (v) => [
      { code: v.hostUscc, column: '依托单位统一社会信用代码', reason: '依托单位未登记：须已在系统中，或先导入机构' },
    ]);
    const outside = rows.flatMap((r) => {
      const host = hosts.get(r.value.hostUscc);
      const refused = host && heldElsewhere(ctx, { line: r.line, column: '依托单位统一社会信用代码', value: r.value.hostUscc }, host.jurisdiction_code, `依托单位“${host.name}”`);
      return refused ? [refused] : [];
    });
    if (missing.length || outside.length) throw invalid([...missing, ...outside]);
    const details: ErrorDetail[] = []; // rows found wrong once merged with what is stored

    const counts = { created: 0, updated: 0, unchanged: 0 };
    const now = ctx.clock.now().toISOString();
    await inImportChunks(rows, progress, async (chunk) => {
      const hostIds = [...new Set(chunk.map((r) => hosts.get(r.value.hostUscc)!.id))];
      const found = await trx.selectFrom('platform').selectAll().where('host_organization_id', 'in', hostIds).execute();
      const existing = new Map(found.map((p) => [keyOf(p.host_organization_id, p.type, p.name), p]));
      const inserts: PlatformRow[] = [];
      const events: AuditInput[] = [];
      for (const r of chunk) {
        const { hostUscc, ...fields } = r.value;
        const host = hosts.get(hostUscc)!;
        const old = existing.get(keyOf(host.id, r.value.type, r.value.name));
        if (!old) {
          const row = platformRow({ ...fields, hostOrganizationId: host.id }, {
            id: newId(), jurisdictionCode: ctx.actor.jurisdictionCode, now, isDemo: false,
          });
          inserts.push(row);
          // The view platforms.ts audits on create.
          events.push({
            action: 'registry.platform.create',
            subjectType: 'platform',
            subjectId: row.id,
            after: {
              id: row.id, jurisdictionCode: row.jurisdiction_code, name: row.name, type: row.type, level: row.level,
              hostOrganizationId: row.host_organization_id, recognizedOn: row.recognized_on, revokedOn: row.revoked_on,
              documentNumber: row.document_number, isDemo: false, version: 1,
            },
          });
          counts.created++;
          continue;
        }
        const merged = platformInputOf(old);
        for (const column of r.present) {
          const field = COLUMN_FIELDS[column];
          if (field) (merged as unknown as Record<string, unknown>)[field] = r.value[field as keyof Row];
        }
        if (merged.revokedOn && merged.revokedOn < merged.recognizedOn) {
          details.push({ line: r.line, column: '撤销日期', value: merged.revokedOn, reason: `撤销日期不得早于认定日期（${merged.recognizedOn}）` });
          continue;
        }
        const next = platformRow(merged, { id: old.id, jurisdictionCode: old.jurisdiction_code, now, isDemo: old.is_demo === 1 });
        if (['level', 'recognized_on', 'revoked_on', 'document_number'].every((k) => next[k as keyof PlatformRow] === old[k as keyof PlatformRow])) {
          counts.unchanged++;
          continue;
        }
        if (details.length === 0) await writePlatformUpdate(ctx, trx, old, merged);
        counts.updated++;
      }
      if (details.length === 0) {
        await insertMany(trx, ctx.sqlite, 'platform', inserts);
        await audit(trx, ctx, ...events);
      }
    });
    if (details.length) throw invalid(details);
    return counts;
  },
};
