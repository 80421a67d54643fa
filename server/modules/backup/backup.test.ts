import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization, makePerson, makePlatform } from '../../testing/builders.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { backupDatabase, restoreDatabase } from './backup.js';

const dialects = await testDialects();

describe('backup and restore', () => {
  for (const from of dialects) {
    for (const to of dialects) {
      it(`moves every record from ${from} to ${to} with the audit chain intact`, async () => {
        const source = await createTestDatabase(from);
        const target = await createTestDatabase(to);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tt-backup-')), 'b.jsonl.gz');
        try {
          const ctx = testCtx(source);
          const org = await makeOrganization(ctx, { name: '备份测试有限公司' });
          await makePerson(ctx, { affiliations: [{ organizationId: org.id }] });
          await makePlatform(ctx, { hostOrganizationId: org.id });
          const written = await backupDatabase(source.db, file);
          const restored = await restoreDatabase(target.db, file);
          expect(restored).toEqual(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
          const names = await target.db.selectFrom('organization').select('name').execute();
          expect(names.map((n) => n.name)).toContain('备份测试有限公司');
          expect((await verifyAuditChain(target.db)).ok).toBe(true);
          // A second restore into the now non-empty database is refused and changes nothing.
          await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ code: 'CONFLICT' });
        } finally {
          await source.drop();
          await target.drop();
        }
      });
    }
  }

  it('refuses a backup whose audit chain was altered, restoring nothing', async () => {
    const source = await createTestDatabase('sqlite');
    const target = await createTestDatabase('sqlite');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tt-backup-')), 'b.jsonl.gz');
    try {
      await makeOrganization(testCtx(source));
      await source.db.updateTable('audit_event').set({ actor_name: 'mallory' }).execute();
      await backupDatabase(source.db, file);
      await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(await target.db.selectFrom('organization').select('id').execute()).toHaveLength(0);
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
