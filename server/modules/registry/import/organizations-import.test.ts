import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { makeOrganization, nextUscc } from '../../../testing/builders.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { exportRows } from '../export/export-table.js';
import { importTable } from './import-table.js';
import { actionsAfter, counts, invalidDetails, lastSeq, readFile, sheet, tempDir, writeBuffer, writeCsv, writeXlsx } from './import-test-support.js';
import { organizationsImport } from './organizations-import.js';

const kind = organizationsImport;

function organization(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: `湛河测试电气${nextUscc().slice(-6)}有限公司`,
    uscc: nextUscc(),
    kind: '企业',
    division: '410411',
    address: '河南省平顶山市湛河区南环路1号',
    industries: '电气制造；新材料',
    rd_filed: '', // see the known-bug test below: files without this column do not re-import unchanged
    contact_name: '王敏',
    contact_phone: '0375-1234567',
    ...overrides,
  };
}

for (const dialect of await testDialects()) {
  describe(`organizations import on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const dir = tempDir();
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      await handle.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('imports a clean file and audits every record', async () => {
      const ctx = testCtx(handle);
      const rows = [organization(), organization({ kind: 'university', industries: '' }), organization({ kind: '服务机构', industries: '', service_types: '知识产权、法律咨询' })];
      const seq = await lastSeq(handle.db);
      const result = await importTable(ctx, kind, await readFile(writeCsv(dir, 'clean.csv', sheet(kind, rows))));
      expect(result).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });
      const stored = await handle.db.selectFrom('organization').selectAll().where('uscc', 'in', rows.map((r) => r.uscc!)).orderBy('uscc').execute();
      expect(stored.map((o) => o.kind).sort()).toEqual(['enterprise', 'service_agency', 'university']);
      const agency = stored.find((o) => o.kind === 'service_agency')!;
      expect(JSON.parse(agency.service_types)).toEqual(['ip', 'legal']);
      expect(await actionsAfter(handle.db, seq)).toEqual([...Array(3).fill('registry.organization.create'), 'registry.import']);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('audits an imported organization exactly as one created on its page', async () => {
      const ctx = testCtx(handle);
      const row = organization();
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'one.csv', sheet(kind, [row]))));
      const imported = await handle.db.selectFrom('organization').select('id').where('uscc', '=', row.uscc!).executeTakeFirstOrThrow();
      const viaImport = await handle.db.selectFrom('audit_event').select('after').where('subject_id', '=', imported.id).executeTakeFirstOrThrow();
      const created = await makeOrganization(ctx, {
        name: row.name!, uscc: nextUscc(), address: row.address, industries: ['electrical_manufacturing', 'new_materials'],
        contacts: [{ name: '王敏', phone: '0375-1234567' }],
      });
      const viaPage = await handle.db.selectFrom('audit_event').select('after').where('subject_id', '=', created.id).executeTakeFirstOrThrow();
      const a = JSON.parse(viaImport.after!);
      const b = JSON.parse(viaPage.after!);
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      for (const key of Object.keys(b)) if (!['id', 'uscc'].includes(key)) expect(a[key], key).toEqual(b[key]);
    });

    it('rejects a file with bad rows, names each one, and changes nothing', async () => {
      const ctx = testCtx(handle);
      const dup = organization();
      const rows = [
        organization(),
        organization({ uscc: '91410411MA0000000X' }),
        organization({ kind: '合作社' }),
        dup,
        { ...organization(), uscc: dup.uscc! },
      ];
      const before = await counts(handle.db);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'bad.csv', sheet(kind, rows)))));
      expect(details.map((d) => [d.line, d.column, d.value])).toEqual([
        [3, '统一社会信用代码', '91410411MA0000000X'],
        [4, '类型', '合作社'],
        [6, '名称', dup.uscc],
      ]);
      expect(details.every((d) => d.reason.length > 0)).toBe(true);
      expect(details[2]!.reason).toBe('与第 5 行重复');
      expect(await counts(handle.db)).toEqual(before);
    });

    it('rejects rows whose references fail (unknown division) and changes nothing', async () => {
      const ctx = testCtx(handle);
      const before = await counts(handle.db);
      const rows = [organization(), organization({ division: '419999' })];
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'division.csv', sheet(kind, rows)))));
      expect(details).toEqual([{ line: 3, column: '行政区划代码', value: '419999', reason: '不在 GB/T 2260 代码表中' }]);
      expect(await counts(handle.db)).toEqual(before);
    });

    it('re-imports the same file as all unchanged, with only the import summary audited', async () => {
      const ctx = testCtx(handle);
      const file = writeCsv(dir, 'again.csv', sheet(kind, [organization(), organization()]));
      await importTable(ctx, kind, await readFile(file));
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(file))).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
    });
    it('a file without the 已备案 column re-imports unchanged', async () => {
      const ctx = testCtx(handle);
      const { rd_filed: _r, ...row } = organization();
      const file = writeCsv(dir, 'no-rd-filed.csv', sheet(kind, [row]));
      await importTable(ctx, kind, await readFile(file));
      expect(await importTable(ctx, kind, await readFile(file))).toMatchObject({ unchanged: 1 });
    });

    it('reads English headers the same as Chinese ones', async () => {
      const ctx = testCtx(handle);
      const rows = [organization(), organization()];
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'zh.csv', sheet(kind, rows, 'zh'))));
      const english = sheet(kind, rows, 'en');
      english[0] = english[0]!.map((h, i) => (i === 0 ? h.toUpperCase() : h)); // headers are case-insensitive
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'en.csv', english)))).toMatchObject({ unchanged: 2 });
    });

    it('reads a CSV saved as GB18030 (Excel on Chinese Windows)', async () => {
      const ctx = testCtx(handle);
      const row = organization({ name: '平顶山湛河（示例）新材料有限公司', address: '湛河区姚孟街道' });
      const file = writeCsv(dir, 'gbk.csv', sheet(kind, [row]), 'gb18030');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file))).toThrow();
      expect(await importTable(ctx, kind, await readFile(file))).toMatchObject({ created: 1 });
      const stored = await handle.db.selectFrom('organization').selectAll().where('uscc', '=', row.uscc!).executeTakeFirstOrThrow();
      expect([stored.name, stored.address, JSON.parse(stored.industries)]).toEqual(['平顶山湛河（示例）新材料有限公司', '湛河区姚孟街道', ['electrical_manufacturing', 'new_materials']]);
    });

    it('reads an XLSX workbook written with exceljs', async () => {
      const ctx = testCtx(handle);
      const rows = [organization(), organization({ kind: 'new_rd_institution', rd_filed: '是', rd_filed_on: '2023-05-10' })];
      const file = await writeXlsx(dir, 'orgs.xlsx', sheet(kind, rows));
      expect(await importTable(ctx, kind, await readFile(file))).toMatchObject({ created: 2 });
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'orgs-as-csv.csv', sheet(kind, rows))))).toMatchObject({ unchanged: 2 });
    });

    it('exports CSV and XLSX that re-import unchanged, keeping contacts the file cannot hold', async () => {
      const ctx = testCtx(handle);
      const contacts = [
        { name: '曹建军', title: '技术中心主任', phone: '0375-2961188', email: 'tech@example.cn' },
        { name: '孟晓东', phone: '0375-2961202' },
      ];
      const withContacts = await makeOrganization(ctx, { contacts });
      const [{ n }] = (await handle.db.selectFrom('organization').select((eb) => eb.fn.countAll<number>().as('n')).execute()) as [{ n: number }];
      for (const format of ['csv', 'xlsx'] as const) {
        const file = writeBuffer(dir, `export.${format}`, await exportRows(ctx, 'organizations', format));
        const table = await readFile(file);
        expect(table.headers).toEqual(kind.columns.filter((c) => !c.key.startsWith('contact_')).map((c) => c.zh));
        const seq = await lastSeq(handle.db);
        expect(await importTable(ctx, kind, table)).toEqual({ total: Number(n), created: 0, updated: 0, unchanged: Number(n) });
        expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
      }
      const stored = await handle.db.selectFrom('organization').select('contacts').where('id', '=', withContacts.id).executeTakeFirstOrThrow();
      expect(JSON.parse(stored.contacts)).toEqual(contacts);
    });
  });
}
