import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization, makePerson, makePlatform } from '../../testing/builders.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { BACKUP_TABLES, NOT_BACKED_UP, backupDatabase, isDerivedSearchTable, restoreDatabase } from './backup.js';
import { parseCalendarFile } from '../calendar/calendar-file.js';
import { loadCalendarYears, workingCalendar } from '../calendar/stored-calendar.js';

const dialects = await testDialects();

describe('backup and restore', () => {
  for (const dialect of dialects) it(`backs up every table a migrated ${dialect} database holds, or says why not`, async () => {
    const handle = await createTestDatabase(dialect);
    try {
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('sqlite_') && !isDerivedSearchTable(n));
      const classified = [...BACKUP_TABLES, ...Object.keys(NOT_BACKED_UP)];
      expect(tables.filter((t) => !classified.includes(t)), 'tables neither backed up nor listed in NOT_BACKED_UP').toEqual([]);
      expect(classified.filter((t) => !tables.includes(t)), 'listed tables that do not exist').toEqual([]);
    } finally {
      await handle.drop();
    }
  });

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
          await loadCalendarYears(ctx, await parseCalendarFile('2027.csv', Buffer.from('开始日期,结束日期,类型,名称\n2027-02-05,2027-02-13,放假,春节\n2027-02-20,,上班,春节调休\n')));
          const written = await backupDatabase(source.db, file);
          const restored = await restoreDatabase(target.db, file);
          expect(restored).toEqual(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
          const names = await target.db.selectFrom('organization').select('name').execute();
          expect(names.map((n) => n.name)).toContain('备份测试有限公司');
          // The operator's loaded holiday year travels too: a restored platform keeps counting 春节 off.
          const calendar = await workingCalendar(target.db);
          expect([calendar.covers('2027-02-08'), calendar.isWorkingDay('2027-02-08'), calendar.isWorkingDay('2027-02-20')]).toEqual([true, false, true]);
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

  for (const dialect of dialects) {
    it(`writes the backup readable by its owner only, and encrypted with a passphrase restores only with it, on ${dialect}`, async () => {
      const source = await createTestDatabase(dialect);
      const target = await createTestDatabase(dialect);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-backup-'));
      const plain = path.join(dir, 'plain.jsonl.gz');
      const sealed = path.join(dir, 'sealed.ttbackup');
      try {
        await makeOrganization(testCtx(source), { name: '加密备份测试有限公司' });
        const oldMask = process.umask(0o022);
        try {
          await backupDatabase(source.db, plain);
          await backupDatabase(source.db, sealed, { passphrase: '湛河 backup 口令 2026' });
        } finally {
          process.umask(oldMask);
        }
        expect(fs.statSync(plain).mode & 0o777).toBe(0o600);
        expect(fs.statSync(sealed).mode & 0o777).toBe(0o600);
        // Neither the names nor the gzip magic can be seen in the encrypted file.
        const bytes = fs.readFileSync(sealed);
        expect(bytes.includes(Buffer.from('加密备份测试有限公司'))).toBe(false);
        expect(bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);
        await expect(restoreDatabase(target.db, sealed)).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'passphrase' } });
        await expect(restoreDatabase(target.db, sealed, { passphrase: 'wrong' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('口令') });
        expect(await target.db.selectFrom('organization').select('id').execute()).toHaveLength(0);
        // A flipped byte in the middle is caught by the authentication tag and nothing is restored.
        const tampered = path.join(dir, 'tampered.ttbackup');
        const copy = Buffer.from(bytes);
        copy[Math.floor(copy.length / 2)]! ^= 0xff;
        fs.writeFileSync(tampered, copy);
        await expect(restoreDatabase(target.db, tampered, { passphrase: '湛河 backup 口令 2026' })).rejects.toMatchObject({ code: 'VALIDATION' });
        expect(await target.db.selectFrom('organization').select('id').execute()).toHaveLength(0);
        await restoreDatabase(target.db, sealed, { passphrase: '湛河 backup 口令 2026' });
        expect((await target.db.selectFrom('organization').select('name').execute()).map((r) => r.name)).toContain('加密备份测试有限公司');
        expect((await verifyAuditChain(target.db)).ok).toBe(true);
      } finally {
        await source.drop();
        await target.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
