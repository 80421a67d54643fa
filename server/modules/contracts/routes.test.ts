/** The contracts API over HTTP: 400 naming the field, 409 on a stale version, uploads, downloads, import. */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { zipWith } from './test-support.js';

function multipart(fileName: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----ttboundary' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const dialect of await testDialects()) {
  describe(`contracts API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let enterprise: Session;
    let mine: string;
    let other: string;
    let office: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      mine = (await makeOrganization(t.ctx)).id;
      other = (await makeOrganization(t.ctx, { kind: 'university', divisionCode: '410102' })).id;
      office = (await makeOrganization(t.ctx, { kind: 'government_department' })).id;
      operator = await t.loginAs(['operator']);
      enterprise = await t.loginAs(['enterprise'], [mine]);
    }, 60_000);
    afterAll(async () => t.close());

    const body = (overrides: Record<string, unknown> = {}) => ({
      name: '接口测试技术转让合同', type: 'transfer', subtype: 'trade_secret', sellers: [{ organizationId: other }], buyers: [{ organizationId: mine }],
      signedOn: '2026-04-01', amountFen: 50_000_000, techField: 'electronic_information', ...overrides,
    });
    const upload = (s: Session, url: string, fileName: string, content: Buffer) => {
      const { body: payload, contentType } = multipart(fileName, content);
      return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload });
    };

    it('answers bad input with 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [body({ amountFen: 1.5 }), 'amountFen'],
        [body({ amountFen: -1 }), 'amountFen'],
        [body({ techField: '人工智能' }), 'techField'],
        [body({ signedOn: '2026-02-30' }), 'signedOn'],
        [body({ sellers: [] }), 'sellers'],
        [body({ subtype: 'patent_license' }), 'subtype'],
        [body({ implementationDivision: '4104' }), 'implementationDivision'],
        [body({ brokers: [{ personId: 'x', share: 0 }] }), 'brokers.0.share'],
        [body({ funding: [{ level: 'city', programme: 'x', amountFen: 1 }] }), 'funding.0.level'],
        [body({ colour: 'red' }), 'colour'],
      ];
      for (const [payload, field] of cases) {
        const res = await t.call(operator, 'POST', '/api/contracts', payload);
        expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
    });

    it('creates, edits with a version (409 when stale), registers and shows the deadline', async () => {
      const created = await t.call(enterprise, 'POST', '/api/contracts', body());
      expect(created.statusCode, created.body).toBe(201);
      const c = created.json();
      expect(c).toMatchObject({ status: 'draft', techAmountFen: 50_000_000, type2001: 'transfer' });
      expect((await t.call(enterprise, 'PATCH', `/api/contracts/${c.id}`, { version: 1, name: '改过的合同名称' })).statusCode).toBe(200);
      const stale = await t.call(enterprise, 'PATCH', `/api/contracts/${c.id}`, { version: 1, name: '过期' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'CONFLICT', field: 'version' });
      const submitted = await t.call(enterprise, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'submitted', version: 2 });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().deadline).toMatchObject({ ruleSet: 'rules_2026', period: '15个工作日' });
      expect((await t.call(enterprise, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'registered', version: 3, registrationNumber: '2026410411000777', registrationOfficeId: office })).statusCode).toBe(403);
      const illegal = await t.call(operator, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'cancelled', version: 3, note: 'x' });
      expect(illegal.statusCode).toBe(409);
      expect(illegal.json().error.message).toContain('不能从“已提交待审”变为“已注销”');
      const reg = await t.call(operator, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'registered', version: 3, registrationNumber: '2026410411000777', registrationOfficeId: office });
      expect(reg.statusCode, reg.body).toBe(200);
      expect(reg.json()).toMatchObject({ status: 'registered', registrationNumber: '2026410411000777', steps: [{ to: 'draft' }, { to: 'submitted', deadline: { overdue: false } }, { to: 'registered' }] });
      const bad = await t.call(operator, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'amended', version: 4, note: 'x', registrationNumber: '123' });
      expect(bad.json().error.field).toBe('registrationNumber');
      const list = await t.call(enterprise, 'GET', `/api/contracts?status=registered&registrationYear=2026`);
      expect(list.json()).toMatchObject({ total: 1, items: [{ id: c.id }] });
      const related = await t.call(enterprise, 'GET', `/api/contracts/${c.id}/related-parties?threshold=25`);
      expect(related.json()).toMatchObject({ related: false, thresholdPercent: 25 });
      // An enterprise cannot create a contract between two other organizations.
      expect((await t.call(enterprise, 'POST', '/api/contracts', body({ buyers: [{ organizationId: office }] }))).statusCode).toBe(403);
    });

    it('uploads evidence checked by content and size, attaches it to a payment and serves it back', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(4096)]);
      const up = await upload(enterprise, '/api/evidence', 'huidan.pdf', pdf);
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json()).toEqual({ hash: crypto.createHash('sha256').update(pdf).digest('hex'), size: pdf.length, mime: 'application/pdf' });
      const fake = await upload(enterprise, '/api/evidence', 'fapiao.pdf', Buffer.from('MZ this is an executable'));
      expect(fake.statusCode).toBe(400);
      expect(fake.json().error.field).toBe('file');
      const ofd = await upload(enterprise, '/api/evidence', 'fapiao.ofd', zipWith('OFD.xml'));
      expect(ofd.json().mime).toBe('application/ofd');
      const big = await upload(enterprise, '/api/evidence', 'big.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(20 * 1024 * 1024 + 1)]));
      expect(big.statusCode).toBe(413);

      const c = (await t.call(enterprise, 'POST', '/api/contracts', body({ name: '带付款的合同' }))).json();
      await t.call(enterprise, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'submitted', version: 1 });
      const hash = up.json().hash;
      const badInvoice = await t.call(enterprise, 'POST', `/api/contracts/${c.id}/payments`, {
        paidOn: '2026-05-01', amountFen: 1_000_00, voucherNumber: 'HD1', voucherFileHash: hash, invoices: [{ number: '12345', issuedOn: '2026-05-01', amountFen: 1_000_00 }],
      });
      expect(badInvoice.statusCode).toBe(400);
      expect(badInvoice.json().error.field).toBe('invoices.0.number');
      const paid = await t.call(enterprise, 'POST', `/api/contracts/${c.id}/payments`, {
        paidOn: '2026-05-01', amountFen: 1_000_00, voucherNumber: 'HD1', voucherFileHash: hash,
        invoices: [{ number: '25412000000055555555', issuedOn: '2026-05-01', amountFen: 1_000_00, namesContract: true }],
      });
      expect(paid.statusCode, paid.body).toBe(201);
      const file = await t.call(enterprise, 'GET', `/api/contracts/${c.id}/evidence/${hash}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="evidence-${hash.slice(0, 12)}.pdf"`);
      expect(Buffer.compare(file.rawPayload, pdf)).toBe(0);
      const p = paid.json();
      const del = await t.call(enterprise, 'DELETE', `/api/contracts/${c.id}/payments/${p.id}?version=1`);
      expect(del.statusCode).toBe(200);
      expect((await t.call(enterprise, 'GET', `/api/contracts/${c.id}/payments`)).json()).toEqual([]);
    });

    it('imports a contracts file all or nothing over HTTP', async () => {
      const head = '合同名称,合同类别,合同子类,卖方统一社会信用代码,买方统一社会信用代码,签订日期,成交额（元）,技术领域,合同登记编号,登记日期,登记机构统一社会信用代码\n';
      const uscc = async (id: string) => (await t.handle.db.selectFrom('organization').select('uscc').where('id', '=', id).executeTakeFirstOrThrow()).uscc;
      const [s, b, o] = [await uscc(other), await uscc(mine), await uscc(office)];
      const row = (n: string, amount: string) => `导入合同${n},技术咨询,技术咨询,${s},${b},2026-01-10,${amount},农业,202641041100${n},2026-02-01,${o}\n`;
      const bad = await upload(operator, '/api/contracts/import/contracts', 'c.csv', Buffer.from(head + row('1001', '1000') + row('1002', '1000.123')));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'IMPORT_INVALID', details: [{ line: 3, column: '成交额（元）', value: '1000.123' }] });
      expect((await t.call(operator, 'GET', '/api/contracts?q=导入合同')).json().total).toBe(0);
      const ok = await upload(operator, '/api/contracts/import/contracts', 'c.csv', Buffer.from(head + row('1001', '1000') + row('1002', '1000.12')));
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ total: 2, created: 2 });
      expect((await upload(enterprise, '/api/contracts/import/contracts', 'c.csv', Buffer.from(head))).statusCode).toBe(403);
    });
  });
}
