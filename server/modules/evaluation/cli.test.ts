/** `techtransfer report annual` as a user runs it (a real process): the PDF and the XLSX it writes. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { flatText, parsePdf } from '../documents/pdf-test-support.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';
import { SHEET_NAMES } from './report-documents.js';
import { buildEvaluationWorld } from './test-support.js';

const BIN = path.resolve('bin/techtransfer.mjs');

for (const dialect of await testDialects()) {
  describe(`report annual command on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let env: NodeJS.ProcessEnv;
    let dir: string;
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      await buildEvaluationWorld(testCtx(db));
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex'), TT_JURISDICTION: '410411' };
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-report-'));
    }, 120_000);
    afterAll(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await db.drop();
    });

    it('writes the PDF and the XLSX by the file extension', async () => {
      const pdfFile = path.join(dir, 'report.pdf');
      const pdf = cli('report', 'annual', '--year', '2023', '--out', pdfFile);
      expect(pdf.status, pdf.stderr).toBe(0);
      expect(pdf.stdout).toContain('已生成 河南省平顶山市湛河区2023年度技术转移体系建设评估报告');
      const text = flatText(parsePdf(fs.readFileSync(pdfFile)));
      expect(text).toContain('2023年度技术转移体系建设评估报告');
      expect(text).toContain('已拨付50000.00元');

      const xlsxFile = path.join(dir, 'report.xlsx');
      const xlsx = cli('report', 'annual', '--year', '2023', '--out', xlsxFile);
      expect(xlsx.status, xlsx.stderr).toBe(0);
      const book = await loadWorkbook(fs.readFileSync(xlsxFile));
      expect(book.worksheets.map((s) => s.name)).toEqual([...SHEET_NAMES]);
      expect(rowsOf(book.getWorksheet('目标完成')!)[4]).toEqual(['T1', '省级技术转移示范机构', '家', 1, 1, '2023-12-31', '已完成']);
    });

    it('refuses a bad extension or year with exit 2', () => {
      expect(cli('report', 'annual', '--year', '2023', '--out', path.join(dir, 'report.doc')).status).toBe(2);
      expect(cli('report', 'annual', '--year', '23', '--out', path.join(dir, 'report.pdf')).status).toBe(2);
    });
  });
}
