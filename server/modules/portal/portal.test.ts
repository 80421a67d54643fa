/**
 * The portal on both databases: the bureau writes, publishes, edits and withdraws posts (audited in
 * words); visitors see only what is published, Markdown rendered with raw HTML off; subsidy clauses
 * say what they pay in words derived from the policy data for every built-in policy; 申报通知 and 公示
 * join the 通知公告; the demo's portal content reads without a single internal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { findInternals } from '../../testing/internals.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { makeNotice } from '../applications/test-support.js';
import { builtInPolicyIds } from '../subsidies/policy.js';
import { seedDemoPortal } from '../../demo/seed-demo-portal.js';
import { createPost } from './create-post.js';
import { getPost } from './get-post.js';
import { getPublicCall } from './get-public-call.js';
import { getPublicPost } from './get-public-post.js';
import { getSubsidyPolicy } from './get-subsidy-policy.js';
import { listAnnouncements, listPublicPosts } from './list-public-posts.js';
import { listPosts } from './list-posts.js';
import { readHome } from './read-home.js';
import { readPolicyLibrary } from './read-policy-library.js';
import { postInput } from './schema.js';
import { updatePost } from './update-post.js';
import { postsXlsx } from './export-posts.js';
import ExcelJS from 'exceljs';

const J = '410411';
/** What a visitor reads of rendered HTML. */
const visible = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;/g, ' ');

