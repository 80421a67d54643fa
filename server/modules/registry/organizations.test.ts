import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization, makePerson, organizationInputFor } from '../../testing/builders.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { createOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.js';
import { addQualification, organizationsQualifiedOn } from './qualifications.js';
import { setEquityHolders } from './equity.js';
import { AppError } from '../../errors.js';

for (const dialect of await testDialects()) {
  describe(`organizations on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(async () => handle.drop());

    it('creates an organization and audits it in the chain', async () => {
      const ctx = testCtx(handle);
      const org = await makeOrganization(ctx, { name: '湛河测试电气有限公司' });
      const events = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', org.id).execute();
      expect(events.map((e) => e.action)).toEqual(['registry.organization.create']);
      expect(JSON.parse(events[0]!.after!).name).toBe('湛河测试电气有限公司');
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('rejects a duplicate credit code and changes nothing', async () => {
      const ctx = testCtx(handle);
      const org = await makeOrganization(ctx);
      const before = await handle.db.selectFrom('audit_event').select('seq').execute();
      await expect(createOrganization(ctx, organizationInputFor({ uscc: org.uscc }))).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'uscc' } });
      expect((await handle.db.selectFrom('audit_event').select('seq').execute()).length).toBe(before.length);
    });

    it('rejects a division code that GB/T 2260 does not have', async () => {
      const ctx = testCtx(handle);
      await expect(makeOrganization(ctx, { divisionCode: '419999' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'divisionCode' } });
    });

    it('updates with optimistic locking and audits only changed fields', async () => {
      const ctx = testCtx(handle);
      const org = await makeOrganization(ctx);
      const updated = await updateOrganization(ctx, org.id, { version: 1, address: '湛河区姚孟大道1号' });
      expect(updated.version).toBe(2);
      const stale = updateOrganization(ctx, org.id, { version: 1, address: '别处' });
      await expect(stale).rejects.toBeInstanceOf(AppError);
      await expect(stale).rejects.toMatchObject({ code: 'CONFLICT' });
      const last = await handle.db.selectFrom('audit_event').selectAll().where('subject_id', '=', org.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(JSON.parse(last.after!)).toEqual({ address: '湛河区姚孟大道1号', version: 2 });
      expect(JSON.parse(last.before!)).toEqual({ address: null, version: 1 });
    });

    it('answers which organizations hold a valid high-tech certificate on a date', async () => {
      const ctx = testCtx(handle);
      const org = await makeOrganization(ctx);
      const q = await addQualification(ctx, org.id, { type: 'high_tech_enterprise', number: 'GR202241001234', issuedOn: '2022-12-01' });
      expect(q.validUntil).toBe('2025-11-30');
      expect(await organizationsQualifiedOn(handle.db, 'high_tech_enterprise', '2025-11-30')).toContain(org.id);
      expect(await organizationsQualifiedOn(handle.db, 'high_tech_enterprise', '2025-12-01')).not.toContain(org.id);
      expect(await organizationsQualifiedOn(handle.db, 'high_tech_enterprise', '2022-11-30')).not.toContain(org.id);
      const listed = await listOrganizations(ctx, { qualification: 'high_tech_enterprise', validOn: '2024-01-01', page: 1, pageSize: 100 });
      expect(listed.items.map((o) => o.id)).toContain(org.id);
      const row = listed.items.find((o) => o.id === org.id)!;
      expect(row.qualifications.map((x) => x.number)).toEqual(['GR202241001234']);
      const later = await listOrganizations(ctx, { q: org.name, validOn: '2026-01-01', page: 1, pageSize: 10 });
      expect(later.items[0]!.qualifications).toEqual([]);
    });

    it('keeps equity holders in basis points and refuses more than 100 %', async () => {
      const ctx = testCtx(handle);
      const parent = await makeOrganization(ctx);
      const child = await makeOrganization(ctx);
      const person = await makePerson(ctx);
      await setEquityHolders(ctx, child.id, [
        { holderType: 'organization', holderOrganizationId: parent.id, percent: 60.5 },
        { holderType: 'person', holderPersonId: person.id, percent: 39.5 },
      ]);
      const detail = await getOrganization(ctx, child.id);
      expect(detail.equityHolders.map((h) => [h.holderId, h.percent])).toEqual([[parent.id, 60.5], [person.id, 39.5]]);
      await expect(
        setEquityHolders(ctx, child.id, [{ holderType: 'organization', holderOrganizationId: parent.id, percent: 100.01 }]),
      ).rejects.toMatchObject({ code: 'VALIDATION' });
    });

    it('lets an enterprise user see and change only its own organization', async () => {
      const ctx = testCtx(handle);
      const mine = await makeOrganization(ctx);
      const other = await makeOrganization(ctx);
      const enterprise = testCtx(handle, { id: null, name: 'ent', roles: ['enterprise'], organizationIds: [mine.id] });
      const list = await listOrganizations(enterprise, { page: 1, pageSize: 100 });
      expect(list.items.map((o) => o.id)).toEqual([mine.id]);
      await expect(getOrganization(enterprise, other.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateOrganization(enterprise, other.id, { version: 1, address: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateOrganization(enterprise, mine.id, { version: 1, address: '本单位地址' })).resolves.toMatchObject({ address: '本单位地址' });
      await expect(createOrganization(enterprise, organizationInputFor())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('finds an organization by its whole credit code, in any case', async () => {
      const ctx = testCtx(handle);
      const org = await makeOrganization(ctx);
      const hits = await listOrganizations(ctx, { q: ` ${org.uscc.toLowerCase()} `, page: 1, pageSize: 10 });
      expect(hits.items.map((o) => o.id)).toEqual([org.id]);
    });

    it('searches names literally, even with LIKE wildcards in the query', async () => {
      const ctx = testCtx(handle);
      await makeOrganization(ctx, { name: '百分之百_测试%公司' });
      await makeOrganization(ctx, { name: '普通测试公司甲' });
      const hits = await listOrganizations(ctx, { q: '_测试%', page: 1, pageSize: 10 });
      expect(hits.items.map((o) => o.name)).toEqual(['百分之百_测试%公司']);
    });
  });
}
