/** The contracts API over HTTP: 400 naming the field, 409 on a stale version, uploads, downloads, import. */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { zipWith } from './test-support.js';
import { xlsxBomb } from '../registry/import/zip-bomb-support.js';

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

    it('refuses as the voucher or invoice of a payment a stored file the actor did not upload', async () => {
      const theirs = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(2048)]);
      const up = await upload(operator, '/api/evidence', 'bieren.pdf', theirs);
      expect(up.statusCode, up.body).toBe(201);
      const hash = up.json().hash as string;
      const c = (await t.call(enterprise, 'POST', '/api/contracts', body({ name: '借用凭证的合同' }))).json();
      await t.call(enterprise, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'submitted', version: 1 });
      const voucher = await t.call(enterprise, 'POST', `/api/contracts/${c.id}/payments`, { paidOn: '2026-05-01', amountFen: 1_000_00, voucherNumber: 'HD9', voucherFileHash: hash, invoices: [] });
      expect(voucher.statusCode, voucher.body).toBe(404);
      expect(voucher.json().error).toMatchObject({ field: 'voucherFileHash', message: expect.stringContaining('不是您上传的') });
      const invoice = await t.call(enterprise, 'POST', `/api/contracts/${c.id}/payments`, {
        paidOn: '2026-05-01', amountFen: 1_000_00, voucherNumber: 'HD9',
        invoices: [{ number: '25412000000055550001', issuedOn: '2026-05-01', amountFen: 1_000_00, fileHash: hash }],
      });
      expect(invoice.statusCode, invoice.body).toBe(404);
      expect(invoice.json().error.field).toBe('invoices.0.fileHash');
      expect((await t.call(enterprise, 'GET', `/api/contracts/${c.id}/payments`)).json()).toEqual([]);
      expect((await t.call(enterprise, 'GET', `/api/contracts/${c.id}/evidence/${hash}`)).statusCode).toBe(404);
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

    it('refuses impossible signing, registration, payment and invoice dates, naming the field', async () => {
      for (const [signedOn, reason] of [['1900-01-01', '不能早于 1990-01-01'], ['9999-12-31', '应是已经发生的日期']] as const) {
        const res = await t.call(enterprise, 'POST', '/api/contracts', body({ name: `签订于${signedOn}的合同`, signedOn }));
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toMatchObject({ field: 'signedOn', message: expect.stringContaining(reason) });
        expect(res.json().error.message).toContain('签订日期');
      }
      expect((await t.call(enterprise, 'GET', '/api/contracts?q=签订于')).json().total).toBe(0);
      const c = (await t.call(enterprise, 'POST', '/api/contracts', body({ name: '日期校验的合同' }))).json();
      const patched = await t.call(enterprise, 'PATCH', `/api/contracts/${c.id}`, { version: 1, signedOn: '9999-12-31' });
      expect([patched.statusCode, patched.json().error.field]).toEqual([400, 'signedOn']);
      await t.call(enterprise, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'submitted', version: 1 });
      const registered = await t.call(operator, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'registered', version: 2, registrationNumber: '2026410411000778', registeredOn: '9999-12-31', registrationOfficeId: office });
      expect([registered.statusCode, registered.json().error.field]).toEqual([400, 'registeredOn']);
      const paid = await t.call(enterprise, 'POST', `/api/contracts/${c.id}/payments`, { paidOn: '1900-01-01', amountFen: 1_000_00, invoices: [] });
      expect(paid.statusCode, paid.body).toBe(400);
      expect(paid.json().error).toMatchObject({ field: 'paidOn', message: expect.stringContaining('付款日期不能早于 1990-01-01') });
      const invoiced = await t.call(enterprise, 'POST', `/api/contracts/${c.id}/payments`, {
        paidOn: '2026-05-01', amountFen: 1_000_00, invoices: [{ number: '25412000000055550002', issuedOn: '9999-12-31', amountFen: 1_000_00 }],
      });
      expect([invoiced.statusCode, invoiced.json().error.field]).toEqual([400, 'invoices.0.issuedOn']);
      expect(invoiced.json().error.message).toContain('开票日期不能晚于');
      expect((await t.call(enterprise, 'GET', `/api/contracts/${c.id}/payments`)).json()).toEqual([]);
    });

    it('accepts payments beyond the contract amount but says so in the answer', async () => {
      const c = (await t.call(enterprise, 'POST', '/api/contracts', body({ name: '超额到账的合同', amountFen: 120_000_000 }))).json();
      await t.call(enterprise, 'POST', `/api/contracts/${c.id}/transitions`, { to: 'submitted', version: 1 });
      const pay = (paidOn: string) => t.call(enterprise, 'POST', `/api/contracts/${c.id}/payments`, { paidOn, amountFen: 120_000_000, invoices: [] });
      const first = await pay('2026-05-01');
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).not.toHaveProperty('warning');
      expect((await pay('2026-05-02')).statusCode).toBe(201);
      const third = await pay('2026-05-03');
      expect(third.statusCode, third.body).toBe(201);
      expect(third.json().warning).toBe('到账合计 3,600,000.00 元，超过合同金额 1,200,000.00 元（计算奖补时按合同金额计），请核对付款记录');
      // Correcting the third payment down to what is owed clears the warning.
      const fixed = await t.call(enterprise, 'PUT', `/api/contracts/${c.id}/payments/${third.json().id}`, { version: 1, paidOn: '2026-05-03', amountFen: 1, invoices: [] });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(fixed.json().warning).toMatch(/^到账合计 2,400,000.01 元/);
    });

    it('names the row of an impossible date in an import report', async () => {
      const head = '合同名称,合同类别,合同子类,卖方统一社会信用代码,买方统一社会信用代码,签订日期,成交额（元）,技术领域,合同登记编号,登记日期,登记机构统一社会信用代码\n';
      const uscc = async (id: string) => (await t.handle.db.selectFrom('organization').select('uscc').where('id', '=', id).executeTakeFirstOrThrow()).uscc;
      const [s, b, o] = [await uscc(other), await uscc(mine), await uscc(office)];
      const row = (n: string, signed: string, registered: string) => `日期导入合同${n},技术咨询,技术咨询,${s},${b},${signed},1000,农业,202641041100${n},${registered},${o}\n`;
      const bad = await upload(operator, '/api/contracts/import/contracts', 'c.csv', Buffer.from(head + row('2001', '2026-01-10', '2026-02-01') + row('2002', '1900-01-01', '2026-02-01') + row('2003', '2026-01-10', '9999-12-31')));
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'IMPORT_INVALID', details: [
        { line: 3, column: '签订日期', value: '1900-01-01', reason: expect.stringContaining('不能早于 1990-01-01') },
        { line: 4, column: '登记日期', value: '9999-12-31', reason: expect.stringContaining('不能晚于') },
      ] });
      expect((await t.call(operator, 'GET', '/api/contracts?q=日期导入合同')).json().total).toBe(0);
      const ok = await upload(operator, '/api/contracts/import/contracts', 'c.csv', Buffer.from(head + row('2001', '2026-01-10', '2026-02-01')));
      expect(ok.statusCode, ok.body).toBe(200);
      const payments = '合同登记编号,付款日期,付款金额（元）\n2026410411002001,2026-03-01,100\n2026410411002001,9999-12-31,200\n';
      const badPay = await upload(operator, '/api/contracts/import/payments', 'p.csv', Buffer.from(payments));
      expect(badPay.statusCode, badPay.body).toBe(400);
      expect(badPay.json().error.details).toEqual([expect.objectContaining({ line: 3, column: '付款日期', value: '9999-12-31' })]);
    });

    it('answers a party with no right to a contract the same whatever its status', async () => {
      const stranger = await t.loginAs(['enterprise'], [(await makeOrganization(t.ctx)).id]);
      const draft = (await t.call(enterprise, 'POST', '/api/contracts', body({ name: '他人的草稿合同' }))).json();
      const submitted = (await t.call(enterprise, 'POST', '/api/contracts', body({ name: '他人的已提交合同' }))).json();
      await t.call(enterprise, 'POST', `/api/contracts/${submitted.id}/transitions`, { to: 'submitted', version: 1 });
      const answers = [];
      for (const c of [draft, submitted]) {
        for (const to of ['submitted', 'registered', 'cancelled', 'draft']) {
          const res = await t.call(stranger, 'POST', `/api/contracts/${c.id}/transitions`, { to, version: 1 });
          answers.push([res.statusCode, res.json().error.message]);
        }
        const paid = await t.call(stranger, 'POST', `/api/contracts/${c.id}/payments`, { paidOn: '2026-05-01', amountFen: 100, invoices: [] });
        answers.push([paid.statusCode, paid.json().error.message]);
        const edited = await t.call(stranger, 'PATCH', `/api/contracts/${c.id}`, { version: 1, name: '改名' });
        answers.push([edited.statusCode, edited.json().error.message]);
      }
      expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify([403, '无权访问该合同'])]));
    });

    it('does not name the contract of another party when an invoice number is already used', async () => {
      const strangerOrg = (await makeOrganization(t.ctx)).id;
      const stranger = await t.loginAs(['enterprise'], [strangerOrg]);
      const theirs = (await t.call(enterprise, 'POST', '/api/contracts', body({ name: '保密的合同名称' }))).json();
      await t.call(enterprise, 'POST', `/api/contracts/${theirs.id}/transitions`, { to: 'submitted', version: 1 });
      const invoice = { number: '25412000000055559999', issuedOn: '2026-05-01', amountFen: 100 };
      expect((await t.call(enterprise, 'POST', `/api/contracts/${theirs.id}/payments`, { paidOn: '2026-05-01', amountFen: 100, invoices: [invoice] })).statusCode).toBe(201);
      const mineToo = (await t.call(stranger, 'POST', '/api/contracts', body({ name: '另一方的合同', buyers: [{ organizationId: strangerOrg }] }))).json();
      await t.call(stranger, 'POST', `/api/contracts/${mineToo.id}/transitions`, { to: 'submitted', version: 1 });
      const clash = await t.call(stranger, 'POST', `/api/contracts/${mineToo.id}/payments`, { paidOn: '2026-05-01', amountFen: 100, invoices: [invoice] });
      expect([clash.statusCode, clash.json().error.field]).toEqual([409, 'invoices.0.number']);
      expect(clash.json().error.message).not.toContain('保密的合同名称');
      expect(clash.json().error.message).toContain('已登记在其他合同的付款上');
    });

    it('refuses a zip-bomb XLSX with 413 naming the file, before parsing it', async () => {
      const bomb = xlsxBomb(1024 * 1024 * 1024); // 1 GiB of sheet XML in well under 2 MB
      const res = await upload(operator, '/api/contracts/import/contracts', '合同台账.xlsx', bomb);
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file', message: expect.stringContaining('合同台账.xlsx') });
      expect(res.json().error.message).toContain('疑似压缩炸弹');
    });
  });
}
