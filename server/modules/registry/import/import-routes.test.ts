/** Import over HTTP: multipart upload, the row report as a 400, and the progress a page polls. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../../../common/uscc.js';
import { createTestApp, type Session } from '../../../testing/app.js';
import { testDialects } from '../../../testing/databases.js';

function multipart(fileName: string, content: string) {
  const boundary = '----ttboundary' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const dialect of await testDialects()) {
  describe(`import over HTTP on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let s: Session;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      s = await t.loginAs(['operator']);
    });
    afterAll(async () => t.close());

    const upload = (url: string, fileName: string, content: string) => {
      const { body, contentType } = multipart(fileName, content);
      return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload: body });
    };

    it('answers a file with bad rows with 400 and every bad row, importing nothing', async () => {
      const good = buildUscc('9', '1', '410411', 'HT000001');
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const res = await upload('/api/import/organizations', 'orgs.csv', `名称,统一社会信用代码,类型,行政区划代码\n甲公司,${good},企业,410411\n乙公司,${bad},企业,410411\n丙,${good},宇宙飞船,410411\n`);
      expect(res.statusCode).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe('IMPORT_INVALID');
      expect(error.details.map((d: { line: number; column: string }) => [d.line, d.column])).toEqual([
        [3, '统一社会信用代码'],
        [4, '名称'],
        [4, '类型'],
      ]);
      expect(await t.handle.db.selectFrom('organization').select('id').execute()).toHaveLength(0);
    });

    it('imports a clean file and reports its progress to the uploader only', async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => `进度测试${i}有限公司,${buildUscc('9', '1', '410411', `PG${String(i).padStart(6, '0')}`)},企业,410411`);
      const res = await upload('/api/import/organizations?progressId=import-test-0001', 'orgs.csv', `名称,统一社会信用代码,类型,行政区划代码\n${rows.join('\n')}\n`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ total: 1200, created: 1200, updated: 0, unchanged: 0 });
      const progress = await t.call(s, 'GET', '/api/import/progress/import-test-0001');
      expect(progress.json()).toEqual({ phase: 'done', done: 1200, total: 1200 });
      const stranger = await t.loginAs(['admin']);
      expect((await t.call(stranger, 'GET', '/api/import/progress/import-test-0001')).statusCode).toBe(404);
    });

    it('refuses a file type it cannot read, naming the field', async () => {
      const res = await upload('/api/import/organizations', 'orgs.txt', 'hello');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('file');
    });
  });
}
