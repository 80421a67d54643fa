/** `techtransfer plan load` and `techtransfer supervision remind` as a user runs them (a real process). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { ZHANHE_PLAN } from './test-support.js';

const BIN = path.resolve('bin/techtransfer.mjs');

for (const dialect of await testDialects()) {
  describe(`supervision commands on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-cli-sup-'));
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex'), TT_JURISDICTION: '410411' };
    });
    afterAll(async () => {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('loads a plan (a bad file: file, path and reason, exit 2), then reminds once per day', () => {
      const bad = path.join(dir, 'bad-plan.yaml');
      fs.writeFileSync(bad, fs.readFileSync(ZHANHE_PLAN, 'utf8').replace('lead: 区委组织部\n', 'lead: 区委组织部\n    owner: 张三\n'));
      const rejected = cli('plan', 'load', bad);
      expect(rejected.status).toBe(2);
      expect(rejected.stderr).toContain(`${bad}：measures[0]：未知字段：owner`);

      const loaded = cli('plan', 'load', ZHANHE_PLAN);
      expect(loaded.status, loaded.stderr).toBe(0);
      expect(loaded.stdout).toContain('已新建方案“湛河区技术转移体系建设实施方案（试行）”（zhanhe-2022，辖区 410411）：措施 19 项');

      const first = cli('supervision', 'remind', '--date', '2022-10-11', '--json');
      expect(first.status, first.stderr).toBe(0);
      const r1 = JSON.parse(first.stdout) as { overdueCells: number; reminded: number };
      expect(r1.overdueCells).toBeGreaterThan(0); // every 2022Q3 cell: due 2022-10-10
      expect(r1.reminded).toBeGreaterThan(0);
      const second = cli('supervision', 'remind', '--date', '2022-10-11');
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('本次提醒 0 个单位，发出通知 0 条');
      expect(cli('supervision', 'remind', '--date', '2022-13-01').status).toBe(2);
    });
  });
}
