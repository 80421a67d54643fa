/**
 * The `techtransfer` command as a user runs it: a real process, real files, the database
 * DATABASE_URL names (SQLite and PostgreSQL).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../common/uscc.js';
import { createTestDatabase, testDialects } from '../testing/databases.js';
import { TEST_KEY } from '../testing/context.js';

const BIN = path.resolve('bin/techtransfer.mjs');

function orgCsv(rows: number, opts: { badLine?: number; prefix?: string; name?: string } = {}): string {
  const lines = ['名称,统一社会信用代码,类型,行政区划代码'];
  for (let i = 0; i < rows; i++) {
    let code = buildUscc('9', '1', '410411', `${opts.prefix ?? 'CL'}${String(i).padStart(6, '0')}`);
    if (opts.badLine === i + 2) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    lines.push(`${opts.name ?? '命令行测试企业'}${i}有限公司,${code},企业,410411`);
  }
  return lines.join('\n') + '\n';
}

for (const dialect of await testDialects()) {
  describe(`techtransfer CLI on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-cli-'));
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex') };
    });
    afterAll(async () => {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('prints every bad row of an import, exits 2 and imports nothing', async () => {
      const file = path.join(dir, 'bad.csv');
      fs.writeFileSync(file, orgCsv(5, { badLine: 4 }).replace('命令行测试企业1有限公司,', ',').replace(',410411\n', ',999999\n'));
      const r = cli('import', 'organizations', file);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('第 2 行');
      expect(r.stderr).toContain('第 3 行 列“名称”');
      expect(r.stderr).toContain('第 4 行 列“统一社会信用代码”');
      expect(await db.db.selectFrom('organization').select('id').execute()).toHaveLength(0);
    });

    it('imports, re-imports unchanged, exports, verifies the audit chain', async () => {
      const file = path.join(dir, 'good.csv');
      fs.writeFileSync(file, orgCsv(20));
      const first = cli('import', 'organizations', file);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain('新增 20');
      const again = cli('import', 'organizations', file);
      expect(again.stdout).toContain('未变 20');
      const out = path.join(dir, 'out.xlsx');
      expect(cli('export', 'organizations', out).status).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(1000);
      const verify = cli('audit', 'verify');
      expect(verify.status).toBe(0);
      expect(verify.stdout).toContain('审计链完好');
    });

    it('leaves the database as it was when killed in the middle of an import', async () => {
      const before = (await db.db.selectFrom('organization').select('id').execute()).length;
      const file = path.join(dir, 'big.csv');
      fs.writeFileSync(file, orgCsv(60_000, { prefix: 'KL', name: '中断测试企业' }));
      const child = spawn(process.execPath, [BIN, 'import', 'organizations', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const killed = await new Promise<NodeJS.Signals | null>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          // The progress line appears once the transaction has started writing rows.
          const m = /导入进度 (\d+)\/(\d+)/.exec(chunk.toString());
          if (m && Number(m[1]) > 0 && Number(m[1]) < Number(m[2])) child.kill('SIGKILL');
        });
        child.on('exit', (_code, signal) => resolve(signal));
      });
      expect(killed).toBe('SIGKILL');
      expect((await db.db.selectFrom('organization').select('id').execute()).length).toBe(before);
      expect(cli('audit', 'verify').status).toBe(0);
    }, 180_000);
  });
}
