/**
 * `techtransfer search` as a user runs it, on each database: a real process, listings imported from
 * a real JSONL file, one query as JSON and the batch form's one line per query.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';

const BIN = path.resolve('bin/techtransfer.mjs');
const RECORDS = [
  { external_id: 'cli-1', title: '高镍三元锂电池正极材料', description: 'NCM811 正极材料的包覆改性，提升循环寿命。', keywords: ['锂电池', '正极材料'] },
  { external_id: 'cli-2', description: '5G 基站的智能节能与休眠调度方法，年节电20%。' },
  { external_id: 'cli-3', title: '一种专利检索方法' },
];

for (const dialect of await testDialects()) {
  describe(`techtransfer search on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-search-cli-'));
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex') };
      fs.writeFileSync(path.join(dir, 'corpus.jsonl'), RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const imported = cli('import', 'achievements', path.join(dir, 'corpus.jsonl'));
      expect(imported.status, imported.stderr).toBe(0);
    }, 120_000);
    afterAll(async () => {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers one query as JSON, with external ids', () => {
      const r = cli('search', 'achievements', '锂电池 NCM811', '--limit', '10', '--json');
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.results.map((h: { id: string }) => h.id)).toEqual(['cli-1']);
      expect(out.results[0].matchedWords).toEqual(['锂电池', 'ncm811']);
    });

    it('answers a file of queries with one line each, and names a bad line', () => {
      const queries = path.join(dir, 'queries.jsonl');
      fs.writeFileSync(queries, [{ query_id: 'q1', query: '基站 节能' }, { query_id: 'q2', query: '专利' }, { query_id: 'q3', query: '"AND" (*' }].map((q) => JSON.stringify(q)).join('\n') + '\n');
      const r = cli('search', 'achievements', '--queries', queries, '--limit', '10');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
        { query_id: 'q1', results: ['cli-2'] },
        { query_id: 'q2', results: ['cli-3'] },
        { query_id: 'q3', results: [] },
      ]);
      fs.writeFileSync(queries, '{"query_id": "q1", "query": "电池"}\nnot json\n');
      const bad = cli('search', 'achievements', '--queries', queries);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('第 2 行不是 JSON');
      const badKind = cli('search', 'patents', '电池');
      expect(badKind.status).toBe(2);
      expect(badKind.stderr).toContain('不能搜索“patents”');
      const badFilter = cli('search', 'achievements', '电池', '--filter', 'field=新材料');
      expect(badFilter.status).toBe(2);
      expect(badFilter.stderr).toContain('“新材料”不是代码');
    });
  });
}
