/**
 * `techtransfer audit keygen / checkpoint / verify --checkpoint` as an operator runs them: real
 * processes, real key and checkpoint files, SQLite and PostgreSQL. The attack of issue 12 defect 9 —
 * the tail deleted and the head row rewritten — passes `audit verify` alone and fails with the checkpoint.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../testing/databases.js';
import { TEST_KEY, testCtx } from '../testing/context.js';
import { makeOrganization } from '../testing/builders.js';

const BIN = path.resolve('bin/techtransfer.mjs');

for (const dialect of await testDialects()) {
  describe(`techtransfer audit checkpoints on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      for (let i = 0; i < 4; i++) await makeOrganization(testCtx(db));
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-audit-cli-'));
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex') };
      delete env.TT_AUDIT_SIGNING_KEY_FILE;
      delete env.TT_AUDIT_SIGNING_KEY;
      delete env.TT_AUDIT_VERIFY_KEY_FILE;
    });
    afterAll(async () => {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('keygen, checkpoint and verify; then the cut tail with a rewritten head is named and exits 2', async () => {
      const key = path.join(dir, 'audit-signing.pem');
      const keygen = cli(['audit', 'keygen', key]);
      expect(keygen.status, keygen.stderr).toBe(0);
      expect(fs.statSync(key).mode & 0o777).toBe(0o600);
      expect(keygen.stdout).toContain(`公钥 ${key}.pub`);

      const unsigned = cli(['audit', 'checkpoint', path.join(dir, 'none.json')]);
      expect(unsigned.status).toBe(2);
      expect(unsigned.stderr).toContain('未配置审计签名私钥');

      const file = path.join(dir, 'head.json');
      const written = cli(['audit', 'checkpoint', file], { TT_AUDIT_SIGNING_KEY_FILE: key });
      expect(written.status, written.stderr).toBe(0);
      expect(written.stdout).toContain('第 4 条事件');
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ seq: 4 });

      const intact = cli(['audit', 'verify', '--checkpoint', file, '--public-key', `${key}.pub`]);
      expect(intact.status, intact.stderr).toBe(0);
      expect(intact.stdout).toContain('与检查点');

      // The attack: the last two events deleted and the head row set to the last one left.
      await db.db.deleteFrom('audit_event').where('seq', '>', 2).execute();
      const last = await db.db.selectFrom('audit_event').select('hash').where('seq', '=', 2).executeTakeFirstOrThrow();
      await db.db.updateTable('audit_head').set({ seq: 2, hash: last.hash }).where('id', '=', 1).execute();

      const alone = cli(['audit', 'verify']);
      expect(alone.status).toBe(0);
      expect(alone.stdout).toContain('未核验检查点');
      const caught = cli(['audit', 'verify', '--checkpoint', file, '--public-key', `${key}.pub`]);
      expect(caught.status).toBe(2);
      expect(caught.stderr).toContain('审计链被截断');
      expect(caught.stderr).toContain('第 3 至 4 条被删除');

      const refused = cli(['audit', 'verify', '--checkpoint', file]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('未指定核验检查点的公钥');
    }, 240_000);
  });
}
