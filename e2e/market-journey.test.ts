/**
 * The technology market's deal journey in a real browser, on the demo district: the enterprise
 * posts a demand and submits it; the operator publishes it from the review queue; the broker opens
 * a published achievement, starts a deal (对接) with that demand, moves it to 洽谈, adds a note with
 * the next step and signs it with the agreed amount; the deal page shows the contract draft it
 * created, and the enterprise — the buyer, who registers the contract — opens the draft pre-filled:
 * the parties, the amount and the broker; the broker, whose agency the draft names as intermediary,
 * opens it too. Then the operator starts a deal from an inquiry received on a listing (对接留言), and
 * chooses the listings an event (对接会) features.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { type Journey, startJourney, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const DEMAND = '数控机床主轴轴承预紧力在线监测（旅程测试）';
const ACHIEVEMENT = '高速精密主轴轴承预紧力在线监测与调控技术';

async function loginAs(username: string): Promise<void> {
  await j.page.context().clearCookies();
  await j.login(username);
}

async function shot(name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await j.page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `market-${name}.png`), fullPage: true });
}

const visible = (locator: Locator) => expect.poll(() => locator.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
const stageOf = (page: Page) => page.locator('.tt-page-header [data-testid="deal-stage"]').getAttribute('data-stage');

test('a posted demand becomes a signed deal and a pre-filled contract draft', async () => {
  const { page, baseUrl } = j;

  // The enterprise posts a demand and submits it for review.
  await loginAs('enterprise');
  await page.goto(`${baseUrl}/my-demands`);
  await page.getByTestId('listing-new').click();
  await page.getByTestId('listing-title').fill(DEMAND);
  await page.getByTestId('listing-problem').fill('主轴轴承预紧力随温升漂移，导致加工精度下降，需要在线监测并自动调节预紧力的方案。');
  await page.getByTestId('listing-save').click();
  await page.waitForURL(/\/my-demands\/[0-9a-f-]{36}$/);
  await page.getByTestId('listing-submit').click();
  await page.locator('.ant-modal-confirm .ant-btn-primary').click();
  await expect.poll(() => page.locator('[data-testid="listing-status"]').first().innerText(), { timeout: SHOWS_WITHIN }).toContain('待审核');

  // The operator publishes it from the review queue.
  await loginAs('operator');
  await page.goto(`${baseUrl}/market-review`);
  await page.getByRole('tab', { name: '技术需求' }).click();
  const row = page.getByTestId('review-queue-demand').locator('tr', { hasText: DEMAND });
  await visible(row);
  await row.getByTestId('listing-publish').click();
  await expect.poll(() => row.count(), { timeout: SHOWS_WITHIN }).toBe(0);

  // The broker opens a published achievement and starts a deal with that demand.
  await loginAs('broker');
  const search = await (await fetch(`${baseUrl}/api/public/market/search?kind=achievement&q=${encodeURIComponent(ACHIEVEMENT)}&limit=5`)).json() as { hits: { entityId: string; title: string }[] };
  const achievement = search.hits.find((h) => h.title === ACHIEVEMENT);
  expect(achievement, JSON.stringify(search)).toBeDefined();
  await page.goto(`${baseUrl}/market/achievements/${achievement!.entityId}`);
  await visible(page.getByTestId('public-listing-title'));
  await page.getByTestId('start-deal').click();
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('start-deal-other') });
  await visible(modal);
  const other = modal.getByTestId('start-deal-other');
  // The options come from the market search as one types: pick the demand once the search has answered.
  await expect.poll(async () => {
    if ((await other.innerText()).includes(DEMAND)) return true;
    await other.click();
    await other.locator('input').fill('主轴轴承预紧力');
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: DEMAND }).first();
    await option.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
    await page.waitForTimeout(500); // the debounced search settles
    if (await option.isVisible()) await option.click();
    return (await other.innerText()).includes(DEMAND);
  }, { timeout: SHOWS_WITHIN, interval: 500 }).toBe(true);
  await modal.getByTestId('start-deal-broker').click();
  const xuMing = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '徐明' }).first();
  await visible(xuMing);
  await xuMing.click();
  await shot('start-deal');
  await page.getByTestId('start-deal-ok').click();
  await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
  const dealUrl = page.url();
  await expect.poll(() => stageOf(page), { timeout: SHOWS_WITHIN }).toBe('contacting');
  const buyer = await page.getByTestId('deal-buyer').innerText();
  const seller = await page.getByTestId('deal-seller').innerText();
  expect(buyer).toMatch(/公司/);
  expect(seller).not.toBe('—');
  expect(await page.getByTestId('deal-broker').innerText()).toContain('徐明');

  // 洽谈, a note with the next step, then 签约 with the agreed amount.
  await page.getByTestId('deal-to-negotiating').click();
  await expect.poll(() => stageOf(page), { timeout: SHOWS_WITHIN }).toBe('negotiating');
  await page.getByTestId('deal-note-text').fill('双方确认以合作开发方式推进，企业提供试验机床。');
  await page.getByTestId('deal-note-next').fill('起草合作开发合同');
  await page.getByTestId('deal-note-add').click();
  await expect.poll(() => page.getByTestId('deal-note').count(), { timeout: SHOWS_WITHIN }).toBe(1);
  expect(await page.getByTestId('deal-note').innerText()).toContain('起草合作开发合同');
  await page.getByTestId('deal-sign').click();
  await page.getByTestId('deal-sign-amount').fill('1,250,000');
  await page.getByTestId('deal-sign-ok').click();
  await expect.poll(() => stageOf(page), { timeout: SHOWS_WITHIN }).toBe('signed');
  const contractCard = page.getByTestId('deal-contract');
  await visible(contractCard);
  expect(await page.getByTestId('deal-contract-amount').innerText()).toBe('1,250,000.00');
  expect(await contractCard.innerText()).toContain('草稿');
  await shot('signed');

  // The broker's agency is named on the draft as the intermediary (中介方): the broker opens it too.
  await page.getByTestId('deal-contract-link').click();
  await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
  await visible(page.getByTestId('contract-descriptions'));
  expect(await page.locator('body').innerText()).toContain('技术中介方（促成对接）');
  await page.goto(dealUrl);

  // The enterprise, the buyer, opens the contract draft from the deal: pre-filled.
  await loginAs('enterprise');
  await page.goto(dealUrl);
  await visible(page.getByTestId('deal-contract-link'));
  await page.getByTestId('deal-contract-link').click();
  await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
  const facts = page.getByTestId('contract-descriptions');
  await visible(facts);
  const text = await facts.innerText();
  expect(text).toContain('技术开发');
  expect(text).toContain('1,250,000.00');
  expect(await page.locator('.tt-page-header [data-testid="contract-status"]').innerText()).toBe('草稿');
  const whole = await page.locator('body').innerText();
  expect(whole).toContain(ACHIEVEMENT);
  expect(whole).toContain(buyer);
  expect(whole).toContain(seller);
  expect(whole).toContain('徐明');
  await shot('contract-draft');
});

test('the operator starts a deal from an inquiry received on a listing', async () => {
  const { page, baseUrl } = j;
  await loginAs('operator');
  await page.goto(`${baseUrl}/inquiries`);
  const received = page.getByTestId('inquiries-received');
  await visible(received);
  await received.getByTestId('inquiry-start-deal').first().click();
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('start-deal-broker') });
  await visible(modal);
  await modal.getByTestId('start-deal-broker').click();
  const xuMing = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '徐明' }).first();
  await visible(xuMing);
  await xuMing.click();
  await page.getByTestId('start-deal-ok').click();
  await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
  await expect.poll(() => stageOf(page), { timeout: SHOWS_WITHIN }).toBe('contacting');
  // The deal records the inquiry it came from.
  const id = page.url().split('/').pop()!;
  const deal = await page.evaluate(async (dealId) => (await fetch(`/api/deals/${dealId}`)).json(), id) as { inquiryId: string | null };
  expect(deal.inquiryId).toMatch(/^[0-9a-f-]{36}$/);
});

test('the operator chooses the listings an event features', async () => {
  const { page, baseUrl } = j;
  await loginAs('operator');
  await page.goto(`${baseUrl}/events`);
  await page.getByTestId('event-link').first().click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  const featured = page.getByTestId('event-featured');
  await visible(featured);
  await page.getByTestId('event-featured-edit').click();
  const picker = page.getByTestId('event-featured-achievements');
  await visible(picker);
  // Options come from the market search as one types; the chosen one shows as a tag in the picker.
  await expect.poll(async () => {
    if ((await picker.innerText()).includes(ACHIEVEMENT)) return true;
    await picker.click();
    await picker.locator('input').fill('预紧力在线监测');
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: ACHIEVEMENT }).first();
    await option.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
    if (await option.isVisible()) await option.click();
    return (await picker.innerText()).includes(ACHIEVEMENT);
  }, { timeout: SHOWS_WITHIN, interval: 500 }).toBe(true);
  await page.getByTestId('event-featured-save').click();
  await expect.poll(() => featured.innerText(), { timeout: SHOWS_WITHIN }).toContain(ACHIEVEMENT);
});
