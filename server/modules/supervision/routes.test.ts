/**
 * The supervision API over HTTP: a plan file uploaded (bad files answer 400 naming file, path and
 * reason), a department reporting for its own unit only (with an attachment), the operator's
 * review, the evaluator reading but never writing, and the reminders.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeDepartments, ZHANHE_PLAN } from './test-support.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';

function multipart(fileName: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----ttboundary' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const dialect of await testDialects()) {
  describe(`supervision API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let app: FastifyInstance;
    let operator: Session;
    let department: Session;
    let otherDepartment: Session;
    let evaluator: Session;
    const upload = (s: Session, url: string, name: string, content: Buffer, type?: string) => {
      const { body, contentType } = multipart(name, content, type);
      return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload: body });
    };

    beforeAll(async () => {
      t = await createTestApp(dialect);
      app = t.app;
      const orgs = await makeDepartments(t.ctx);
      operator = await t.loginAs(['operator'], [orgs.kjj.id]);
      department = await t.loginAs(['department'], [orgs.gxj.id]);
      otherDepartment = await t.loginAs(['department'], [orgs.czj.id]);
      evaluator = await t.loginAs(['evaluator']);
    }, 60_000);
    afterAll(async () => {
      await t.close();
    });

    it('loads plans by upload, reports, reviews, reads, reminds — each role within its rights', async () => {
      // A bad plan file: 400 naming the file, the path and the reason.
      const bad = await upload(operator, '/api/supervision/plans', 'other.yaml', Buffer.from('id: other\ntitle: 方案\nstartsOn: 2023-01-01\nendsOn: 2023-13-01\nmeasures: []\n'));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('other.yaml：endsOn：应为有效日期 YYYY-MM-DD');
      expect(bad.json().error.details).toEqual(expect.arrayContaining([{ field: 'measures', reason: '至少一项措施' }]));
      expect((await upload(evaluator, '/api/supervision/plans', 'z.yaml', fs.readFileSync(ZHANHE_PLAN))).statusCode).toBe(403);
      expect((await upload(department, '/api/supervision/plans', 'z.yaml', fs.readFileSync(ZHANHE_PLAN))).statusCode).toBe(403);
      const loaded = await upload(operator, '/api/supervision/plans', 'zhanhe-2022.yaml', fs.readFileSync(ZHANHE_PLAN));
      expect(loaded.statusCode, loaded.body).toBe(201);
      const planId = loaded.json().id as string;
      expect((await upload(operator, '/api/supervision/plans', 'zhanhe-2022.yaml', fs.readFileSync(ZHANHE_PLAN))).statusCode).toBe(200);

      const plan = (await t.call(evaluator, 'GET', `/api/supervision/plans/${planId}`)).json();
      const unit = (name: string) => plan.units.find((u: { name: string }) => u.name === name).id as string;
      const measure = (n: string) => plan.measures.find((m: { number: string }) => m.number === n).id as string;
      const cell = { measureId: measure('四'), unitId: unit('区工业和信息化局'), period: '2023Q1' };

      // The department reports for its own unit only; unknown fields and bad figures are 400s.
      const foreign = await t.call(department, 'POST', '/api/supervision/reports', { ...cell, unitId: unit('区科技局') });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().error).toMatchObject({ code: 'FORBIDDEN', field: 'unitId' });
      expect((await t.call(otherDepartment, 'POST', '/api/supervision/reports', cell)).statusCode).toBe(403);
      const unknown = await t.call(department, 'POST', '/api/supervision/reports', { ...cell, lottery: 1 });
      expect([unknown.statusCode, unknown.json().error.field]).toEqual([400, 'lottery']);
      const badFigure = await t.call(department, 'POST', '/api/supervision/reports', { ...cell, figures: { 企业数: 'three' } });
      expect(badFigure.statusCode).toBe(400);
      expect(badFigure.json().error.field).toBe('figures.企业数');
      const attachment = await upload(department, '/api/supervision/attachments', '佐证.pdf', PDF, 'application/pdf');
      expect(attachment.statusCode).toBe(201);
      const hash = attachment.json().hash as string;
      expect((await upload(evaluator, '/api/supervision/attachments', 'x.pdf', PDF)).statusCode).toBe(403);
      // A stored file someone else uploaded cannot be attached by its hash (and so read through the report).
      const othersFile = await upload(operator, '/api/evidence', 'bieren.pdf', Buffer.concat([PDF, Buffer.from('运营人员的文件')]), 'application/pdf');
      expect(othersFile.statusCode, othersFile.body).toBe(201);
      const borrowed = await t.call(department, 'POST', '/api/supervision/reports', { ...cell, text: '借用', attachments: [{ hash: othersFile.json().hash, label: '别人的' }] });
      expect([borrowed.statusCode, borrowed.json().error.field]).toEqual([404, 'attachments.0.hash']);
      const created = await t.call(department, 'POST', '/api/supervision/reports', {
        ...cell, text: '一季度兑现后补助2家企业。', figures: { 兑现企业数: 2 }, attachments: [{ hash, label: '兑现名单' }],
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const submitted = await t.call(department, 'POST', `/api/supervision/reports/${id}/submit`, { version: 1 });
      expect(submitted.json()).toMatchObject({ status: 'submitted' });

      // The evaluator reads everything and writes nothing.
      expect((await t.call(evaluator, 'GET', `/api/supervision/reports/${id}`)).json()).toMatchObject({ status: 'submitted', attachments: [{ hash, label: '兑现名单', mime: 'application/pdf' }] });
      const file = await t.call(evaluator, 'GET', `/api/supervision/reports/${id}/attachments/${hash}`);
      expect([file.statusCode, file.headers['content-type']]).toEqual([200, 'application/pdf']);
      expect((await t.call(otherDepartment, 'GET', `/api/supervision/reports/${id}/attachments/${hash}`)).statusCode).toBe(403);
      expect((await t.call(evaluator, 'POST', `/api/supervision/reports/${id}/review`, { version: 2, decision: 'accept' })).statusCode).toBe(403);
      expect((await t.call(evaluator, 'POST', '/api/supervision/reports', cell)).statusCode).toBe(403);
      expect((await t.call(evaluator, 'PATCH', `/api/supervision/reports/${id}`, { version: 2, text: 'x' })).statusCode).toBe(403);
      expect((await t.call(evaluator, 'POST', '/api/supervision/remind', {})).statusCode).toBe(403);
      const evalBoard = (await t.call(evaluator, 'GET', `/api/supervision/plans/${planId}/board?asOf=2023-04-20`)).json();
      expect(evalBoard.rows.length).toBeGreaterThan(50);

      // The board and the reports as a workbook, for the evaluator.
      const xlsx = await t.call(evaluator, 'GET', `/api/supervision/plans/${planId}/board.xlsx?asOf=2023-04-20&year=2023`);
      expect(xlsx.statusCode, xlsx.body).toBe(200);
      expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('督办看板-zhanhe-2022-2023-04-20.xlsx'));
      const book = await loadWorkbook(xlsx.rawPayload);
      expect(book.worksheets.map((w) => w.name)).toEqual(['督办看板', '进度报告']);
      const boardRows = rowsOf(book.worksheets[0]!);
      expect(boardRows.find((r) => r[0] === '（四）激发创新主体技术转移活力' && r[1] === '区工业和信息化局')).toEqual(['（四）激发创新主体技术转移活力', '区工业和信息化局', '配合单位', '已提交', '未到期']);
      expect(rowsOf(book.worksheets[1]!).some((r) => r.includes('一季度兑现后补助2家企业。') && r.includes('兑现企业数：2'))).toBe(true);

      // The operator returns it (a comment is required), the department resubmits, the operator accepts.
      const noComment = await t.call(operator, 'POST', `/api/supervision/reports/${id}/review`, { version: 2, decision: 'return' });
      expect([noComment.statusCode, noComment.json().error.field]).toEqual([400, 'comment']);
      const returned = await t.call(operator, 'POST', `/api/supervision/reports/${id}/review`, { version: 2, decision: 'return', comment: '请附兑现凭证' });
      expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请附兑现凭证' });
      const stale = await t.call(department, 'POST', `/api/supervision/reports/${id}/submit`, { version: 2 });
      expect([stale.statusCode, stale.json().error.field]).toEqual([409, 'version']);
      expect((await t.call(department, 'POST', `/api/supervision/reports/${id}/submit`, { version: 3 })).statusCode).toBe(200);
      const accepted = await t.call(operator, 'POST', `/api/supervision/reports/${id}/review`, { version: 4, decision: 'accept' });
      expect(accepted.json()).toMatchObject({ status: 'accepted' });
      const illegal = await t.call(operator, 'POST', `/api/supervision/reports/${id}/review`, { version: 5, decision: 'return', comment: '再改' });
      expect(illegal.statusCode).toBe(409);
      expect(illegal.json().error.message).toBe('进度报告不能从“已采纳”变为“已退回”（已采纳的报告不能再变更）');

      // The department's board: only its own cells, with this one accepted.
      const mine = (await t.call(department, 'GET', `/api/supervision/plans/${planId}/board?asOf=2023-04-20&year=2023`)).json();
      expect(mine.rows.map((r: { number: string }) => r.number)).toEqual(['三', '四', '十']);
      expect(mine.rows.find((r: { number: string }) => r.number === '四').cells[0]).toMatchObject({ period: '2023Q1', status: 'accepted', reportId: id });
      const theirs = (await t.call(otherDepartment, 'GET', `/api/supervision/plans/${planId}/board`)).json().rows as { unitName: string }[];
      expect(theirs.length).toBeGreaterThan(0);
      expect(new Set(theirs.map((r) => r.unitName))).toEqual(new Set(['区财政局']));

      // Notifications: the department heard of the return and the acceptance; it marks them read.
      const count = await t.call(department, 'GET', '/api/notifications/unread-count');
      expect(count.json()).toEqual({ unread: 2 });
      const list = (await t.call(department, 'GET', '/api/notifications?unread=true')).json();
      expect(list.items.map((n: { kind: string }) => n.kind)).toEqual(['supervision.report.accepted', 'supervision.report.returned']);
      expect(list.items[1]).toMatchObject({ link: `/supervision/reports/${id}`, read: false });
      expect((await t.call(otherDepartment, 'POST', `/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);
      const read = await t.call(department, 'POST', `/api/notifications/${list.items[0].id}/read`);
      expect(read.json()).toMatchObject({ read: true });
      expect((await t.call(department, 'GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 1 });

      // The reminders, by the operator: once a day.
      const first = await t.call(operator, 'POST', '/api/supervision/remind', { date: '2023-04-20' });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().reminded).toBeGreaterThan(0);
      expect((await t.call(operator, 'POST', '/api/supervision/remind', { date: '2023-04-20' })).json()).toMatchObject({ reminded: 0, notifications: 0 });
      expect((await t.call(department, 'GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 2 });
      expect((await t.call(department, 'POST', '/api/notifications/read-all')).json()).toEqual({ marked: 2 });
      expect((await t.call(department, 'GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
      expect((await t.call(null, 'GET', '/api/notifications/unread-count')).statusCode).toBe(401);
    });
  });
}
