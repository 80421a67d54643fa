/** `techtransfer backup --encrypt` and `restore` as an operator runs them: real processes, real files. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeOrganization } from '../testing/builders.js';
import { TEST_KEY, testCtx } from '../testing/context.js';
import { createTestDatabase, testDialects } from '../testing/databases.js';

const BIN = path.resolve('bin/techtransfer.mjs');

for (const dialect of await testDialects()) {
  describe(`backup commands on ${dialect}`, () => {
    it('writes an encrypted backup readable by its owner only, and restores it only with the passphrase', async () => {
      const source = await createTestDatabase(dialect);
      const target = await createTestDatabase(dialect);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-backup-cli-'));
      const file = path.join(dir, 'district.ttbackup');
      const base: NodeJS.ProcessEnv = { ...process.env, TT_DATA_KEY: TEST_KEY.toString('hex') };
      delete base.TT_BACKUP_PASSPHRASE;
      const cli = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        await makeOrganization(testCtx(source), { name: '命令行加密备份有限公司' });
        const backup = cli({ ...base, DATABASE_URL: source.url, TT_BACKUP_PASSPHRASE: 'district backup passphrase' }, 'backup', '--encrypt', file);
        expect(backup.status, backup.stderr).toBe(0);
        expect(backup.stdout).toContain('已加密备份');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const noPassphrase = cli({ ...base, DATABASE_URL: target.url }, 'restore', file);
        expect(noPassphrase.status).toBe(2);
        expect(noPassphrase.stderr).toContain('TT_BACKUP_PASSPHRASE');
        const restored = cli({ ...base, DATABASE_URL: target.url, TT_BACKUP_PASSPHRASE: 'district backup passphrase' }, 'restore', file);
        expect(restored.status, restored.stderr).toBe(0);
        expect((await target.db.selectFrom('organization').select('name').execute()).map((r) => r.name)).toContain('命令行加密备份有限公司');
      } finally {
        await source.drop();
        await target.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 240_000);
  });
}
