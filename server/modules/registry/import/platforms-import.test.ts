import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { makeOrganization, makePlatform, nextUscc } from '../../../testing/builders.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { exportRows } from '../export/export-table.js';
import { importTable } from './import-table.js';
import { actionsAfter, counts, invalidDetails, lastSeq, readFile, sheet, tempDir, writeBuffer, writeCsv, writeXlsx } from './import-test-support.js';
import { platformsImport } from './platforms-import.js';

const kind = platformsImport;
let serial = 0;

for (const dialect of await testDialects()) {
  describe(`platforms import on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const dir = tempDir();
    const host = { id: '', uscc: '' };
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      Object.assign(host, await makeOrganization(testCtx(handle), { name: '平顶山湛河示例高压开关有限公司' }));
    });
    afterAll(async () => {
      await handle.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    function platform(overrides: Record<string, string> = {}): Record<string, string> {
      serial += 1;
      return {
        name: `河南省智能开关示例工程技术研究中心${serial}`,
        type: '工程技术研究中心',
        level: '省级',
        host_uscc: host.uscc,
        recognized_on: '2023-06-15',
        revoked_on: '',
        document_number: `豫科〔2023〕${serial}号`,
        ...overrides,
      };
    }

    const stored = (name: string) => handle.db.selectFrom('platform').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

    it('imports a clean file and audits every record', async () => {
      const ctx = testCtx(handle);
      const rows = [platform(), platform({ type: 'incubator', level: 'national' }), platform({ type: '众创空间', level: '市级', revoked_on: '2025-12-31' })];
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'clean.csv', sheet(kind, rows))))).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });
      const third = await stored(rows[2]!.name!);
      expect([third.type, third.level, third.host_organization_id, third.revoked_on, third.jurisdiction_code]).toEqual(['maker_space', 'municipal', host.id, '2025-12-31', '410411']);
      expect(await actionsAfter(handle.db, seq)).toEqual([...Array(3).fill('registry.platform.create'), 'registry.import']);
      const event = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', third.id).executeTakeFirstOrThrow();
      expect(JSON.parse(event.after!)).toMatchObject({ id: third.id, name: third.name, type: 'maker_space', hostOrganizationId: host.id, version: 1 });
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('rejects a file with bad rows, names each one, and changes nothing', async () => {
      const ctx = testCtx(handle);
      const dup = platform();
      const rows = [
        platform(),
        platform({ type: '实验基地' }),
        platform({ level: '县级' }),
        platform({ recognized_on: '2023-02-30' }),
        platform({ revoked_on: '2020-01-01' }),
        platform({ name: '中' }),
        dup,
        { ...platform(), name: dup.name! },
      ];
      const before = await counts(handle.db);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'bad.csv', sheet(kind, rows)))));
      expect(details.map((d) => [d.line, d.column, d.value])).toEqual([
        [3, '类型', '实验基地'],
        [4, '级别', '县级'],
        [5, '认定日期', '2023-02-30'],
        [6, '撤销日期', '2020-01-01'],
        [7, '名称', '中'],
        [9, '名称', `${host.uscc} / 工程技术研究中心 / ${dup.name}`],
      ]);
      expect(details[3]!.reason).toBe('撤销日期不得早于认定日期');
      expect(await counts(handle.db)).toEqual(before);
    });

    it('rejects rows whose host organization is not registered, and changes nothing', async () => {
      const ctx = testCtx(handle);
      const missing = nextUscc();
      const before = await counts(handle.db);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'refs.csv', sheet(kind, [platform(), platform({ host_uscc: missing })])))));
      expect(details).toEqual([{ line: 3, column: '依托单位统一社会信用代码', value: missing, reason: '依托单位未登记：须已在系统中，或先导入机构' }]);
      expect(await counts(handle.db)).toEqual(before);
    });

    it('re-imports the same file as all unchanged, with only the import summary audited', async () => {
      const ctx = testCtx(handle);
      const file = writeCsv(dir, 'again.csv', sheet(kind, [platform(), platform({ level: '国家级' })]));
      await importTable(ctx, kind, await readFile(file));
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(file))).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
    });

    it('updates level and revocation through the platform use case; absent columns are kept', async () => {
      const ctx = testCtx(handle);
      const row = platform();
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'first.csv', sheet(kind, [row]))));
      const changed: Record<string, string> = { ...row, level: '国家级', revoked_on: '2026-01-31' };
      delete changed.document_number;
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'second.csv', sheet(kind, [changed]))))).toMatchObject({ updated: 1 });
      const after = await stored(row.name!);
      expect([after.level, after.revoked_on, after.document_number, after.version]).toEqual(['national', '2026-01-31', row.document_number, 2]);
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.platform.update', 'registry.import']);
      const event = await handle.db.selectFrom('audit_event').selectAll().where('seq', '=', seq + 1).executeTakeFirstOrThrow();
      expect(JSON.parse(event.after!)).toEqual({ level: 'national', revokedOn: '2026-01-31', version: 2 });
    });

    it('reads English headers the same as Chinese ones', async () => {
      const ctx = testCtx(handle);
      const rows = [platform(), platform()];
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'zh.csv', sheet(kind, rows, 'zh'))));
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'en.csv', sheet(kind, rows, 'en'))))).toMatchObject({ unchanged: 2 });
    });

    it('reads a CSV saved as GB18030', async () => {
      const ctx = testCtx(handle);
      const row = platform({ name: '平顶山市尼龙新材料（示例）重点实验室', type: '重点实验室', level: '市级' });
      const file = writeCsv(dir, 'gbk.csv', sheet(kind, [row]), 'gb18030');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file))).toThrow();
      expect(await importTable(ctx, kind, await readFile(file))).toMatchObject({ created: 1 });
      expect((await stored(row.name!)).document_number).toBe(row.document_number);
    });

    it('reads an XLSX workbook written with exceljs', async () => {
      const ctx = testCtx(handle);
      const rows = [platform(), platform({ type: '院士工作站' })];
      expect(await importTable(ctx, kind, await readFile(await writeXlsx(dir, 'platforms.xlsx', sheet(kind, rows))))).toMatchObject({ created: 2 });
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'platforms-as-csv.csv', sheet(kind, rows))))).toMatchObject({ unchanged: 2 });
    });

    it('exports CSV and XLSX that re-import unchanged', async () => {
      const ctx = testCtx(handle);
      await makePlatform(ctx, { revokedOn: '2024-03-01', documentNumber: '平科〔2022〕7号' });
      const [{ n }] = (await handle.db.selectFrom('platform').select((eb) => eb.fn.countAll<number>().as('n')).execute()) as [{ n: number }];
      for (const format of ['csv', 'xlsx'] as const) {
        const table = await readFile(writeBuffer(dir, `export.${format}`, await exportRows(ctx, 'platforms', format)));
        expect(table.headers).toEqual(kind.columns.map((c) => c.zh));
        const seq = await lastSeq(handle.db);
        expect(await importTable(ctx, kind, table)).toEqual({ total: Number(n), created: 0, updated: 0, unchanged: Number(n) });
        expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
      }
    });
  });
}
