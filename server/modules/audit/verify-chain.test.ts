import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization } from '../../testing/builders.js';
import { verifyAuditChain } from './verify-chain.js';

for (const dialect of await testDialects()) {
  describe(`audit chain on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeEach(async () => {
      handle = await createTestDatabase(dialect);
      const ctx = testCtx(handle);
      for (let i = 0; i < 5; i++) await makeOrganization(ctx);
    });
    afterEach(async () => handle.drop());

    it('verifies an untouched chain', async () => {
      expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, events: 5 });
    });

    it('names the first altered event', async () => {
      await handle.db.updateTable('audit_event').set({ actor_name: 'mallory' }).where('seq', '=', 3).execute();
      const report = await verifyAuditChain(handle.db);
      expect(report.ok).toBe(false);
      expect(report.problem).toMatchObject({ kind: 'altered', seq: 3 });
    });

    it('names a missing event in the middle', async () => {
      await handle.db.deleteFrom('audit_event').where('seq', '=', 2).execute();
      expect((await verifyAuditChain(handle.db)).problem).toMatchObject({ kind: 'missing', seq: 2 });
    });

    it('notices events cut off the end', async () => {
      await handle.db.deleteFrom('audit_event').where('seq', '>=', 4).execute();
      expect((await verifyAuditChain(handle.db)).problem).toMatchObject({ kind: 'missing', seq: 4 });
    });

    it('names an event inserted after the head', async () => {
      const last = await handle.db.selectFrom('audit_event').selectAll().where('seq', '=', 5).executeTakeFirstOrThrow();
      await handle.db.insertInto('audit_event').values({ ...last, seq: 6, prev_hash: last.hash }).execute();
      expect((await verifyAuditChain(handle.db)).problem).toMatchObject({ kind: 'inserted', seq: 6 });
    });

    it('names an event replaced by a re-hashed forgery (its successor no longer links)', async () => {
      const { hashEvent } = await import('./audit.js');
      const e = await handle.db.selectFrom('audit_event').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
      const { hash: _h, ...rest } = e;
      const forged = { ...rest, actor_name: 'mallory' };
      await handle.db.updateTable('audit_event').set({ actor_name: 'mallory', hash: hashEvent(forged) }).where('seq', '=', 2).execute();
      expect((await verifyAuditChain(handle.db)).problem).toMatchObject({ kind: 'inserted', seq: 3 });
    });

    it('serializes concurrent appenders into one unbroken chain', async () => {
      const ctx = testCtx(handle);
      await Promise.all(Array.from({ length: 8 }, () => makeOrganization(ctx)));
      expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, events: 13 });
    });
  });
}
