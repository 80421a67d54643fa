/**
 * The HTTP boundary (issue 12, defects 1, 2 and 11), over real HTTP where the transport matters:
 * forbidden text refused with a 400 naming the field on every route shape; uploads over the limit
 * refused with a 413 and nothing stored; Fastify's and Node's own refusals in the error body;
 * no-store on API answers; HSTS only over HTTPS.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../app.js';
import { createProtector } from '../modules/registry/protect.js';
import { MAX_EVIDENCE_BYTES } from '../modules/contracts/file-type.js';
import { createTestApp, type Session } from '../testing/app.js';
import { makeOrganization, organizationInputFor } from '../testing/builders.js';
import { TEST_KEY } from '../testing/context.js';
import { testDialects } from '../testing/databases.js';

const PDF_HEAD = Buffer.from('%PDF-1.7\n');

/** A multipart body with one file field, sent over a real socket. */
async function upload(base: string, session: Session, url: string, bytes: number, fileName = 'big.pdf') {
  const content = Buffer.alloc(bytes, 0x20);
  PDF_HEAD.copy(content);
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'application/pdf' }), fileName);
  const res = await fetch(`${base}${url}`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, body: form });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; field?: string } } };
}

/** A raw request (fetch refuses to send oversized headers itself). */
function rawRequest(port: number, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/health', headers, maxHeaderSize: 1 << 20 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const dialect of await testDialects()) {
  describe(`the HTTP boundary on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let base: string;
    let port: number;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
      base = `http://127.0.0.1:${port}`;
    });
    afterAll(async () => t.close());

    it('refuses a NUL byte in a JSON string, a query, a path parameter and a public login with a 400 naming the field', async () => {
      const s = await t.loginAs(['operator']);
      const body = await t.call(s, 'POST', '/api/organizations', organizationInputFor({ name: '湛河\u0000公司' }));
      expect(body.statusCode).toBe(400);
      expect(body.json().error).toMatchObject({ code: 'VALIDATION', field: 'name' });
      expect(body.json().error.message).toContain('空字符');
      const query = await t.call(s, 'GET', '/api/organizations?q=a%00b');
      expect(query.statusCode).toBe(400);
      expect(query.json().error.field).toBe('q');
      const param = await t.call(s, 'GET', '/api/organizations/a%00b');
      expect(param.statusCode).toBe(400);
      expect(param.json().error.field).toBe('id');
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'op\u0000', password: 'x' } });
      expect(login.statusCode).toBe(400);
      expect(login.json().error.field).toBe('username');
      const publicQuery = await t.app.inject({ method: 'GET', url: '/api/divisions?q=%00' });
      expect(publicQuery.statusCode).toBe(400);
      expect(await t.handle.db.selectFrom('organization').select('id').execute()).toHaveLength(0);
    });

    it('refuses lone surrogates and control characters instead of replacing them, in nested fields too', async () => {
      const s = await t.loginAs(['operator']);
      const surrogate = await t.app.inject({
        method: 'POST', url: '/api/organizations',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        payload: JSON.stringify(organizationInputFor({ name: '湛河公司' })).replace('湛河公司', '湛河\\ud800公司'),
      });
      expect(surrogate.statusCode).toBe(400);
      expect(surrogate.json().error.field).toBe('name');
      expect(surrogate.json().error.message).toContain('代理字符');
      const bell = await t.call(s, 'POST', '/api/organizations', organizationInputFor({ address: '湛河区\u0007路' }));
      expect(bell.statusCode).toBe(400);
      expect(bell.json().error.field).toBe('address');
      const nested = await t.call(s, 'POST', '/api/organizations', { ...organizationInputFor(), extra: [{ note: 'x\u001b' }] });
      expect(nested.statusCode).toBe(400);
      expect(nested.json().error.field).toBe('extra.0.note');
      // Ordinary text with line breaks, tabs and astral characters passes the boundary.
      const fine = await t.call(s, 'POST', '/api/organizations', organizationInputFor({ name: '湛河𠀀科技有限公司', address: '湛河区\n九里山\t1号' }));
      expect(fine.statusCode).toBe(201);
      expect(await t.handle.db.selectFrom('organization').select('id').execute()).toHaveLength(1);
    });

    it('answers an upload one byte over the limit with 413 and stores nothing, on every evidence route', async () => {
      const org = await makeOrganization(t.ctx);
      const operator = await t.loginAs(['operator']);
      const department = await t.loginAs(['department']);
      const enterprise = await t.loginAs(['enterprise'], [org.id]);
      const routes: [Session, string][] = [
        [operator, '/api/evidence'],
        [operator, '/api/market/attachments'],
        [department, '/api/supervision/attachments'],
        [enterprise, '/api/change-requests/evidence'],
        [enterprise, '/api/credit-repairs/evidence'],
      ];
      for (const [session, url] of routes) {
        const res = await upload(base, session, url, MAX_EVIDENCE_BYTES + 1);
        expect(res.status, url).toBe(413);
        expect(res.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
        expect(res.body.error?.message).toContain('20 MB');
      }
      expect(await t.handle.db.selectFrom('evidence_file').select('hash').execute()).toHaveLength(0);
      const exact = await upload(base, operator, '/api/evidence', MAX_EVIDENCE_BYTES);
      expect(exact.status).toBe(201);
      expect(await t.handle.db.selectFrom('evidence_file').select('size').execute()).toEqual([{ size: MAX_EVIDENCE_BYTES }]);
    });

    it('refuses an upload whose file name holds a control character', async () => {
      const operator = await t.loginAs(['operator']);
      const before = (await t.handle.db.selectFrom('evidence_file').select('hash').execute()).length;
      const res = await upload(base, operator, '/api/evidence', 1024, 'a\u0001.pdf');
      expect(res.status).toBe(400);
      expect(res.body.error?.field).toBe('file');
      expect(await t.handle.db.selectFrom('evidence_file').select('hash').execute()).toHaveLength(before);
    });

    it("answers Fastify's own refusals in the error body: a bad percent-encoding, oversized headers, a body too large", async () => {
      const s = await t.loginAs(['operator']);
      const badUrl = await t.call(s, 'GET', '/api/organizations/%E0%A4%A');
      expect(badUrl.statusCode).toBe(400);
      expect(badUrl.json().error).toMatchObject({ code: 'VALIDATION', field: 'url' });
      expect(badUrl.json().error.message).toContain('百分号编码');
      const big = await rawRequest(port, { 'x-filler': 'a'.repeat(64 * 1024) });
      expect(big.status).toBe(431);
      expect(JSON.parse(big.body).error.code).toBe('HEADERS_TOO_LARGE');
      expect(JSON.parse(big.body).error.message).toContain('请求头过大');
      const bigBody = await t.call(s, 'POST', '/api/organizations', { ...organizationInputFor(), name: 'x'.repeat(3 * 1024 * 1024) });
      expect(bigBody.statusCode).toBe(413);
      expect(bigBody.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('marks API answers no-store and sends HSTS only over HTTPS', async () => {
      const plain = await fetch(`${base}/api/health`);
      expect(plain.headers.get('cache-control')).toBe('no-store');
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      expect(plain.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      const notFound = await fetch(`${base}/api/nothing-here`);
      expect(notFound.headers.get('cache-control')).toBe('no-store');
    });
  });
}

describe('behind an HTTPS proxy', () => {
  it('sends HSTS and upgrade-insecure-requests when the request came over HTTPS', async () => {
    const { createTestDatabase } = await import('../testing/databases.js');
    const handle = await createTestDatabase('sqlite');
    const app = await build({ handle, protector: createProtector(TEST_KEY), trustProxy: ['127.0.0.1'] });
    try {
      const secure = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(secure.headers['strict-transport-security']).toContain('max-age=');
      expect(secure.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      const plain = await app.inject({ method: 'GET', url: '/api/health' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await app.close();
      await handle.drop();
    }
  });
});
