/**
 * The public portal in the browser (issue 13): a visitor on `/` finds the plan in 政策文件, reads its
 * interpretation (rendered: no Markdown marks, no internals), follows a link to a real 公示 of a
 * subsidy round (made through the workflow's use cases), and finds their way back by the breadcrumb
 * and the footer, which shows the configured host, contact, ICP and 公安 record numbers; the operator
 * publishes a news item from 门户内容 after a confirmation, and it shows on the home page.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startJourney, type Journey, SHOWS_WITHIN } from './fixtures.js';
import { findInternals } from '../server/testing/internals.js';
import { testCtx } from '../server/testing/context.js';
import { makeOrganization } from '../server/testing/builders.js';
import { PAYEE, makeNotice, registeredContract } from '../server/modules/applications/test-support.js';
import { createApplication, reviewApplication, submitApplication } from '../server/modules/applications/applications.js';
import { computeAwards, publicizeNotice } from '../server/modules/applications/round.js';

let j: Journey;
const ICP = '豫ICP备20260001号-1';
const PSB = '豫公网安备41041102000001号';

/** A 2023 round of the plan's subsidies taken to its 公示: one enterprise, one registered, paid contract. */
async function publicizedRound(journey: Journey): Promise<string> {
  const handle = journey.handle;
  const at = (day: string) => `${day}T02:00:00.000Z`;
  const sys = testCtx(handle);
  const buyer = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区公示测试电气有限公司' });
  const seller = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '310115', name: '上海公示测试科技有限公司' });
  await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: buyer.id }] }, 300_000_00);
  const op1 = (day: string) => testCtx(handle, { id: null, name: '初审员', roles: ['operator'] }, at(day));
  const op2 = (day: string) => testCtx(handle, { id: 'op-2', name: '复核员', roles: ['operator'] }, at(day));
  const ent = testCtx(handle, { id: 'ent-1', name: '企业经办人', roles: ['enterprise'], organizationIds: [buyer.id] }, at('2023-03-10'));
  const notice = await makeNotice(op1('2023-02-20'), { title: '湛河区2023年度技术转移奖补（公示测试）' });
  const app = await createApplication(ent, { noticeId: notice.id, organizationId: buyer.id, ...PAYEE, evidence: [], relatedParties: [], otherFunding: [] });
  const submitted = await submitApplication(ent, app.id, { version: app.version, commitment: { accepted: true, signer: '王总' } });
  const first = await reviewApplication(op1('2023-03-20'), app.id, 'first', { version: submitted.version, decision: 'pass' });
  await reviewApplication(op2('2023-03-21'), app.id, 'second', { version: first.version, decision: 'pass' });
  const computed = await computeAwards(op1('2023-04-03'), notice.id, notice.version);
  await publicizeNotice(op1('2023-04-03'), notice.id, { version: computed.version });
  return notice.id;
}

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/portal-${name}.png`, fullPage: true });
}

async function pageText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

beforeAll(async () => {
  process.env.TT_ICP = ICP;
  process.env.TT_PSB_RECORD = PSB;
  j = await startJourney();
  await publicizedRound(j);
}, 180_000);

afterAll(async () => {
  delete process.env.TT_ICP;
  delete process.env.TT_PSB_RECORD;
  await j?.close();
});

test('a visitor finds a policy, reads its interpretation and reaches a 公示', async () => {
  const { page, baseUrl } = j;
  await page.goto(`${baseUrl}/`);
  await expect.poll(() => page.getByTestId('portal-title').innerText(), { timeout: SHOWS_WITHIN }).toContain('湛河区技术转移公共服务平台');
  await expect.poll(() => page.getByTestId('portal-announcement-list').innerText(), { timeout: SHOWS_WITHIN }).toContain('湛河区技术转移公共服务平台上线运行');
  await shot(page, 'home');
  const home = await pageText(page);
  for (const block of ['通知公告', '政策文件', '政策解读', '办事指南', '技术市场', '服务机构', '统计公开', '登录', '单位注册']) expect(home).toContain(block);
  expect(home).toContain('公示');
  expect(findInternals(home)).toEqual([]);
  const footer = page.getByTestId('portal-footer');
  await expect.poll(() => footer.innerText()).toContain(ICP);
  expect(await footer.innerText()).toContain(PSB);
  expect(await footer.innerText()).toContain('主办单位：湛河区科学技术局');
  expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
  expect((await page.request.get(`${baseUrl}/favicon.svg`)).headers()['content-type']).toContain('image/svg+xml');

  // 政策文件 → the plan: its text, its clauses in words.
  await page.getByTestId('portal-nav').getByRole('link', { name: '政策文件' }).click();
  await page.waitForURL(/\/policies$/);
  await page.getByTestId('policy-library').getByRole('link', { name: '湛河区技术转移体系建设实施方案（试行）' }).click();
  await page.waitForURL(/\/policies\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('portal-body').innerText(), { timeout: SHOWS_WITHIN }).toContain('关联企业间技术转移活动除外');
  expect(await page.getByTestId('portal-breadcrumb').innerText()).toMatch(/首页\s*\/\s*政策文件\s*\/\s*湛河区技术转移体系建设实施方案（试行）/);
  const clauses = await page.getByTestId('policy-clauses').innerText();
  expect(clauses).toContain('按上年度有转账凭证和发票的技术合同到账额的 10% 给予奖补，每家单位每年最高不超过 20 万元。');
  await shot(page, 'plan');
  const planText = await pageText(page);
  expect(findInternals(planText)).toEqual([]);

  // Its interpretation: rendered, with its Q&A.
  await page.getByTestId('related-interpretations').getByRole('link', { name: /奖补政策解读/ }).click();
  await page.waitForURL(/\/interpretations\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('portal-qa').innerText(), { timeout: SHOWS_WITHIN }).toContain('企业购买市外科技成果，按什么金额计算补助？');
  await shot(page, 'interpretation');
  const interpretation = await pageText(page);
  expect(interpretation).toContain('三、奖补政策要点');
  expect(interpretation).not.toMatch(/\*\*|^#+ |^- |\| --- \|/m);
  expect(findInternals(interpretation)).toEqual([]);
  expect(await page.getByTestId('portal-breadcrumb').innerText()).toMatch(/首页\s*\/\s*政策解读/);

  // … to the round's 公示 under the same policy.
  await page.getByTestId('related-notices').getByRole('link', { name: /公示测试.*拟奖补名单公示|拟奖补名单公示.*公示测试/ }).click();
  await page.waitForURL(/\/public\/notices\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('public-notice-table').innerText(), { timeout: SHOWS_WITHIN }).toContain('湛河区公示测试电气有限公司');
  expect(await page.getByTestId('portal-breadcrumb').innerText()).toMatch(/首页\s*\/\s*公示/);
  expect(await page.getByTestId('portal-footer').innerText()).toContain(ICP);

  // Back by the breadcrumb, then the footer to 办事指南.
  await page.getByTestId('portal-breadcrumb').getByRole('link', { name: '首页' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('portal-footer').getByRole('link', { name: '办事指南' }).click();
  await page.waitForURL(/\/guides$/);
  await page.getByTestId('column-guide').getByRole('link', { name: '单位注册' }).click();
  await expect.poll(() => page.getByTestId('portal-body').innerText(), { timeout: SHOWS_WITHIN }).toContain('授权委托书');
  const guide = await pageText(page);
  expect(guide).not.toMatch(/\*\*|^#+ |\| --- \|/m);
  expect(findInternals(guide)).toEqual([]);

  // 通知公告 → the round's 申报通知: when, under which clauses, and its 公示.
  await page.getByTestId('portal-nav').getByRole('link', { name: '通知公告' }).click();
  await page.getByTestId('announcement-list').getByRole('link', { name: '湛河区2023年度技术转移奖补（公示测试）', exact: true }).click();
  await page.waitForURL(/\/calls\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('public-call').innerText(), { timeout: SHOWS_WITHIN }).toContain('2023-03-01 至 2023-03-31');
  const call = await pageText(page);
  expect(call).toContain('企业购买市外先进科技成果并在我区转化、产业化');
  expect(call).toContain('查看公示');
  expect(findInternals(call)).toEqual([]);

  // A province's subsidy policy from the library: its clauses in words.
  await page.getByTestId('portal-nav').getByRole('link', { name: '政策文件' }).click();
  await page.getByTestId('policy-library').getByRole('link', { name: '河南省技术转移转化后补助（2023年度）' }).click();
  await page.waitForURL(/\/policies\/subsidy\/henan-2023$/);
  await expect.poll(() => page.getByTestId('policy-clauses').innerText(), { timeout: SHOWS_WITHIN }).toContain('每家单位每年最高不超过 100 万元');
  expect(findInternals(await pageText(page))).toEqual([]);

  // The market search box leads to the market's search with the words.
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('portal-market-search').locator('input').fill('电机');
  await page.getByTestId('portal-market-search').locator('input').press('Enter');
  await page.waitForURL(/\/market\?q=%E7%94%B5%E6%9C%BA/);
  expect(await page.getByTestId('portal-breadcrumb').innerText()).toMatch(/首页\s*\/\s*技术市场/);
}, 180_000);

test('the operator publishes a news item that then shows on the home page', async () => {
  const { page, baseUrl } = j;
  await j.login('operator');
  await page.goto(`${baseUrl}/portal-content`);
  await page.getByTestId('post-new').click();
  const form = page.getByTestId('portal-post-form');
  await form.getByTestId('post-title').fill('区科技局开展科技成果转化政策宣讲');
  await form.getByTestId('post-abstract').fill('走进企业讲解技术转移奖补政策。');
  await form.getByTestId('post-body').fill('宣讲会在**湛河区**举办。\n\n1. 讲解奖补条款\n2. 解答企业问题');
  await form.getByTestId('post-publish').click();
  const confirm = page.locator('.ant-modal-confirm');
  await expect.poll(() => confirm.innerText()).toContain('对所有访客公开');
  await confirm.getByRole('button', { name: /发\s*布/ }).click();
  await expect.poll(() => page.getByTestId('portal-posts').innerText(), { timeout: SHOWS_WITHIN }).toContain('区科技局开展科技成果转化政策宣讲');
  expect(await page.getByTestId('portal-posts').innerText()).toContain('已发布');

  // A logged-in user on `/` sees the portal, with the way to the 工作台.
  await page.goto(`${baseUrl}/`);
  await expect.poll(() => page.getByTestId('portal-announcement-list').innerText(), { timeout: SHOWS_WITHIN }).toContain('区科技局开展科技成果转化政策宣讲');
  await expect.poll(() => page.getByTestId('portal-workbench').isVisible()).toBe(true);
  await page.getByTestId('portal-announcement-list').getByRole('link', { name: '区科技局开展科技成果转化政策宣讲' }).click();
  await expect.poll(() => page.getByTestId('portal-body').innerText(), { timeout: SHOWS_WITHIN }).toContain('宣讲会在湛河区举办。');
  expect(await page.getByTestId('portal-body').locator('strong').innerText()).toBe('湛河区');
  expect(await page.getByTestId('portal-body').locator('li').count()).toBe(2);
  await page.getByTestId('portal-workbench').click();
  await page.waitForURL((url) => url.pathname === '/workbench');
  await expect.poll(() => page.getByTestId('todo').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
}, 120_000);
