/**
 * The registration API over HTTP: the captcha image, the multipart submission (fields as JSON in
 * `data`, files `license` and `authorization`), a bad field named in the answer, the status by number
 * and query code, the 授权委托书 template, the review queue and its Excel export, the evidence shown to
 * the reviewer, approval, and the per-address limit.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { flatText, parsePdf } from '../documents/pdf-test-support.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';
import { PUBLIC_LIMITS } from './throttle.js';
import { CAPTCHA_ANSWER, knownCaptcha, samplePdf, samplePng, unitApplication } from './test-support.js';

function multipart(fields: Record<string, string>, files: { field: string; name: string; content: Buffer; type: string }[]) {
  const boundary = `----ttregistration${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const dialect of await testDialects()) {
  describe(`registration API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let ip = 0;
    /** Each call from a client address of its own unless told. */
    const from = (address?: string) => ({ remoteAddress: address ?? `192.0.2.${++ip}` });
    const captcha = async (address?: string) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/public/registration/captcha', ...from(address) });
      expect(res.statusCode).toBe(200);
      return res.json() as { id: string; image: string };
    };
    const submit = async (application: object, opts: { answer?: string; files?: Parameters<typeof multipart>[1]; address?: string } = {}): Promise<LightMyRequestResponse> => {
      const c = await captcha(opts.address);
      const form = multipart(
        { data: JSON.stringify({ captchaId: c.id, captchaAnswer: opts.answer ?? CAPTCHA_ANSWER, application }) },
        opts.files ?? [
          { field: 'license', name: '营业执照.pdf', content: samplePdf(), type: 'application/pdf' },
          { field: 'authorization', name: '授权委托书.png', content: samplePng(), type: 'image/png' },
        ],
      );
      return t.app.inject({ method: 'POST', url: '/api/public/registrations', payload: form.payload, headers: form.headers, ...from(opts.address) });
    };

    beforeAll(async () => {
      t = await createTestApp(dialect, { captcha: knownCaptcha });
      operator = await t.loginAs(['operator']);
    }, 60_000);
    afterAll(async () => t.close());

    it('submits with its files, names a bad field, reports the status, and the operator reviews, downloads and exports', async () => {
      const c = await captcha();
      expect(Buffer.from(c.image.split(',')[1]!, 'base64').toString()).toContain('<svg');
      expect(JSON.stringify(c)).not.toContain(CAPTCHA_ANSWER);

      const bad = await submit({ ...unitApplication(), mobile: '1234' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ field: 'application.mobile', message: expect.stringContaining('手机号码') });
      const wrong = await submit(unitApplication(), { answer: 'nope' });
      expect(wrong.json().error.field).toBe('captchaAnswer');

      const app = unitApplication({ orgName: '平顶山湛河注册接口测试有限公司' });
      const ok = await submit(app);
      expect(ok.statusCode).toBe(201);
      const { number, queryCode } = ok.json() as { number: string; queryCode: string };
      const status = await t.app.inject({ method: 'POST', url: '/api/public/registrations/status', payload: { number, queryCode }, ...from() });
      expect(status.json()).toMatchObject({ status: 'pending', unitName: '平顶山湛河注册接口测试有限公司' });

      const list = await t.call(operator, 'GET', '/api/registrations?status=pending');
      const row = (list.json() as { items: { id: string; number: string; version: number }[] }).items.find((r) => r.number === number)!;
      const detail = (await t.call(operator, 'GET', `/api/registrations/${row.id}`)).json() as { evidence: { hash: string; mime: string }[] };
      const shown = await t.call(operator, 'GET', `/api/registrations/${row.id}/evidence/${detail.evidence[1]!.hash}`);
      expect(shown.headers['content-type']).toBe('image/png');
      expect(shown.headers['content-disposition']).toMatch(/^inline/);
      const downloaded = await t.call(operator, 'GET', `/api/registrations/${row.id}/evidence/${detail.evidence[0]!.hash}?download=1`);
      expect(downloaded.headers['content-disposition']).toMatch(/^attachment/);
      expect(downloaded.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

      const xlsx = await t.call(operator, 'GET', '/api/registrations/export.xlsx?status=pending');
      expect(xlsx.statusCode).toBe(200);
      const rows = rowsOf((await loadWorkbook(xlsx.rawPayload)).getWorksheet('注册审核')!);
      expect(rows.flat()).toEqual(expect.arrayContaining([number, '待审核', '平顶山湛河注册接口测试有限公司', '新建', app.username]));

      const approved = await t.call(operator, 'POST', `/api/registrations/${row.id}/approve`, { version: row.version });
      expect(approved.statusCode).toBe(200);
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: app.username, password: app.password } });
      expect(login.statusCode).toBe(200);
      expect(login.json().user.permissions).toContain('registration.unit.manage');
    });

    it('serves the 授权委托书 template as a PDF anyone may download', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/public/registration/authorization-letter.pdf' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(flatText(parsePdf(res.rawPayload))).toContain('湛河区科学技术局：');
    });

    it('refuses a file that is not PDF, JPG or PNG, and an unknown file field', async () => {
      const res = await submit(unitApplication(), { files: [
        { field: 'license', name: '营业执照.pdf', content: Buffer.from('MZ not a pdf'), type: 'application/pdf' },
        { field: 'authorization', name: '授权委托书.png', content: samplePng(), type: 'image/png' },
      ] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ field: 'license', message: expect.stringContaining('按文件内容判断') });
      const odd = await submit(unitApplication(), { files: [{ field: 'photo', name: 'x.png', content: samplePng(), type: 'image/png' }] });
      expect(odd.json().error.field).toBe('photo');
    });

    it('limits submissions per address before reading them', async () => {
      const address = '192.0.2.250';
      for (let i = 0; i < PUBLIC_LIMITS.submit.max; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/public/registrations', payload: { nothing: true }, ...from(address) });
        expect(res.statusCode).toBe(400);
      }
      const refused = await submit(unitApplication(), { address });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.message).toContain('过于频繁');
      expect((await submit(unitApplication())).statusCode).toBe(201);
    });
  });
}
