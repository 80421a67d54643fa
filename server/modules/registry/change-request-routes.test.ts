/**
 * 变更申请 over HTTP, as the web app uses it: the refused PATCH names the field and says to submit a
 * 变更申请; evidence uploads as multipart (PDF/JPG/PNG by content); the operator's queue, its XLSX
 * export in words, the decision, the evidence download; the applicant's notification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';
import { describeEvents } from '../audit/describe.js';

function multipart(fileName: string, content: Buffer) {
  const boundary = '----ttboundary' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const PDF = Buffer.from('%PDF-1.4\n%高新技术企业证书\n%%EOF\n');

for (const dialect of await testDialects()) {
  describe(`change requests API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let enterprise: Session;
    let org: { id: string; name: string };
    beforeAll(async () => {
      t = await createTestApp(dialect);
      org = await makeOrganization(t.ctx, { name: '湛河区接口变更测试有限公司' });
      operator = await t.loginAs(['operator']);
      enterprise = await t.loginAs(['enterprise'], [org.id]);
    }, 60_000);
    afterAll(async () => t.close());

    const upload = (s: Session, fileName: string, content: Buffer) => {
      const { body: payload, contentType } = multipart(fileName, content);
      return t.app.inject({ method: 'POST', url: '/api/change-requests/evidence', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload });
    };

    it('refuses the direct PATCH of a verified field with a message naming it and pointing to the 变更申请', async () => {
      const res = await t.call(enterprise, 'PATCH', `/api/organizations/${org.id}`, { version: 1, kind: 'new_rd_institution', rdFiled: true, divisionCode: '110108' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', field: 'kind' });
      expect(res.json().error.message).toBe('“机构类型”是经核实的登记信息，不能直接修改：请在机构页面提交变更申请并附证明材料，经科技局审核通过后生效');
      const qualification = await t.call(enterprise, 'POST', `/api/organizations/${org.id}/qualifications`, { type: 'high_tech_enterprise', number: 'GR202641000001', issuedOn: '2026-03-01' });
      expect(qualification.statusCode).toBe(403);
      expect(qualification.json().error.message).toContain('变更申请');
      const unchanged = (await t.call(enterprise, 'GET', `/api/organizations/${org.id}`)).json();
      expect(unchanged).toMatchObject({ kind: 'enterprise', divisionCode: '410411', qualifications: [] });
      const contact = await t.call(enterprise, 'PATCH', `/api/organizations/${org.id}`, { version: 1, contacts: [{ name: '李经办', phone: '0375-2222222' }] });
      expect(contact.statusCode).toBe(200);
    });

    it("lets the organization's own user keep its 机构简介 directly, audited in words", async () => {
      const own = await makeOrganization(t.ctx, { name: '湛河区简介自助测试有限公司' });
      const user = await t.loginAs(['enterprise'], [own.id]);
      const description = '主营智能配电终端研发，\n可承接开关柜在线监测项目。';
      const tooLong = await t.call(user, 'PATCH', `/api/organizations/${own.id}`, { version: 1, description: '简'.repeat(2001) });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.message).toContain('机构简介不超过2000字');

      const res = await t.call(user, 'PATCH', `/api/organizations/${own.id}`, { version: 1, description });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ description, version: 2, kind: 'enterprise' });
      expect((await t.call(user, 'GET', `/api/organizations/${own.id}`)).json()).toMatchObject({ description, version: 2 });
      const event = await t.handle.db.selectFrom('audit_event').selectAll()
        .where('subject_id', '=', own.id).where('action', '=', 'registry.organization.update').executeTakeFirstOrThrow();
      expect(event.actor_id).toBe(user.userId);
      expect(JSON.parse(event.before!)).toEqual({ description: null, version: 1 });
      expect(JSON.parse(event.after!)).toEqual({ description, version: 2 });
      const [worded] = await describeEvents(t.handle.db, [event]);
      expect(worded!.changes.find((c) => c.field === 'description')).toMatchObject({ label: '简介', after: description });

      // Cleared with null, as the form sends an emptied field; another unit's user may not touch it.
      const cleared = await t.call(user, 'PATCH', `/api/organizations/${own.id}`, { version: 2, description: null });
      expect(cleared.json()).toMatchObject({ description: null, version: 3 });
      expect((await t.call(enterprise, 'PATCH', `/api/organizations/${own.id}`, { version: 3, description: '别家改的简介' })).statusCode).toBe(403);
    });

    it('submits with uploaded evidence, is reviewed from the queue, exported in words, and tells the applicant', async () => {
      const ofd = await upload(enterprise, '证书.ofd', Buffer.from('PK\u0003\u0004'));
      expect(ofd.statusCode).toBe(400);
      const uploaded = await upload(enterprise, '高新技术企业证书.pdf', PDF);
      expect(uploaded.statusCode).toBe(201);
      const hash = uploaded.json().hash as string;

      const submitted = await t.call(enterprise, 'POST', '/api/change-requests', {
        group: 'qualification', organizationId: org.id, explanation: '2026年新认定',
        qualification: { type: 'high_tech_enterprise', number: 'GR202641000001', issuedOn: '2026-03-01' },
        evidence: [{ hash, fileName: '高新技术企业证书.pdf' }],
      });
      expect(submitted.statusCode).toBe(201);
      const request = submitted.json();
      const noEvidence = await t.call(enterprise, 'POST', '/api/change-requests', { group: 'equity', organizationId: org.id, holders: [], evidence: [] });
      expect(noEvidence.statusCode).toBe(400);
      expect(noEvidence.json().error.field).toBe('evidence');

      const queue = (await t.call(operator, 'GET', '/api/change-requests?status=pending')).json();
      expect(queue.items.map((r: { id: string }) => r.id)).toEqual([request.id]);
      expect(queue.items[0]).toMatchObject({ organizationName: '湛河区接口变更测试有限公司', groupLabel: '资质', statusLabel: '待审核', evidence: [{ fileName: '高新技术企业证书.pdf', mime: 'application/pdf' }] });

      const file = await t.call(operator, 'GET', `/api/change-requests/${request.id}/evidence/${hash}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.rawPayload.equals(PDF)).toBe(true);

      const xlsx = await t.call(operator, 'GET', '/api/change-requests.xlsx?status=pending');
      expect(xlsx.statusCode).toBe(200);
      const rows = rowsOf((await loadWorkbook(xlsx.rawPayload)).worksheets[0]!).map((r) => r.map((c) => String(c ?? '')));
      const row = rows.find((r) => r.includes('湛河区接口变更测试有限公司'))!;
      expect(row).toEqual(expect.arrayContaining(['资质', '资质：高新技术企业：无', '资质：高新技术企业：新增 高新技术企业，证书编号 GR202641000001，2026-03-01 至 2029-02-28', '待审核']));
      expect(rows.flat().join(' ')).not.toMatch(/high_tech_enterprise|pending|qualification/);

      const rejectedWithoutReason = await t.call(operator, 'POST', `/api/change-requests/${request.id}/decision`, { version: 1, decision: 'reject' });
      expect(rejectedWithoutReason.statusCode).toBe(400);
      expect(rejectedWithoutReason.json().error.field).toBe('reason');
      const approved = await t.call(operator, 'POST', `/api/change-requests/${request.id}/decision`, { version: 1, decision: 'approve', reason: '证书核对无误' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', statusLabel: '已通过' });
      const after = (await t.call(enterprise, 'GET', `/api/organizations/${org.id}`)).json();
      expect(after.qualifications.map((q: { number: string }) => q.number)).toEqual(['GR202641000001']);

      const inbox = (await t.call(enterprise, 'GET', '/api/notifications')).json();
      expect(inbox.items[0]).toMatchObject({ kind: 'registry.change_request.approved', recipient: 'user', link: `/organizations/${org.id}` });
      expect(inbox.items[0].body).toContain('已审核通过，登记信息已更新。审核意见：证书核对无误');
    });
  });
}
