/** The market API over HTTP: who may do what, the public page without contacts, inquiries, uploads, import and export. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';

function multipart(fileName: string, content: Buffer) {
  const boundary = '----ttboundary' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const PHONE = '0375-2961188';

for (const dialect of await testDialects()) {
  describe(`market API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let institution: Session;
    let enterprise: Session;
    let bank: Session;
    let finance: Session;
    let lab: string;
    let factory: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      lab = (await makeOrganization(t.ctx, { kind: 'university', divisionCode: '410402', contacts: [{ name: '曹建军', phone: PHONE, email: 'tech@lab.example.com' }] })).id;
      factory = (await makeOrganization(t.ctx, { contacts: [{ name: '孟晓东', phone: '0375-2961202' }] })).id;
      operator = await t.loginAs(['operator']);
      institution = await t.loginAs(['institution'], [lab]);
      enterprise = await t.loginAs(['enterprise'], [factory]);
      bank = await t.loginAs(['bank']);
      finance = await t.loginAs(['finance']);
    }, 60_000);
    afterAll(async () => t.close());

    const achievement = (overrides: Record<string, unknown> = {}) => ({
      title: '高压真空断路器永磁操动机构', description: '采用双稳态永磁操动机构替代弹簧机构，零部件减少60%，机械寿命3万次。',
      keywords: ['真空断路器'], technicalField: 'advanced_manufacturing', transferModes: ['license'], priceKind: 'negotiable', ownerOrganizationId: lab,
      team: [{ name: '王磊', role: '负责人' }], ...overrides,
    });
    const upload = (s: Session, url: string, fileName: string, content: Buffer) => {
      const { body, contentType } = multipart(fileName, content);
      return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload: body });
    };

    async function published(session: Session, kind: 'achievements' | 'demands', body: Record<string, unknown>) {
      const created = await t.call(session, 'POST', `/api/market/${kind}`, body);
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect((await t.call(session, 'POST', `/api/market/${kind}/${id}/transitions`, { to: 'pending', version: 1 })).statusCode).toBe(200);
      const res = await t.call(operator, 'POST', `/api/market/${kind}/${id}/transitions`, { to: 'published', version: 2 });
      expect(res.statusCode, res.body).toBe(200);
      return id;
    }

    it('answers bad input with 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [achievement({ technicalField: '人工智能' }), 'technicalField'],
        [achievement({ trl: 10 }), 'trl'],
        [achievement({ transferModes: [] }), 'transferModes'],
        [achievement({ priceKind: 'fixed' }), 'priceFen'],
        [achievement({ priceKind: 'fixed', priceFen: 1.5 }), 'priceFen'],
        [achievement({ ipItems: [{ kind: 'patent' }] }), 'ipItems.0.number'],
        [achievement({ originCountry: 'Germany' }), 'originCountry'],
        [achievement({ colour: 'red' }), 'colour'],
      ];
      for (const [payload, field] of cases) {
        const res = await t.call(institution, 'POST', '/api/market/achievements', payload);
        expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
    });

    it('lets owners post for their own organizations only, and only the operator moderate', async () => {
      expect((await t.call(enterprise, 'POST', '/api/market/achievements', achievement())).statusCode).toBe(403);
      expect((await t.call(bank, 'POST', '/api/market/achievements', achievement())).statusCode).toBe(403);
      expect((await t.call(finance, 'GET', '/api/market/achievements')).statusCode).toBe(403);
      const created = (await t.call(institution, 'POST', '/api/market/achievements', achievement())).json();
      expect(created).toMatchObject({ status: 'draft', originRegion: 'city', owner: { id: lab } });
      expect((await t.call(enterprise, 'GET', `/api/market/achievements/${created.id}`)).statusCode).toBe(403);
      expect((await t.call(institution, 'POST', `/api/market/achievements/${created.id}/transitions`, { to: 'pending', version: 1 })).statusCode).toBe(200);
      expect((await t.call(institution, 'POST', `/api/market/achievements/${created.id}/transitions`, { to: 'published', version: 2 })).statusCode).toBe(403);
      const queue = (await t.call(operator, 'GET', '/api/market/achievements?status=pending')).json();
      expect(queue.items.map((i: { id: string }) => i.id)).toContain(created.id);
      const stale = await t.call(operator, 'POST', `/api/market/achievements/${created.id}/transitions`, { to: 'published', version: 1 });
      expect(stale.statusCode).toBe(409);
      const back = await t.call(operator, 'POST', `/api/market/achievements/${created.id}/transitions`, { to: 'returned', version: 2, reason: '请补充知识产权信息' });
      expect(back.json()).toMatchObject({ status: 'returned', statusReason: '请补充知识产权信息' });
      const illegal = await t.call(operator, 'POST', `/api/market/achievements/${created.id}/transitions`, { to: 'withdrawn', version: 3 });
      expect(illegal.statusCode).toBe(409);
      expect(illegal.json().error.message).toBe('不能从“已退回”变为“已撤回”（可变为：待审核）');
      const mine = (await t.call(institution, 'GET', '/api/market/achievements')).json();
      expect(mine).toMatchObject({ total: 1, items: [{ id: created.id }] });
      expect((await t.call(enterprise, 'GET', '/api/market/achievements')).json().total).toBe(0);
    });

    it('shows a published listing to the public without contact details, with its attachment', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('成果证明')]);
      const up = await upload(institution, '/api/market/attachments', 'zhengming.pdf', pdf);
      expect(up.statusCode, up.body).toBe(201);
      expect((await upload(bank, '/api/market/attachments', 'x.pdf', pdf)).statusCode).toBe(403);
      const id = await published(institution, 'achievements', achievement({ title: '公开展示的成果', attachments: [{ hash: up.json().hash, name: '成果证明.pdf' }] }));
      const res = await t.call(null, 'GET', `/api/public/market/achievements/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ id, title: '公开展示的成果', owner: { id: lab }, team: [{ name: '王磊', role: '负责人' }], attachments: [{ name: '成果证明.pdf', mime: 'application/pdf' }] });
      expect(res.body).not.toContain(PHONE);
      expect(res.body).not.toContain('tech@lab.example.com');
      for (const hidden of ['contacts', 'status', 'statusReason', 'version', 'nextStatuses']) expect(body).not.toHaveProperty(hidden);
      const file = await t.call(null, 'GET', `/api/public/market/achievements/${id}/attachments/${up.json().hash}`);
      expect(file.statusCode).toBe(200);
      expect(Buffer.compare(file.rawPayload, pdf)).toBe(0);
      // A draft is not public.
      const draft = (await t.call(institution, 'POST', '/api/market/achievements', achievement())).json();
      expect((await t.call(null, 'GET', `/api/public/market/achievements/${draft.id}`)).statusCode).toBe(404);
      expect((await t.call(null, 'GET', `/api/public/market/demands/${id}`)).statusCode).toBe(404);
    });

    it('attaches only a file the actor uploaded (or the listing already has), not any stored file named by its hash', async () => {
      const secret = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('实验室内部资料：未公开的工艺参数')]);
      const up = await upload(institution, '/api/market/attachments', 'neibu.pdf', secret);
      expect(up.statusCode, up.body).toBe(201);
      const hash = up.json().hash as string;
      const demand = (extra: Record<string, unknown>) => ({
        title: '借用他人附件的需求', problem: '试图把别人上传的文件挂到自己的需求上再下载。', organizationId: factory, ...extra,
      });
      const stolen = await t.call(enterprise, 'POST', '/api/market/demands', demand({ attachments: [{ hash, name: '拿来的.pdf' }] }));
      expect(stolen.statusCode, stolen.body).toBe(404);
      expect(stolen.json().error).toMatchObject({ field: 'attachments.0.hash' });
      expect(stolen.json().error.message).toMatch(/不是您上传的/);
      // The same answer for a hash no one stored: the refusal does not tell whether a content exists.
      const unknown = await t.call(enterprise, 'POST', '/api/market/demands', demand({ attachments: [{ hash: 'a'.repeat(64), name: 'x.pdf' }] }));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toBe(stolen.json().error.message);
      // Nor can it be slipped in by editing a draft of one's own.
      const own = (await t.call(enterprise, 'POST', '/api/market/demands', demand({}))).json();
      const patched = await t.call(enterprise, 'PATCH', `/api/market/demands/${own.id}`, { version: own.version, attachments: [{ hash, name: '拿来的.pdf' }] });
      expect(patched.statusCode, patched.body).toBe(404);
      expect(patched.json().error.field).toBe('attachments.0.hash');
      // Who uploads the same content themselves may attach it.
      expect((await upload(enterprise, '/api/market/attachments', 'wode.pdf', secret)).statusCode).toBe(201);
      const mine = await t.call(enterprise, 'PATCH', `/api/market/demands/${own.id}`, { version: own.version, attachments: [{ hash, name: '本单位上传.pdf' }] });
      expect(mine.statusCode, mine.body).toBe(200);
      // The operator editing a listing keeps its attachments, though they are not the operator's uploads.
      const listing = (await t.call(institution, 'POST', '/api/market/achievements', achievement({ attachments: [{ hash, name: '资料.pdf' }] }))).json();
      const kept = await t.call(operator, 'PATCH', `/api/market/achievements/${listing.id}`, { version: listing.version, title: '运营人员修改后的成果名称' });
      expect(kept.statusCode, kept.body).toBe(200);
      expect(kept.json().attachments).toMatchObject([{ hash, name: '资料.pdf' }]);
    });

    it('carries an inquiry from a logged-in user to the owner and back', async () => {
      const demandId = await published(enterprise, 'demands', {
        title: '尼龙66切片连续固相增黏工艺', problem: '现有间歇式固相增黏能耗高、批次间黏度波动大，需要连续化工艺。', organizationId: factory,
        budgetMinFen: 50_000_000, budgetMaxFen: 200_000_000, isChallenge: true, rewardFen: 100_000_000,
      });
      const pub = await t.call(null, 'GET', `/api/public/market/demands/${demandId}`);
      expect(pub.json()).toMatchObject({ isChallenge: true, rewardFen: 100_000_000, owner: { id: factory } });
      expect(pub.body).not.toContain('0375-2961202');
      expect((await t.call(null, 'POST', '/api/market/inquiries', { listingKind: 'demand', listingId: demandId, message: '我们有连续固相增黏的中试线' })).statusCode).toBe(401);
      const sent = await t.call(institution, 'POST', '/api/market/inquiries', { listingKind: 'demand', listingId: demandId, message: '我们有连续固相增黏的中试线，可合作开发。', contact: '王老师 13800000000' });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({ status: 'open', fromOrganization: { id: lab }, listingTitle: '尼龙66切片连续固相增黏工艺' });
      const received = (await t.call(enterprise, 'GET', '/api/market/inquiries?box=received')).json();
      expect(received).toMatchObject({ total: 1, items: [{ id: sent.json().id, contact: '王老师 13800000000' }] });
      expect((await t.call(bank, 'GET', '/api/market/inquiries?box=received')).statusCode).toBe(403);
      expect((await t.call(institution, 'POST', `/api/market/inquiries/${sent.json().id}/answer`, { version: 1, answer: '不是我的' })).statusCode).toBe(403);
      const answered = await t.call(enterprise, 'POST', `/api/market/inquiries/${sent.json().id}/answer`, { version: 1, answer: '欢迎来厂考察，请联系技术部。' });
      expect(answered.json()).toMatchObject({ status: 'answered', answer: '欢迎来厂考察，请联系技术部。' });
      const mine = (await t.call(institution, 'GET', '/api/market/inquiries?box=sent')).json();
      expect(mine.items[0]).toMatchObject({ status: 'answered', answer: '欢迎来厂考察，请联系技术部。' });
      // Not published: no inquiry.
      const draft = (await t.call(institution, 'POST', '/api/market/achievements', achievement())).json();
      expect((await t.call(enterprise, 'POST', '/api/market/inquiries', { listingKind: 'achievement', listingId: draft.id, message: '草稿不能联系对接' })).statusCode).toBe(404);
    });

    it('imports and exports over HTTP for the operator only', async () => {
      const file = Buffer.from(`${JSON.stringify({ external_id: 'http-1', title: '接口导入的成果', description: '通过接口导入的一条成果记录。' })}\n`);
      expect((await upload(institution, '/api/market/import/achievements', 'a.jsonl', file)).statusCode).toBe(403);
      const ok = await upload(operator, '/api/market/import/achievements', 'a.jsonl', file);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ total: 1, created: 1 });
      const bad = await upload(operator, '/api/market/import/achievements', 'a.jsonl', Buffer.from('{"external_id": "http-2"}\nnot json\n'));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'IMPORT_INVALID', details: [{ line: 1 }, { line: 2 }] });
      const exported = await t.call(operator, 'GET', '/api/market/export/achievements?format=jsonl');
      expect(exported.statusCode).toBe(200);
      expect(exported.body).toContain('"external_id":"http-1"');
      expect((await t.call(institution, 'GET', '/api/market/export/achievements?format=csv')).statusCode).toBe(403);
    });
  });
}