for (const dialect of await testDialects()) {
  describe(`portal on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let operator: Ctx;
    const clock = { now: () => new Date('2026-06-01T08:00:00.000Z') };
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      operator = testCtx(handle, { id: null, name: '王科员', roles: ['operator'], jurisdictionCode: J });
    });
    afterAll(async () => {
      await handle.drop();
    });

    it('a draft is the bureau\'s alone until published; withdrawing takes it off the portal', async () => {
      const draft = await createPost(operator, postInput.parse({ kind: 'news', title: '科技成果路演活动举办', body: '路演活动**圆满**举办。' }));
      expect(draft).toMatchObject({ status: 'draft', publishedAt: null, version: 1, updatedByName: '王科员' });
      expect((await listPublicPosts(handle.db, J, { kind: 'news', page: 1, pageSize: 20 })).items.map((i) => i.title)).not.toContain('科技成果路演活动举办');
      await expect(getPublicPost(handle.db, clock, J, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const published = await updatePost(operator, draft.id, { version: 1, status: 'published' });
      expect(published.publishedAt).toBe('2026-06-01T08:00:00.000Z');
      const news = await listPublicPosts(handle.db, J, { kind: 'news', page: 1, pageSize: 20 });
      expect(news.items).toContainEqual(expect.objectContaining({ category: '新闻动态', title: '科技成果路演活动举办', date: '2026-06-01', path: `/news/${draft.id}`, abstract: '路演活动圆满举办。' }));
      expect((await listAnnouncements(handle.db, J)).map((i) => i.title)).toContain('科技成果路演活动举办');
      expect((await readHome(handle.db, J)).announcements.map((i) => i.title)).toContain('科技成果路演活动举办');
      const shown = await getPublicPost(handle.db, clock, J, draft.id);
      expect(shown.bodyHtml).toContain('<strong>圆满</strong>');

      await expect(updatePost(operator, draft.id, { version: 1, title: '过期的表单' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const edited = await updatePost(operator, draft.id, { version: 2, title: '科技成果路演活动圆满举办' });
      expect(edited).toMatchObject({ title: '科技成果路演活动圆满举办', status: 'published', version: 3 });
      await updatePost(operator, draft.id, { version: 3, status: 'withdrawn' });
      await expect(getPublicPost(handle.db, clock, J, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await listPosts(operator, { kind: 'news', page: 1, pageSize: 20 })).items.find((p) => p.id === draft.id)?.status).toBe('withdrawn');
      expect((await getPost(operator, draft.id)).body).toBe('路演活动**圆满**举办。');
      // The list exports to Excel, in words.
      const file = await postsXlsx(operator, { kind: 'news' });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.content as unknown as ArrayBuffer);
      const cells = book.worksheets[0]!.getSheetValues().flat().map(String).join('\n');
      expect(cells).toContain('科技成果路演活动圆满举办');
      expect(cells).toContain('已撤下');
      expect(findInternals(cells.replace(/[\w.-]+\.xlsx/g, ''))).toEqual([]);
    });

    it('Markdown is rendered with raw HTML off and unsafe links refused', async () => {
      const post = await createPost(operator, postInput.parse({
        kind: 'news', status: 'published', title: '安全渲染',
        body: '# 标题\n\n<script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| 材料 | 要求 |\n| --- | --- |\n| 营业执照 | PDF |',
      }));
      const html = (await getPublicPost(handle.db, clock, J, post.id)).bodyHtml;
      expect(html).toContain('<h1>标题</h1>');
      expect(html).toContain('&lt;script&gt;');
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html).not.toMatch(/href="javascript:/);
      expect(html).toContain('<table>');
    });

    it('bad input names its field and changes nothing; other roles may not write', async () => {
      const before = (await listPosts(operator, { page: 1, pageSize: 100 })).total;
      await expect(createPost(operator, postInput.parse({ kind: 'policy', title: '某政策', body: '正文', policyId: 'no-such-policy' }))).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'policyId' } });
      await expect(createPost(operator, postInput.parse({ kind: 'news', title: '某新闻', body: '正文', documentId: 'x' }))).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'documentId' } });
      await expect(createPost(operator, postInput.parse({ kind: 'interpretation', title: '某解读', body: '正文', documentId: 'none' }))).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'documentId' } });
      await expect(createPost(operator, postInput.parse({ kind: 'policy', title: '某政策', body: '正文', effectiveOn: '2026-01-01', expiresOn: '2025-12-31' }))).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'expiresOn' } });
      const enterprise = testCtx(handle, { id: null, name: '企业经办人', roles: ['enterprise'], jurisdictionCode: J });
      await expect(createPost(enterprise, postInput.parse({ kind: 'news', title: '企业新闻', body: '正文' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(postInput.safeParse({ kind: 'news', title: '', body: '正文' }).error?.issues[0]).toMatchObject({ path: ['title'], message: '请填写标题' });
      expect((await listPosts(operator, { page: 1, pageSize: 100 })).total).toBe(before);
    });

    it('every built-in subsidy policy\'s clauses say what they pay in words, with no internal', async () => {
      for (const id of builtInPolicyIds()) {
        const page = await getSubsidyPolicy(handle.db, clock, J, id);
        expect(page.clauses.length).toBeGreaterThan(0);
        for (const c of page.clauses) {
          expect(c.pays, `${id} ${c.title}`).toMatch(/。$/);
          const words = [c.title, c.pays, c.beneficiaries, c.effective, ...c.conditions].join('\n');
          expect(findInternals(words), `${id} ${c.title}`).toEqual([]);
          expect(words).not.toMatch(/\b[a-z]+_[a-z_]+\b|undefined|NaN/);
        }
      }
      const zhanhe = await getSubsidyPolicy(handle.db, clock, J, 'zhanhe-2022');
      const [purchase, institution, broker] = zhanhe.clauses;
      expect(purchase).toMatchObject({ anchor: 'rule-1', path: '/policies/subsidy/zhanhe-2022#rule-1', clause: '（四）', beneficiaries: '买方' });
      expect(purchase!.pays).toBe('按上年度有转账凭证和发票的技术合同到账额的 10% 给予奖补，每家单位每年最高不超过 20 万元。');
      expect(purchase!.conditions).toContain('支持的合同类型：技术开发、技术转让、技术许可');
      expect(purchase!.conditions.join()).toContain('买卖双方为关联方');
      expect(institution!.pays).toContain('20 万元');
      expect(broker!.pays).toBe('按上年度有转账凭证和发票的技术合同到账额的 1% 给予奖补，同一技术经纪人每年最高不超过 3 万元。');
      expect(purchase!.effective).toBe('现行标准自 2022-07-13 起施行');
      // The other formulas, each against the words of its policy's own text.
      const pays = async (id: string) => (await getSubsidyPolicy(handle.db, clock, J, id)).clauses.map((c) => c.pays);
      expect(await pays('fuqing')).toEqual(expect.arrayContaining([
        '按上年度有转账凭证和发票的技术合同到账额分段计算：3,000 万元以内的部分按 0.5%，超过 3,000 万元的部分按 0.3%，每家单位每年最高不超过 100 万元。',
        '按认定级别给予一次性奖励：国家级 15 万元、省级 7 万元。',
        '按评价等次给予奖励：优秀 10 万元、良好 5 万元。',
        '上年度登记的技术合同成交额达到 3,000 万元的，给予 5 万元，超过 3,000 万元的部分再按 0.06% 计，每家单位每年最高不超过 20 万元。',
      ]));
      expect(await pays('sanming-2023')).toContain('上年度登记的技术合同成交额达到 1 亿元的，给予 3 万元，此后每增加 5,000 万元再给予 1 万元，每家单位每年最高不超过 10 万元。');
      expect((await pays('zhengzhou-2023'))[0]).toBe('按上年度技术合同到账额（不超过技术交易额）的 1% 给予奖补，按上年度登记的成交额所在区间封顶：500 万元至 5,000 万元的最高 10 万元；5,000 万元至 1 亿元的最高 20 万元；1 亿元至 10 亿元的最高 30 万元；10 亿元以上的最高 50 万元。');
      expect(await pays('changsha-wangcheng')).toContain('每份符合条件的技术合同给予 100 元，每家单位每年最高不超过 5 万元。');
      await expect(getSubsidyPolicy(handle.db, clock, J, 'none')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('申报通知 and 公示 join the 通知公告 and the policy\'s pages', async () => {
      const notice = await makeNotice(operator, { title: '湛河区2026年度技术转移奖补申报', year: 2026, opensOn: '2026-03-01', closesOn: '2026-03-31' });
      let items = await listAnnouncements(handle.db, J);
      expect(items).toContainEqual(expect.objectContaining({ category: '申报通知', title: '湛河区2026年度技术转移奖补申报', path: `/calls/${notice.id}`, date: '2026-03-01' }));
      const call = await getPublicCall(handle.db, clock, J, notice.id);
      expect(call).toMatchObject({ statusLabel: '申报中', publicNoticePath: null, policy: { path: '/policies/subsidy/zhanhe-2022' } });
      expect(call.clauses.map((c) => c.anchor)).toEqual(['rule-1', 'rule-2', 'rule-3']);
      // The round reaches its 公示 (the workflow's own tests cover how; here only what the portal shows of it).
      await handle.db.updateTable('subsidy_notice').set({ status: 'publicized', publicized_on: '2026-05-20', notice_ends_on: '2026-05-26' }).where('id', '=', notice.id).execute();
      items = await listAnnouncements(handle.db, J);
      expect(items.find((i) => i.category === '公示')).toMatchObject({ category: '公示', title: '湛河区2026年度技术转移奖补申报拟奖补名单公示', path: `/public/notices/${notice.id}`, date: '2026-05-20' });
      expect((await getPublicCall(handle.db, clock, J, notice.id)).publicNoticePath).toBe(`/public/notices/${notice.id}`);
      expect((await getSubsidyPolicy(handle.db, clock, J, 'zhanhe-2022')).notices.map((n) => n.category)).toEqual(['公示', '申报通知']);
    });

    it('the demo portal: the plan with its interpretation, guides and news, read without internals', async () => {
      const demo = testCtx(handle, {}, '2026-06-01T08:00:00.000Z');
      expect(await seedDemoPortal(demo)).toBe(9);
      expect(await seedDemoPortal(demo)).toBe(0);
      const home = await readHome(handle.db, J);
      expect(home.guides.map((g) => g.title)).toEqual(['单位注册', '技术合同登记', '奖补申报', '发布科技成果或技术需求']);
      expect(home.interpretations.map((i) => i.title)).toContain('《湛河区技术转移体系建设实施方案（试行）》奖补政策解读');
      const library = await readPolicyLibrary(handle.db, J);
      const plan = library.find((p) => p.title === '湛河区技术转移体系建设实施方案（试行）')!;
      expect(plan).toMatchObject({ source: '政策文件', documentNumber: '平湛政〔2022〕5号', effectiveOn: '2022-07-13' });
      // Built-in policies the plan's page already presents are not listed twice; the others are.
      expect(library.filter((p) => p.title === plan.title)).toHaveLength(1);
      // The bureau's own documents first, then the province's policies, then other places'.
      expect(library[0]).toBe(plan);
      expect(library[1]).toMatchObject({ source: '奖补政策', issuer: expect.stringMatching(/^河南省/) });
      expect(library.filter((p) => p.source === '奖补政策')).toHaveLength(builtInPolicyIds().length - 1);

      const planPage = await getPublicPost(handle.db, clock, J, plan.path.split('/').at(-1)!);
      expect(planPage.policy?.clauses).toHaveLength(4);
      expect(planPage.interpretations).toHaveLength(1);
      expect(visible(planPage.bodyHtml)).toContain('关联企业间技术转移活动除外');
      const interpretation = await getPublicPost(handle.db, clock, J, planPage.interpretations[0]!.path.split('/').at(-1)!);
      expect(interpretation.document).toMatchObject({ title: plan.title, path: plan.path });
      expect(interpretation.qa.length).toBeGreaterThanOrEqual(5);
      expect(interpretation.notices.map((n) => n.category)).toContain('公示');
      for (const item of [...home.announcements, ...home.guides, ...home.interpretations, plan]) {
        const page = await getPublicPost(handle.db, clock, J, item.path.split('/').at(-1)!).catch(() => null);
        if (!page) continue; // 申报通知 and 公示 are the applications module's pages
        const text = [page.title, page.abstract ?? '', visible(page.bodyHtml), ...page.qa.flatMap((q) => [q.question, visible(q.answerHtml)]), ...(page.policy?.clauses ?? []).map((c) => c.pays)].join('\n');
        expect(findInternals(text), page.title).toEqual([]);
        expect(text, page.title).not.toMatch(/\*\*|^#+ |\| --- \|/m);
      }
      // The portal's own events (the subsidy notice made above is the applications module's to word).
      expect((await unwordedAuditEvents(handle.db)).filter((p) => p.startsWith('portal.'))).toEqual([]);
      expect(await handle.db.selectFrom('audit_event').select('action').where('action', 'like', 'portal.%').execute()).not.toHaveLength(0);
    });
  });
}
