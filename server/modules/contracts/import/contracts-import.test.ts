/**
 * The contract import kinds: documented columns and examples that import cleanly and re-import
 * unchanged; one bad row and nothing is imported, with a report naming line, column, value, reason.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../context.js';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { importTable } from '../../registry/import/import-table.js';
import { IMPORT_KINDS } from '../../registry/import/kinds.js';
import { actionsAfter, invalidDetails, lastSeq, readFile, sheet, tempDir, writeCsv, writeXlsx } from '../../registry/import/import-test-support.js';
import { getContract, listContracts } from '../contracts.js';
import { listPayments } from '../payments.js';
import { CONTRACT_IMPORT_KINDS } from './kinds.js';

const docs = fileURLToPath(new URL('../../../../docs/import/', import.meta.url));

describe('contract import documentation', () => {
  for (const [name, kind] of Object.entries(CONTRACT_IMPORT_KINDS)) {
    it(`documents every ${name} column and links its example`, () => {
      const page = fs.readFileSync(`${docs}${name}.md`, 'utf8');
      for (const c of kind.columns) expect(page, `${c.zh} / ${c.en}`).toContain(`| ${c.zh} | \`${c.en}\` |`);
      expect(page).toContain(`(examples/${name}.csv)`);
    });
  }
});

async function importExample(ctx: Ctx, name: string) {
  const table = await readFile(`${docs}examples/${name}.csv`);
  const kind = ((IMPORT_KINDS as Record<string, unknown>)[name] ?? (CONTRACT_IMPORT_KINDS as Record<string, unknown>)[name]) as Parameters<typeof importTable>[1];
  return { table, result: await importTable(ctx, kind, table) };
}

const count = async (ctx: Ctx, table: 'contract' | 'contract_payment' | 'contract_invoice') =>
  Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

for (const dialect of await testDialects()) {
  describe(`contract imports on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      await importExample(ctx, 'organizations');
      await importExample(ctx, 'people');
    });
    afterAll(async () => handle.drop());

    it('imports the examples (contracts, then payments) and re-imports them unchanged', async () => {
      const c = await importExample(ctx, 'contracts');
      expect(c.result).toMatchObject({ total: 2, created: 2 });
      const p = await importExample(ctx, 'payments');
      expect(p.result).toMatchObject({ total: 4, created: 4 });
      const { items } = await listContracts(ctx, { page: 1, pageSize: 10, q: '2025410411000101' });
      const contract = await getContract(ctx, items[0]!.id);
      expect(contract).toMatchObject({
        status: 'registered', registeredOn: '2025-04-02', amountFen: 800_000_00, techAmountFen: 750_000_00,
        deductions: { equipmentFen: 50_000_00 }, brokers: [{ name: '示例甲', share: 1 }], thirdParties: [{ role: '知识产权评估' }],
        ipItems: [{ kind: 'patent', number: 'ZL202210123456.7' }], registrationOffice: { name: '平顶山市湛河区科学技术局（示例技术合同登记机构）' },
      });
      const payments = await listPayments(ctx, contract.id);
      expect(payments.map((x) => [x.paidOn, x.amountFen, x.invoicedFen, x.invoices.length, x.hasVoucher])).toEqual([
        ['2025-05-20', 300_000_00, 300_000_00, 1, true],
        ['2025-09-01', 500_000_00, 500_000_00, 2, true],
      ]);
      const license = (await listContracts(ctx, { page: 1, pageSize: 10, q: '2025410411000102' })).items[0]!;
      expect(license).toMatchObject({ type: 'license', type2001: 'transfer', licenseScope: 'ordinary', licenseYears: 5, funding: [{ level: 'municipal', amountFen: 50_000_00 }] });
      expect(await importExample(ctx, 'contracts')).toMatchObject({ result: { unchanged: 2, created: 0 } });
      expect(await importExample(ctx, 'payments')).toMatchObject({ result: { unchanged: 4, created: 0 } });
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('imports nothing when one row is bad, and reports every bad row (CSV and XLSX)', async () => {
      const dir = tempDir();
      const kind = CONTRACT_IMPORT_KINDS.contracts;
      const good = {
        name: '好的一行技术开发合同', type: '技术开发', subtype: '委托开发', seller_uscc: '52410411MA9DE0036L', buyer_uscc: '91410411MA9DE001XQ',
        signed_on: '2026-01-05', amount: '100000', tech_field: '电子信息', registration_number: '2026410411000901', registered_on: '2026-01-20',
        registration_office_uscc: '11410411MB1D00012H',
      };
      const rows = [
        good,
        { ...good, name: '技术交易额不符', registration_number: '2026410411000902', equipment: '10000', tech_amount: '95000' },
        { ...good, name: '卖方未登记', registration_number: '2026410411000903', seller_uscc: '91410411MA9DE00529' },
        { ...good, name: '子类不符', registration_number: '2026410411000904', subtype: '专利权转让' },
        { ...good, name: '金额格式', registration_number: '2026410411000905', amount: '十万元' },
      ];
      for (const file of [writeCsv(dir, 'c.csv', sheet(kind, rows)), await writeXlsx(dir, 'c.xlsx', sheet(kind, rows, 'en'))]) {
        const before = { contracts: await count(ctx, 'contract'), seq: await lastSeq(handle.db) };
        const details = await invalidDetails(importTable(ctx, kind as never, await readFile(file)));
        // Format errors are reported first (the money cell); reference checks run once the format is clean.
        expect(details).toEqual([{ line: 6, column: '成交额（元）', value: '十万元', reason: expect.stringContaining('金额应以元为单位') }]);
        expect(await count(ctx, 'contract')).toBe(before.contracts);
        expect(await actionsAfter(handle.db, before.seq)).toEqual([]);
      }
      const fixedFormat = rows.slice(0, 4);
      const details = await invalidDetails(importTable(ctx, kind as never, await readFile(writeCsv(dir, 'd.csv', sheet(kind, fixedFormat)))));
      expect(details).toEqual([
        { line: 3, column: '技术交易额（元）', value: '95000.00', reason: expect.stringContaining('90000.00 元') },
        { line: 4, column: '卖方统一社会信用代码', value: '91410411MA9DE00529', reason: expect.stringContaining('卖方机构未登记') },
        { line: 5, column: '合同子类', value: 'patent', reason: '合同子类与合同类别不符' },
      ]);
      expect(await listContracts(ctx, { page: 1, pageSize: 10, q: '好的一行' })).toMatchObject({ total: 0 });
      // Fixed, the same file imports whole.
      expect(await importTable(ctx, kind as never, await readFile(writeCsv(dir, 'e.csv', sheet(kind, [good]))))).toMatchObject({ created: 1 });
    });

    it('refuses a payments file with a malformed invoice number or an unknown contract, writing nothing', async () => {
      const dir = tempDir();
      const kind = CONTRACT_IMPORT_KINDS.payments;
      const ok = { registration_number: '2025410411000102', paid_on: '2025-12-01', amount: '1000', voucher_number: 'HD-X1', invoice_number: '25412000000099999999', invoice_date: '2025-12-01', invoice_amount: '1000' };
      const rows = [
        ok,
        { ...ok, voucher_number: 'HD-X2', invoice_number: '1234567' },
        { ...ok, voucher_number: 'HD-X3', invoice_number: '01234567' },
        { ...ok, voucher_number: 'HD-X4', invoice_number: '', invoice_code: '', invoice_date: '', invoice_amount: '', registration_number: '2025410411009999' },
      ];
      const before = { payments: await count(ctx, 'contract_payment'), invoices: await count(ctx, 'contract_invoice') };
      const file = writeCsv(dir, 'p.csv', sheet(kind, rows));
      const details = await invalidDetails(importTable(ctx, kind as never, await readFile(file)));
      expect(details.map((d) => [d.line, d.column])).toEqual([[3, '发票号码'], [4, '发票代码']]);
      const refs = await invalidDetails(importTable(ctx, kind as never, await readFile(writeCsv(dir, 'q.csv', sheet(kind, [ok, rows[3]!])))));
      expect(refs).toEqual([{ line: 3, column: '合同登记编号', value: '2025410411009999', reason: expect.stringContaining('没有该登记编号的合同') }]);
      // An invoice already evidencing another payment is refused too.
      const reused = { ...ok, voucher_number: 'HD-X9', invoice_number: '25412000000012345678' };
      const dup = await invalidDetails(importTable(ctx, kind as never, await readFile(writeCsv(dir, 'r.csv', sheet(kind, [ok, reused])))));
      expect(dup).toEqual([{ line: 3, column: '发票号码', value: '25412000000012345678', reason: expect.stringContaining('已登记在合同') }]);
      expect({ payments: await count(ctx, 'contract_payment'), invoices: await count(ctx, 'contract_invoice') }).toEqual(before);
    });
  });
}
