/** `techtransfer indicators` as a user runs it (a real process): the JSON shape and the Chinese table. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import type { IndicatorReport } from '../../../common/indicator-api.js';
import { buildIndicatorWorld } from './test-support.js';

const BIN = path.resolve('bin/techtransfer.mjs');

for (const dialect of await testDialects()) {
  describe(`indicators command on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let env: NodeJS.ProcessEnv;
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      await buildIndicatorWorld(testCtx(db));
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex'), TT_JURISDICTION: '410411' };
    }, 120_000);
    afterAll(async () => db.drop());

    it('prints every indicator with value, target and deadline', () => {
      const json = cli('indicators', '--as-of', '2023-12-31', '--json');
      expect(json.status, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout) as IndicatorReport;
      expect(report).toMatchObject({ jurisdictionCode: '410411', asOf: '2023-12-31' });
      expect(report.indicators).toHaveLength(15);
      for (const i of report.indicators) {
        expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 'name', 'nameEn', 'unit', 'value', 'target', 'deadline', 'progress', 'met', 'source', 'basis', 'breakdowns']));
      }
      expect(report.indicators.find((i) => i.id === 'T1')).toMatchObject({ value: 1, target: 1, deadline: '2023-12-31', met: true });
      expect(report.indicators.find((i) => i.id === 'turnover')).toMatchObject({ value: 3_950_000, unit: 'fen' });

      const table = cli('indicators', '--as-of', '2023-12-31');
      expect(table.status, table.stderr).toBe(0);
      expect(table.stdout).toContain('河南省平顶山市湛河区（410411）');
      expect(table.stdout).toMatch(/T3\s+高新技术企业\s+1 家\s+10 家\s+2023-12-31\s+10%/);
      expect(table.stdout).toMatch(/turnover\s+技术交易额\s+39,500\.00 元/);
      expect(cli('indicators', '--as-of', '2023-13-01').status).toBe(2);
    });
  });
}
