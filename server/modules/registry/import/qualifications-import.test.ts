import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { makeOrganization, nextUscc } from '../../../testing/builders.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { exportRows } from '../export/export-table.js';
import { addQualification } from '../qualifications.js';
import { importTable } from './import-table.js';
import { actionsAfter, counts, invalidDetails, lastSeq, readFile, sheet, tempDir, writeBuffer, writeCsv } from './import-test-support.js';
import { qualificationsImport } from './qualifications-import.js';

const kind = qualificationsImport;
let serial = 0;

for (const dialect of await testDialects()) {
  describe(`qualifications import on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const dir = tempDir();
    const org = { id: '', uscc: '' };
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      Object.assign(org, await makeOrganization(testCtx(handle)));
    });
    afterAll(async () => {
      await handle.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    function qualification(overrides: Record<string, string> = {}): Record<string, string> {
      serial += 1;
      return {
        uscc: org.uscc,
        type: '高新技术企业',
        number: `GR2024410${String(serial).padStart(5, '0')}`,
        level: '国家级',
        issued_on: '2024-11-29',
        valid_until: '',
        ...overrides,
      };
    }

    const stored = (number: string) => handle.db.selectFrom('qualification').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

    it('imports a clean file, derives missing expiry dates, and audits every record', async () => {
      const ctx = testCtx(handle);
      const rows = [
        qualification(),
        qualification({ type: 'tech_sme', level: '', issued_on: '2025-05-16' }),
        qualification({ type: '技术转移示范机构', level: '省级', issued_on: '2021-03-01' }),
        qualification({ type: '其他资质', level: '', issued_on: '2022-01-10', valid_until: '2026-01-09' }),
      ];
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'clean.csv', sheet(kind, rows))))).toEqual({ total: 4, created: 4, updated: 0, unchanged: 0 });
      const got = await Promise.all(rows.map((r) => stored(r.number!)));
      expect(got.map((q) => [q.type, q.level, q.valid_until])).toEqual([
        ['high_tech_enterprise', 'national', '2027-11-28'],
        ['tech_sme', null, '2025-12-31'],
        ['tech_transfer_demonstration', 'provincial', '9999-12-31'],
        ['other', null, '2026-01-09'],
      ]);
      expect(got.every((q) => q.organization_id === org.id)).toBe(true);
      expect(await actionsAfter(handle.db, seq)).toEqual([...Array(4).fill('registry.qualification.create'), 'registry.import']);
      const event = await handle.db.selectFrom('audit_event').selectAll().where('seq', '=', seq + 1).executeTakeFirstOrThrow();
      expect([event.subject_type, event.subject_id, JSON.parse(event.after!).number]).toEqual(['organization', org.id, rows[0]!.number]);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('rejects a file with bad rows, names each one, and changes nothing', async () => {
      const ctx = testCtx(handle);
      const dup = qualification();
      const rows = [
        qualification(),
        qualification({ type: '专精特新' }),
        qualification({ number: '' }),
        qualification({ issued_on: '2024/11/29' }),
        qualification({ valid_until: '2024-01-01' }),
        qualification({ level: '特级' }),
        dup,
        { ...qualification(), number: dup.number! },
      ];
      const before = await counts(handle.db);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'bad.csv', sheet(kind, rows)))));
      expect(details.map((d) => [d.line, d.column, d.value])).toEqual([
        [3, '资质类型', '专精特新'],
        [4, '证书编号', ''],
        [5, '发证日期', '2024/11/29'],
        [6, '有效期至', '2024-01-01'],
        [7, '级别', '特级'],
        [9, '统一社会信用代码', `${org.uscc} / 高新技术企业 / ${dup.number}`],
      ]);
      expect(details[3]!.reason).toBe('有效期截止日不得早于发证日期');
      expect(await counts(handle.db)).toEqual(before);
    });

    it('rejects rows whose organization is not registered, and changes nothing', async () => {
      const ctx = testCtx(handle);
      const missing = nextUscc();
      const before = await counts(handle.db);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'refs.csv', sheet(kind, [qualification(), qualification({ uscc: missing })])))));
      expect(details).toEqual([{ line: 3, column: '统一社会信用代码', value: missing, reason: '机构未登记：须已在系统中，或先导入机构' }]);
      expect(await counts(handle.db)).toEqual(before);
    });

    it('re-imports the same file as all unchanged, with only the import summary audited', async () => {
      const ctx = testCtx(handle);
      const file = writeCsv(dir, 'again.csv', sheet(kind, [qualification(), qualification({ type: '科技型中小企业', level: '' })]));
      await importTable(ctx, kind, await readFile(file));
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(file))).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
    });

    it('updates dates and level, re-deriving an empty expiry, and audits before and after', async () => {
      const ctx = testCtx(handle);
      const row = qualification();
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'first.csv', sheet(kind, [row]))));
      const seq = await lastSeq(handle.db);
      const corrected = { ...row, issued_on: '2024-12-02', level: '' };
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'second.csv', sheet(kind, [corrected]))))).toMatchObject({ updated: 1 });
      const after = await stored(row.number!);
      expect([after.issued_on, after.valid_until, after.level]).toEqual(['2024-12-02', '2027-12-01', null]);
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.qualification.update', 'registry.import']);
      const event = await handle.db.selectFrom('audit_event').selectAll().where('seq', '=', seq + 1).executeTakeFirstOrThrow();
      expect([JSON.parse(event.before!).issuedOn, JSON.parse(event.after!).issuedOn]).toEqual(['2024-11-29', '2024-12-02']);
      // Without the 有效期至 column the stored expiry stays, and a later issue date than it is refused.
      const late: Record<string, string> = { ...row, issued_on: '2028-01-01' };
      delete late.valid_until;
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'late.csv', sheet(kind, [late])))));
      expect(details).toMatchObject([{ line: 2, column: '发证日期', value: '2028-01-01' }]);
    });

    it('reads English headers the same as Chinese ones', async () => {
      const ctx = testCtx(handle);
      const rows = [qualification(), qualification()];
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'zh.csv', sheet(kind, rows, 'zh'))));
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'en.csv', sheet(kind, rows, 'en'))))).toMatchObject({ unchanged: 2 });
    });

    it('reads a CSV saved as GB18030', async () => {
      const ctx = testCtx(handle);
      const row = qualification({ type: '科技型中小企业', number: '2025410411Ａ００２１７', level: '' });
      const file = writeCsv(dir, 'gbk.csv', sheet(kind, [row]), 'gb18030');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file))).toThrow();
      expect(await importTable(ctx, kind, await readFile(file))).toMatchObject({ created: 1 });
      expect((await stored(row.number!)).type).toBe('tech_sme');
    });

    it('reads an XLSX workbook written with exceljs, including real date cells', async () => {
      const ctx = testCtx(handle);
      const rows = [qualification(), qualification({ type: 'tech_sme', level: '' })];
      const data = sheet(kind, rows);
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet('资质');
      ws.addRow(data[0]!);
      // Excel keeps dates as date cells; the reader turns them into YYYY-MM-DD.
      for (const r of data.slice(1)) ws.addRow(r.map((v, i) => (data[0]![i] === '发证日期' ? new Date(`${v}T00:00:00Z`) : v || null)));
      const file = path.join(dir, 'qualifications.xlsx');
      await workbook.xlsx.writeFile(file);
      expect(await importTable(ctx, kind, await readFile(file))).toMatchObject({ created: 2 });
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'q-as-csv.csv', data)))).toMatchObject({ unchanged: 2 });
    });

    it('exports CSV and XLSX that re-import unchanged', async () => {
      const ctx = testCtx(handle);
      await addQualification(ctx, org.id, { type: 'high_tech_enterprise', number: 'GR202141001023', issuedOn: '2021-10-28' });
      const [{ n }] = (await handle.db.selectFrom('qualification').select((eb) => eb.fn.countAll<number>().as('n')).execute()) as [{ n: number }];
      for (const format of ['csv', 'xlsx'] as const) {
        const table = await readFile(writeBuffer(dir, `export.${format}`, await exportRows(ctx, 'qualifications', format)));
        expect(table.headers).toEqual(kind.columns.map((c) => c.zh));
        const seq = await lastSeq(handle.db);
        expect(await importTable(ctx, kind, table)).toEqual({ total: Number(n), created: 0, updated: 0, unchanged: Number(n) });
        expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
      }
    });
  });
}
