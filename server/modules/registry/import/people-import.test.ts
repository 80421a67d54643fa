import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { makeOrganization, nextIdNumber, nextUscc } from '../../../testing/builders.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { MASKED_ID_HEADER, exportRows } from '../export/export-table.js';
import { getPerson } from '../people.js';
import { importTable } from './import-table.js';
import { actionsAfter, counts, invalidDetails, lastSeq, readFile, sheet, tempDir, writeBuffer, writeCsv, writeXlsx } from './import-test-support.js';
import { peopleImport } from './people-import.js';

const kind = peopleImport;

for (const dialect of await testDialects()) {
  describe(`people import on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    const dir = tempDir();
    const unit = { id: '', uscc: '' };
    const otherUnit = { id: '', uscc: '' };
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      const ctx = testCtx(handle);
      Object.assign(unit, await makeOrganization(ctx, { name: '平顶山湛河示例技术转移中心有限公司', kind: 'tech_transfer_institution' }));
      Object.assign(otherUnit, await makeOrganization(ctx, { name: '平顶山示例科研院', kind: 'research_institute' }));
    });
    afterAll(async () => {
      await handle.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    function person(overrides: Record<string, string> = {}): Record<string, string> {
      return {
        name: '王建华',
        id_number: nextIdNumber(),
        phone: '13937500001',
        roles: '技术经纪（经理）人；科研人员',
        certificate_number: 'JSJJ-2024-0031',
        broker_level: '中级',
        employment: '专职',
        organization_uscc: unit.uscc,
        title: '技术转移部经理',
        ...overrides,
      };
    }

    const byId = (idNumber: string) => {
      const ctx = testCtx(handle);
      return handle.db.selectFrom('person').selectAll().where('id_number_digest', '=', ctx.protector.digest(idNumber)).executeTakeFirstOrThrow();
    };

    it('imports a clean file: ID encrypted, found by digest, audited masked only', async () => {
      const ctx = testCtx(handle);
      const rows = [
        person(),
        person({ name: '李芳', roles: 'researcher, staff', certificate_number: '', broker_level: '', employment: '', title: '' }),
        person({ name: '赵强', roles: '技术经纪人', broker_level: 'senior', employment: 'part_time', organization_uscc: '', title: '' }),
      ];
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'clean.csv', sheet(kind, rows))))).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });

      const stored = await byId(rows[0]!.id_number!);
      expect(ctx.protector.decrypt(stored.id_number_cipher)).toBe(rows[0]!.id_number);
      expect(stored.id_number_masked).toBe(`${rows[0]!.id_number!.slice(0, 6)}********${rows[0]!.id_number!.slice(-4)}`);
      const first = await getPerson(ctx, stored.id);
      expect(first.roles).toEqual([
        { role: 'broker', certificateNumber: 'JSJJ-2024-0031', level: 'intermediate', employment: 'full_time' },
        { role: 'researcher', certificateNumber: null, level: null, employment: null },
      ]);
      expect(first.affiliations).toEqual([{ organizationId: unit.id, organizationName: '平顶山湛河示例技术转移中心有限公司', title: '技术转移部经理' }]);
      const third = await getPerson(ctx, (await byId(rows[2]!.id_number!)).id);
      expect(third.roles).toEqual([{ role: 'broker', certificateNumber: 'JSJJ-2024-0031', level: 'senior', employment: 'part_time' }]);
      expect(third.affiliations).toEqual([]);

      expect(await actionsAfter(handle.db, seq)).toEqual([...Array(3).fill('registry.person.create'), 'registry.import']);
      const events = await handle.db.selectFrom('audit_event').selectAll().where('seq', '>', seq).execute();
      const trail = JSON.stringify(events);
      for (const r of rows) expect(trail).not.toContain(r.id_number);
      const created = JSON.parse(events.find((e) => e.subject_id === stored.id)!.after!);
      expect(created).toMatchObject({ name: '王建华', idNumberMasked: stored.id_number_masked, affiliations: [{ organizationId: unit.id, title: '技术转移部经理' }] });
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('rejects a file with bad rows, names each one, and changes nothing', async () => {
      const ctx = testCtx(handle);
      const good = person();
      const badCheck = good.id_number!.slice(0, 17) + (good.id_number!.endsWith('0') ? '1' : '0');
      const dup = person();
      const rows = [
        person(),
        person({ id_number: badCheck }),
        person({ phone: '电话' }),
        person({ roles: '科研人员；园长' }),
        person({ roles: '科研人员', certificate_number: '', employment: '', broker_level: '高级' }),
        person({ organization_uscc: '', title: '总工程师' }),
        dup,
        { ...person(), id_number: dup.id_number! },
      ];
      const before = await counts(handle.db);
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'bad.csv', sheet(kind, rows)))));
      expect(details.map((d) => [d.line, d.column, d.value])).toEqual([
        [3, '身份证号码', badCheck],
        [4, '联系电话', '电话'],
        [5, '角色', '科研人员；园长'],
        [6, '经纪人等级', '高级'],
        [7, '职务', '总工程师'],
        [9, '姓名', dup.id_number],
      ]);
      expect(details[0]!.reason).toMatch(/^身份证号码校验位错误/);
      expect(details[3]!.reason).toMatch(/仅适用于技术经纪（经理）人/);
      expect(await counts(handle.db)).toEqual(before);
    });

    it('rejects rows whose unit is not registered, or broker details for a person without the role', async () => {
      const ctx = testCtx(handle);
      const plain = person({ roles: '科研人员', certificate_number: '', broker_level: '', employment: '' });
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'plain.csv', sheet(kind, [plain]))));
      const before = await counts(handle.db);
      const missing = nextUscc();
      const rows = [person(), person({ organization_uscc: missing })];
      const details = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'refs.csv', sheet(kind, rows)))));
      expect(details).toEqual([{ line: 3, column: '所在单位统一社会信用代码', value: missing, reason: '所在单位未登记：须已在系统中，或先导入机构' }]);
      // No roles column in this file: the stored roles (科研人员 only) decide.
      const noRoles = sheet(kind, [{ name: plain.name!, id_number: plain.id_number!, broker_level: '初级' }]);
      const more = await invalidDetails(importTable(ctx, kind, await readFile(writeCsv(dir, 'no-roles.csv', noRoles))));
      expect(more).toMatchObject([{ line: 2, column: '经纪人等级', value: '初级' }]);
      expect(await counts(handle.db)).toEqual(before);
    });

    it('re-imports the same file as all unchanged, with only the import summary audited', async () => {
      const ctx = testCtx(handle);
      const file = writeCsv(dir, 'again.csv', sheet(kind, [person(), person({ name: '孙丽', roles: '', certificate_number: '', broker_level: '', employment: '' })]));
      await importTable(ctx, kind, await readFile(file));
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(file))).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.import']);
    });

    it('updates only what the file says: roles replaced, a unit added beside the others, absent columns kept', async () => {
      const ctx = testCtx(handle);
      const row = person();
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'first.csv', sheet(kind, [row]))));
      const id = (await byId(row.id_number!)).id;
      // A second unit, and the broker details change; the phone column is absent.
      const next = sheet(kind, [{ name: row.name!, id_number: row.id_number!, roles: '技术经纪（经理）人', broker_level: '高级', organization_uscc: otherUnit.uscc, title: '研究员' }]);
      const seq = await lastSeq(handle.db);
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'second.csv', next)))).toMatchObject({ updated: 1 });
      const after = await getPerson(ctx, id);
      expect(after.phone).toBe('13937500001');
      expect(after.roles).toEqual([{ role: 'broker', certificateNumber: 'JSJJ-2024-0031', level: 'senior', employment: 'full_time' }]);
      expect(after.affiliations.map((a) => [a.organizationId, a.title]).sort()).toEqual([[otherUnit.id, '研究员'], [unit.id, '技术转移部经理']].sort());
      expect(await actionsAfter(handle.db, seq)).toEqual(['registry.person.update', 'registry.import']);
      const event = await handle.db.selectFrom('audit_event').selectAll().where('seq', '=', seq + 1).executeTakeFirstOrThrow();
      expect(event.subject_id).toBe(id);
      expect(`${event.before}${event.after}`).not.toContain(row.id_number);
    });

    it('reads English headers the same as Chinese ones', async () => {
      const ctx = testCtx(handle);
      const rows = [person(), person({ name: '陈晨' })];
      await importTable(ctx, kind, await readFile(writeCsv(dir, 'zh.csv', sheet(kind, rows, 'zh'))));
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'en.csv', sheet(kind, rows, 'en'))))).toMatchObject({ unchanged: 2 });
    });

    it('reads a CSV saved as GB18030', async () => {
      const ctx = testCtx(handle);
      const row = person({ name: '欧阳明', title: '总工程师（兼）' });
      const file = writeCsv(dir, 'gbk.csv', sheet(kind, [row]), 'gb18030');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file))).toThrow();
      expect(await importTable(ctx, kind, await readFile(file))).toMatchObject({ created: 1 });
      const stored = await getPerson(ctx, (await byId(row.id_number!)).id);
      expect([stored.name, stored.affiliations[0]?.title]).toEqual(['欧阳明', '总工程师（兼）']);
    });

    it('reads an XLSX workbook written with exceljs', async () => {
      const ctx = testCtx(handle);
      const rows = [person(), person({ name: '周敏' })];
      expect(await importTable(ctx, kind, await readFile(await writeXlsx(dir, 'people.xlsx', sheet(kind, rows))))).toMatchObject({ created: 2 });
      expect(await importTable(ctx, kind, await readFile(writeCsv(dir, 'people-as-csv.csv', sheet(kind, rows))))).toMatchObject({ unchanged: 2 });
    });

    it('exports masked ID numbers only, so the export does not re-import', async () => {
      const ctx = testCtx(handle);
      const all = await handle.db.selectFrom('person').select(['id_number_cipher', 'id_number_masked']).execute();
      for (const format of ['csv', 'xlsx'] as const) {
        const file = writeBuffer(dir, `export.${format}`, await exportRows(ctx, 'people', format));
        const table = await readFile(file);
        expect(table.headers).toEqual(['姓名', MASKED_ID_HEADER, '联系电话', '角色', '证书编号', '经纪人等级', '专兼职', '所在单位统一社会信用代码', '职务']);
        expect(table.rows.length).toBe(all.length);
        expect(new Set(table.rows.map((r) => r.cells[MASKED_ID_HEADER]))).toEqual(new Set(all.map((p) => p.id_number_masked)));
        if (format === 'csv') {
          const text = fs.readFileSync(file, 'utf8');
          for (const p of all) expect(text).not.toContain(ctx.protector.decrypt(p.id_number_cipher));
        }
        const details = await invalidDetails(importTable(ctx, kind, table));
        expect(details.map((d) => d.column)).toEqual([MASKED_ID_HEADER, '身份证号码']);
      }
    });
  });
}
