/**
 * The technology market's search and matching in a real browser, on the demo district: a visitor
 * (not logged in) searches the market in Chinese, narrows by a facet, sorts by date and opens a
 * listing; the enterprise opens its published demand and reads why each recommended achievement
 * matches it.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Locator } from 'playwright-core';
import { type Journey, startJourney, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const visible = (locator: Locator) => expect.poll(() => locator.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);

test('a visitor searches the market and the enterprise reads why achievements match its demand', async () => {
  const { page, baseUrl } = j;

  // A visitor searches: two-character words and Latin letters with digits together.
  await page.goto(`${baseUrl}/market`);
  await page.getByTestId('search-input').locator('input').fill('锂电池 NCM811');
  await page.getByTestId('search-input').locator('input').press('Enter');
  await expect.poll(() => page.url()).toContain('q=');
  const first = page.getByTestId('search-hit').first();
  await visible(first);
  await expect.poll(() => first.getByTestId('search-hit-title').textContent()).toContain('NCM811');
  expect(await first.getByTestId('search-hit-why').textContent()).toContain('ncm811');
  expect(await first.locator('mark').count()).toBeGreaterThan(0);

  // Query syntax is just text; a facet narrows the result set and counts follow.
  await page.goto(`${baseUrl}/market?q=${encodeURIComponent('"电池" AND (*')}`);
  await visible(page.getByTestId('search-hit').first());
  const total = async () => Number((await page.getByTestId('search-total').textContent())?.match(/\d+/)?.[0] ?? NaN);
  await expect.poll(total).toBeGreaterThan(0);

  await page.goto(`${baseUrl}/market`);
  await visible(page.getByTestId('facet-field'));
  const all = await total();
  const option = page.getByTestId('facet-field').locator('label').first();
  const count = Number((await option.textContent())?.match(/\((\d+)\)/)?.[1]);
  await option.click();
  await expect.poll(total).toBe(count);
  expect(count).toBeLessThan(all);
  await expect.poll(() => page.url()).toContain('field=');

  // Demands are searched apart; a hit opens the public listing page.
  await page.goto(`${baseUrl}/market?kind=demand&q=${encodeURIComponent('镀银')}`);
  const demandHit = page.getByTestId('search-hit-title').first();
  await visible(demandHit);
  await demandHit.click();
  await visible(page.getByTestId('public-listing-title'));
  expect(await page.getByTestId('public-listing-title').textContent()).toContain('镀银');

  // The enterprise opens its published demand: achievements recommended with their reasons.
  await j.login('enterprise');
  await page.goto(`${baseUrl}/my-demands`);
  await page.getByRole('link', { name: /镀银层耐磨寿命/ }).first().click();
  const panel = page.getByTestId('matches-panel');
  await visible(panel);
  const match = panel.getByTestId('match-listing').first();
  await visible(match);
  const why = (await match.textContent()) ?? '';
  expect(why).toMatch(/共同关键词|同属技术领域/);
  await visible(panel.getByTestId('match-broker').first());
});
