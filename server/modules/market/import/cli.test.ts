/**
 * `techtransfer import|export achievements|demands` as a user runs them: a real process, real
 * files, the database DATABASE_URL names. The CSL corpus (../shared/data, outside the repository)
 * loads as it is when present.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../../../testing/context.js';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';

const BIN = path.resolve('bin/techtransfer.mjs');
const CORPUS = path.resolve('../shared/data/csl/corpus.jsonl');

for (const dialect of await testDialects()) {
  describe(`techtransfer market commands on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 300_000 });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-market-cli-'));
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex') };
    });
    afterAll(async () => {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('prints every bad row, exits 2 and imports nothing', () => {
      const file = path.join(dir, 'bad.jsonl');
      fs.writeFileSync(file, '{"external_id": "a-1", "title": "好的成果"}\n{"external_id": "a-2"}\n{"external_id": "a-3", "title": "成熟度错误", "stage": "量产"}\n');
      const r = cli('import', 'achievements', file);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('第 2 行 列“成果名称”');
      expect(r.stderr).toContain('第 3 行 列“成熟度” 值“量产”');
    });

    it('imports demands, exports them as XLSX and re-imports unchanged', async () => {
      const file = path.join(dir, 'demands.jsonl');
      fs.writeFileSync(file, '{"external_id": "d-1", "title": "光伏组件回收", "problem": "退役光伏组件中银、硅回收率低。", "budget_max": "2000000", "is_challenge": true, "reward": "300000"}\n');
      const first = cli('import', 'demands', file);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain('新增 1');
      const out = path.join(dir, 'demands.xlsx');
      const exported = cli('export', 'demands', out);
      expect(exported.status, exported.stderr).toBe(0);
      const again = cli('import', 'demands', out);
      expect(again.stdout).toContain('未变 1');
      expect(await db.db.selectFrom('demand').select(['status', 'reward_fen']).execute()).toEqual([{ status: 'published', reward_fen: 30_000_000 }]);
    });

    it.skipIf(dialect !== 'sqlite' || !fs.existsSync(CORPUS))('loads the CSL corpus as it is, fast, and re-imports unchanged', async () => {
      const started = Date.now();
      const r = cli('import', 'achievements', CORPUS);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('共 12757 条，新增 12757');
      expect(Date.now() - started).toBeLessThan(60_000);
      const indexed = await db.db.selectFrom('search_doc').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'achievement').executeTakeFirstOrThrow();
      expect(Number(indexed.n)).toBe(12_757);
      const out = path.join(dir, 'corpus.jsonl');
      expect(cli('export', 'achievements', out).status).toBe(0);
      expect(cli('import', 'achievements', out).stdout).toContain('未变 12757');
    }, 300_000);
  });
}
