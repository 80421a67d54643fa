/**
 * `techtransfer calendar load / list` as an operator runs them when the State Council's notice is out:
 * a real process, a real file, SQLite and PostgreSQL. A bad file prints every bad row, exits 2 and
 * loads nothing; a good one is stored, audited and listed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../testing/databases.js';
import { TEST_KEY } from '../testing/context.js';

const BIN = path.resolve('bin/techtransfer.mjs');

for (const dialect of await testDialects()) {
  describe(`techtransfer calendar on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-calendar-cli-'));
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex'), USER: 'operator' };
    });
    afterAll(async () => {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a bad file row by row, then loads the good one, audited, and lists it', async () => {
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, '开始日期,结束日期,类型,名称\n2027-02-05,2027-02-13,放假,春节\n2027-02-22,,上班,春节调休\n2027-10-01,2027-09-07,放假,国庆节\n');
      const refused = cli('calendar', 'load', bad);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('第 3 行 列“开始日期” 值“2027-02-22”：调休上班日应为周六或周日');
      expect(refused.stderr).toContain('第 4 行 列“结束日期” 值“2027-09-07”：早于开始日期 2027-10-01');
      expect(await db.db.selectFrom('working_calendar_day').select('day').execute()).toEqual([]);

      const good = path.join(dir, '2027.csv');
      fs.writeFileSync(good, '开始日期,结束日期,类型,名称\n2027-01-01,2027-01-03,放假,元旦\n2027-02-05,2027-02-13,放假,春节\n2027-02-20,,上班,春节调休\n2027-10-01,2027-10-07,放假,国庆节\n2027-10-09,,上班,国庆节调休\n');
      const loaded = cli('calendar', 'load', good, '--source', '国办发明电〔2026〕示例号');
      expect(loaded.status, loaded.stderr).toBe(0);
      expect(loaded.stdout).toContain('已载入 2027 年：放假 19 天，调休上班 2 天');
      expect(loaded.stdout).toContain('依据 国办发明电〔2026〕示例号');
      // Three breaks only: loaded, with a reminder that the year was replaced whole.
      expect(loaded.stderr).toContain('提醒：2027 年只列出 3 段放假');
      const events = await db.db.selectFrom('audit_event').select(['action', 'actor_name']).where('action', '=', 'calendar.year.load').execute();
      expect(events).toEqual([{ action: 'calendar.year.load', actor_name: 'cli:operator' }]);

      const listed = cli('calendar', 'list');
      expect(listed.status).toBe(0);
      expect(listed.stdout).toContain('2026 年：放假');
      expect(listed.stdout).toContain('平台内置');
      expect(listed.stdout).toContain('2028 年起尚无节假日安排');
    }, 240_000);
  });
}
