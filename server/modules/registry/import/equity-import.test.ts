import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResidentId, maskResidentId } from '../../../../common/resident-id.js';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { makeOrganization, makePerson, nextIdNumber, nextUscc } from '../../../testing/builders.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { exportRows } from '../export/export-table.js';
import { setEquityHolders } from '../equity.js';
import { equityImport } from './equity-import.js';
import { importTable } from './import-table.js';
import { actionsAfter, counts, invalidDetails, lastSeq, readFile, sheet, tempDir, writeBuffer, writeCsv, writeXlsx } from './import-test-support.js';

const kind = equityImport;

for (const dialect of await testDialects()) {
  describe(`equity import on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const dir = tempDir();
    const investor = { id: '', uscc: '' };
    const people: { id: string; idNumber: string }[] = [];
    /** The organization two same-mask holders hold (set by the masked-number test). */
    const twinsHeld = { uscc: '', mask: '' };
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      const ctx = testCtx(handle);
      Object.assign(investor, await makeOrganization(ctx, { name: '平顶山示例投资有限公司' }));
      for (const name of ['李建国', '高明']) {
        const idNumber = nextIdNumber();
        people.push({ id: (await makePerson(ctx, { name, idNumber })).id, idNumber });
      }
    });
    afterAll(async () => {
      await handle.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const company = async () => makeOrganization(testCtx(handle));
    const holdingsOf = (organizationId: string) =>
      handle.db.selectFrom('equity_holding').selectAll().where('organization_id', '=', organizationId).orderBy('percent_bp', 'desc').execute();
    const byOrg = (uscc: string, holderUscc: string, percent: string) => ({ uscc, holder_type: '机构', holder_uscc: holderUscc, holder_id_number: '', percent });
    const byPerson = (uscc: string, idNumber: string, percent: string) => ({ uscc, holder_type: '自然人', holder_uscc: '', holder_id_number: idNumber, percent });

    it('imports a clean file in basis points and audits each organization once, masked', async () => {
      const ctx = testCtx(handle);
      const [a, b] = [await company(), await company()];
      const rows = [
        byOrg(a.uscc, investor.uscc, '35.5'),
        byPerson(a.uscc, people[0]!.idNumber, '20%'),
        { ...byPerson(b.uscc, people[1]!.idNumber, '60'), holder_type: 'person' },
      ];
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'clean.csv', sheet(kind, rows))))).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });
      expect((await holdingsOf(a.id)).map((h) => [h.holder_type, h.holder_organization_id ?? h.holder_person_id, h.percent_bp])).toEqual([
        ['organization', investor.id, 3550],
        ['person', people[0]!.id, 2000],
      ]);
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.equity.replace', 'registry.equity.replace', 'registry.import']);
      const events = await handle.db.selectFrom('audit_event').selectAll().where('seq', '>', seq).execute();
      expect(JSON.parse(events.find((e) => e.subject_id === b.id)!.after!)).toEqual([
        { organization_id: b.id, holder_type: 'person', holder_organization_id: null, holder_person_id: people[1]!.id, percent_bp: 6000 },
      ]);
      for (const p of people) expect(JSON.stringify(events)).not.toContain(p.idNumber);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('rejects a file with bad rows, names each one, and changes nothing', async () => {
      const ctx = testCtx(handle);
      const a = await company();
      const id = people[0]!.idNumber;
      const badId = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
      const rows = [
        byOrg(a.uscc, investor.uscc, '10'),
        { ...byOrg(a.uscc, investor.uscc, '10'), holder_type: '合伙企业' },
        byOrg(a.uscc, nextUscc(), '百分之十'),
        byOrg(a.uscc, nextUscc(), '12.345'),
        byOrg(a.uscc, nextUscc(), '0'),
        byOrg(a.uscc, nextUscc(), '100.5'),
        byOrg(a.uscc, '', '10'),
        byOrg(a.uscc, a.uscc, '10'),
        byPerson(a.uscc, '', '10'),
        byPerson(a.uscc, badId, '10'),
        byOrg(a.uscc, investor.uscc, '5'),
      ];
      const before = await counts(handle.db);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'bad.csv', sheet(kind, rows)))));
      expect(details.map((d) => [d.line, d.column, d.value])).toEqual([
        [3, '股东类型', '合伙企业'],
        [4, '持股比例', '百分之十'],
        [5, '持股比例', '12.345'],
        [6, '持股比例', '0'],
        [7, '持股比例', '100.5'],
        [8, '股东统一社会信用代码', ''],
        [9, '股东统一社会信用代码', a.uscc],
        [10, '股东身份证号码', ''],
        [11, '股东身份证号码', badId],
        [12, '统一社会信用代码', `${a.uscc} / 机构 ${investor.uscc}`],
      ]);
      expect(details.map((d) => d.reason).slice(2, 7)).toEqual(['持股比例最多两位小数', '持股比例应大于0', '持股比例不得超过100', '股东为机构时须填写股东统一社会信用代码', '机构不能持有自身股权']);
      expect(await counts(handle.db)).toEqual(before);
    });

    it('rejects unknown organizations and holders, and totals over 100 % counting holdings not in the file', async () => {
      const ctx = testCtx(handle);
      const a = await company();
      await setEquityHolders(ctx, a.id, [{ holderType: 'person', holderPersonId: people[0]!.id, percent: 55.5 }]);
      const [missingHeld, missingHolder, unknownPerson] = [nextUscc(), nextUscc(), nextIdNumber()];
      const rows = [
        byOrg(missingHeld, investor.uscc, '10'),
        byOrg(a.uscc, missingHolder, '10'),
        byPerson(a.uscc, unknownPerson, '10'),
        byOrg(a.uscc, investor.uscc, '44.5'),
        { ...byPerson(a.uscc, '', '1'), holder_id_masked: '410411********9999' },
      ];
      const before = await counts(handle.db);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'refs.csv', sheet(kind, rows)))));
      expect(details.map((d) => [d.line, d.column, d.value])).toEqual([
        [2, '统一社会信用代码', missingHeld],
        [3, '股东统一社会信用代码', missingHolder],
        [4, '股东身份证号码', maskResidentId(unknownPerson)],
        [6, '股东身份证号码（脱敏）', '410411********9999'],
      ]);
      expect(JSON.stringify(details)).not.toContain(unknownPerson);
      // 55.5 % stored + 44.5 % + 1 % from the file: over 100 %.
      const over = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'over.csv', sheet(kind, [byOrg(a.uscc, investor.uscc, '44.5'), byPerson(a.uscc, people[1]!.idNumber, '0.01')])))));
      expect(over).toEqual([{ line: 3, column: '持股比例', value: '0.01', reason: `机构 ${a.uscc} 的持股比例合计 100.01% 超过 100%（含文件中未列出的已有股东 55.5%）` }]);
      expect(await counts(handle.db)).toEqual(before);
      // Exactly 100 % is fine.
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'full.csv', sheet(kind, [byOrg(a.uscc, investor.uscc, '44.5')]))))).toMatchObject({ created: 1 });
    });

    it('re-imports the same file as all unchanged, with only the import summary audited', async () => {
      const ctx = testCtx(handle);
      const a = await company();
      const file = writeCsv(dir, 'again.csv', sheet(kind, [byOrg(a.uscc, investor.uscc, '51'), byPerson(a.uscc, people[1]!.idNumber, '49')]));
      await importTable(ctx, kind, await readFile(file));
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(file))).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
    });

    it('updates a holding, keeps holdings the file does not list, and audits the list before and after', async () => {
      const ctx = testCtx(handle);
      const a = await company();
      await setEquityHolders(ctx, a.id, [
        { holderType: 'organization', holderOrganizationId: investor.id, percent: 30 },
        { holderType: 'person', holderPersonId: people[0]!.id, percent: 20 },
      ]);
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'change.csv', sheet(kind, [byOrg(a.uscc, investor.uscc, '45.25')]))))).toMatchObject({ updated: 1 });
      expect((await holdingsOf(a.id)).map((h) => h.percent_bp)).toEqual([4525, 2000]);
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.equity.replace', 'registry.import']);
      const event = await handle.db.selectFrom('audit_event').selectAll().where('seq', '=', seq + 1).executeTakeFirstOrThrow();
      const percents = (json: string | null) => (JSON.parse(json!) as { percent_bp: number }[]).map((h) => h.percent_bp).sort();
      expect([percents(event.before), percents(event.after)]).toEqual([[2000, 3000], [2000, 4525]]);
    });

    it('matches a masked number only when exactly one holder of the organization has it', async () => {
      const ctx = testCtx(handle);
      // Two people whose numbers differ only in the hidden birth date: same mask.
      const first = buildResidentId('410411', '1980-01-01', '123');
      let second = '';
      for (let day = 0; day < 366 && !second; day++) {
        const birth = new Date(Date.UTC(1991, 0, 1 + day)).toISOString().slice(0, 10);
        const candidate = buildResidentId('410411', birth, '123');
        if (maskResidentId(candidate) === maskResidentId(first)) second = candidate;
      }
      expect(second).toMatch(/^\d{17}[\dX]$/);
      const twins = [await makePerson(ctx, { idNumber: first }), await makePerson(ctx, { idNumber: second })];
      const [a, b] = [await company(), await company()];
      Object.assign(twinsHeld, { uscc: b.uscc, mask: maskResidentId(first) });
      await setEquityHolders(ctx, a.id, [{ holderType: 'person', holderPersonId: twins[0]!.id, percent: 10 }]);
      await setEquityHolders(ctx, b.id, twins.map((t) => ({ holderType: 'person' as const, holderPersonId: t.id, percent: 10 })));
      const masked = (uscc: string, percent: string) => ({ uscc, holder_type: '自然人', holder_id_masked: maskResidentId(first), percent });
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'masked.csv', sheet(kind, [masked(a.uscc, '12')]))))).toMatchObject({ updated: 1 });
      expect((await holdingsOf(a.id))[0]!.percent_bp).toBe(1200);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'ambiguous.csv', sheet(kind, [masked(b.uscc, '12')])))));
      expect(details).toMatchObject([{ line: 2, column: '股东身份证号码（脱敏）', reason: '该机构有多名自然人股东的脱敏号码相同：请填写完整的股东身份证号码' }]);
    });

    it('reads English headers the same as Chinese ones', async () => {
      const ctx = testCtx(handle);
      const a = await company();
      const rows = [byOrg(a.uscc, investor.uscc, '40'), byPerson(a.uscc, people[0]!.idNumber, '60')];
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'zh.csv', sheet(kind, rows, 'zh'))));
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'en.csv', sheet(kind, rows, 'en'))))).toMatchObject({ unchanged: 2 });
    });

    it('reads a CSV saved as GB18030', async () => {
      const ctx = testCtx(handle);
      const a = await company();
      const file = writeCsv(dir, 'gbk.csv', sheet(kind, [byOrg(a.uscc, investor.uscc, '35.5％')]), 'gb18030');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file))).toThrow();
      expect(await importTable(ctx, kind, await readFile(file))).toMatchObject({ created: 1 });
      expect((await holdingsOf(a.id))[0]!.percent_bp).toBe(3550);
    });

    it('reads an XLSX workbook written with exceljs', async () => {
      const ctx = testCtx(handle);
      const a = await company();
      const rows = [byOrg(a.uscc, investor.uscc, '12.5'), byPerson(a.uscc, people[1]!.idNumber, '87.5')];
      expect(await importTable(ctx, kind, await readFile(await writeXlsx(dir, 'equity.xlsx', sheet(kind, rows))))).toMatchObject({ created: 2 });
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'equity-as-csv.csv', sheet(kind, rows))))).toMatchObject({ unchanged: 2 });
    });

    it('exports CSV and XLSX (people masked) that re-import unchanged', async () => {
      const ctx = testCtx(handle);
      const [{ n }] = (await handle.db.selectFrom('equity_holding').select((eb) => eb.fn.countAll<number>().as('n')).execute()) as [{ n: number }];
      // Two holders of one organization with the same mask cannot round-trip: those rows are
      // reported (as duplicates of each other) and the rest re-imports unchanged.
      for (const format of ['csv', 'xlsx'] as const) {
        const data = await exportRows(ctx, 'equity', format);
        const table = await readFile(writeBuffer(dir, `export.${format}`, data));
        expect(table.headers).toEqual(kind.columns.filter((c) => c.key !== 'holder_id_number').map((c) => c.zh));
        expect(table.rows.length).toBe(Number(n));
        for (const p of people) expect(JSON.stringify(table.rows)).not.toContain(p.idNumber);
        const twinRows = table.rows.filter((r) => r.cells['统一社会信用代码'] === twinsHeld.uscc);
        expect(twinRows.map((r) => r.cells['股东身份证号码（脱敏）'])).toEqual([twinsHeld.mask, twinsHeld.mask]);
        const ambiguous = await invalidDetails(importTable(ctx, kind, table));
        expect(ambiguous).toEqual([{ line: twinRows[1]!.line, column: '统一社会信用代码', value: `${twinsHeld.uscc} / 自然人 ${twinsHeld.mask}`, reason: `与第 ${twinRows[0]!.line} 行重复` }]);
        const clean = { ...table, rows: table.rows.filter((r) => !twinRows.includes(r)) };
        const seq = await lastSeq(handle.db);
        expect(await importTable(ctx, kind, clean)).toEqual({ total: Number(n) - 2, created: 0, updated: 0, unchanged: Number(n) - 2 });
        expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
      }
    });
  });
}
