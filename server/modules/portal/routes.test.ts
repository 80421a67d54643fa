/** The portal over HTTP on both databases: bad input named by field, what the public sees of drafts and published posts, the site's configuration. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { portalSite } from './site-config.js';

for (const dialect of await testDialects()) {
  describe(`portal API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      operator = await t.loginAs(['operator']);
    }, 60_000);
    afterAll(async () => t.close());

    it('answers bad input with 400 naming the field in Chinese', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ kind: 'news', title: '', body: '正文' }, 'title', /请填写标题/],
        [{ kind: 'gossip', title: '标题', body: '正文' }, 'kind', /栏目/],
        [{ kind: 'policy', title: '标题', body: '正文', effectiveOn: '2026-02-30' }, 'effectiveOn', /生效日期/],
        [{ kind: 'policy', title: '标题', body: '正文', policyId: 'nowhere' }, 'policyId', /奖补政策不存在/],
      ];
      for (const [payload, field, message] of cases) {
        const res = await t.call(operator, 'POST', '/api/portal/posts', payload);
        expect(res.statusCode, res.body).toBe(400);
        const body = res.json() as { error: { field?: string; message: string; details?: { path?: string; field?: string }[] } };
        expect(JSON.stringify(body.error), res.body).toContain(field);
        expect(JSON.stringify(body.error)).toMatch(message);
      }
      const list = await t.call(operator, 'GET', '/api/portal/posts');
      expect((list.json() as { total: number }).total).toBe(0);
    });

    it('the public reads only what is published, rendered; the operator reads the source', async () => {
      const created = await t.call(operator, 'POST', '/api/portal/posts', { kind: 'guide', title: '技术合同登记', body: '1. 登录平台\n2. 新建合同' });
      expect(created.statusCode, created.body).toBe(201);
      const post = created.json() as { id: string; version: number; status: string };
      expect(post.status).toBe('draft');
      expect((await t.call(null, 'GET', `/api/public/portal/posts/${post.id}`)).statusCode).toBe(404);
      const published = await t.call(operator, 'PATCH', `/api/portal/posts/${post.id}`, { version: post.version, status: 'published' });
      expect(published.statusCode, published.body).toBe(200);
      const shown = await t.call(null, 'GET', `/api/public/portal/posts/${post.id}`);
      expect(shown.json()).toMatchObject({ kindLabel: '办事指南', bodyHtml: '<ol>\n<li>登录平台</li>\n<li>新建合同</li>\n</ol>\n' });
      expect(JSON.stringify(shown.json())).not.toContain('1. 登录平台');
      const guides = await t.call(null, 'GET', '/api/public/portal/posts?kind=guide');
      expect((guides.json() as { items: { title: string }[] }).items.map((i) => i.title)).toEqual(['技术合同登记']);
      const source = await t.call(operator, 'GET', `/api/portal/posts/${post.id}`);
      expect((source.json() as { body: string }).body).toBe('1. 登录平台\n2. 新建合同');
      const xlsx = await t.call(operator, 'GET', '/api/portal/posts/export.xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    });

    it('names the site from configuration', () => {
      expect(portalSite({}, '410411')).toEqual({ title: '湛河区技术转移公共服务平台', jurisdictionName: '河南省平顶山市湛河区', hostOrg: '湛河区科学技术局', contact: expect.stringContaining('湛河区科学技术局'), icp: null, psbRecord: null });
      expect(portalSite({ TT_PORTAL_TITLE: '平顶山市技术转移公共服务平台', TT_PORTAL_HOST_ORG: '平顶山市科学技术局', TT_PORTAL_CONTACT: '0375-1234567', TT_ICP: '豫ICP备1号', TT_PSB_RECORD: '豫公网安备2号' }, '4104')).toMatchObject({
        title: '平顶山市技术转移公共服务平台', hostOrg: '平顶山市科学技术局', contact: '0375-1234567', icp: '豫ICP备1号', psbRecord: '豫公网安备2号',
      });
    });
  });
}
