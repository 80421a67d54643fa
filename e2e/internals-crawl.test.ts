/**
 * The crawl: every page of every demo role, and the public portal as a visitor, must show no
 * internal — no UUID, enum code, rule id or parameter key, fen amount, formula in code form, raw
 * Markdown, UTC ISO time, `undefined` / `null` / `NaN` / `[object Object]` (server/testing/internals.ts
 * findPageInternals). Each role logs in once in its own browser context and visits every item of the
 * menu it is shown (read from the page), 账号安全, and the detail page of the first row of each list.
 * A visitor visits every page the portal's header and footer link to, and the first few details
 * each lists. Every page is read once it has finished loading (no request in flight, no spinner);
 * all findings are reported together at the end, each with its role, path and snippet.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/demo-data.js';
import { findPageInternals } from '../server/testing/internals.js';
import { startJourney, submitLogin, type Journey } from './fixtures.js';

interface Finding {
  role: string;
  path: string;
  kind: string;
  match: string;
  snippet: string;
}

/**
 * Findings not yet fixed, each with the reason. `path` is the page with ids as `:id`; `match` the
 * offending text exactly. The crawl still fails on any finding not listed here.
 */
const KNOWN: { role?: string; path: RegExp; match: string; reason: string }[] = [];

const ROLES = ['operator', 'finance', 'department', 'enterprise', 'institution', 'broker', 'agency', 'bank', 'evaluator', 'admin'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

let j: Journey;
const findings: Finding[] = [];
const visited = new Map<string, number>();

/** Login names, longest first: a username is what its holder chose and is shown as chosen (server/testing/audit-words.ts does the same). */
let usernames: string[] = [];

/**
 * The crawl reads what pages show, which does not depend on the database: it runs once, in the
 * SQLite pass of `npm test` (CI's PostgreSQL pass runs every other journey), to keep CI's time.
 */
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
if (onPostgres) console.log('[crawl] skipped in the PostgreSQL pass: it runs in the SQLite pass');

beforeAll(async () => {
  if (onPostgres) return;
  j = await startJourney();
  const accounts = await j.handle.db.selectFrom('app_user').select('username').execute();
  const applied = await j.handle.db.selectFrom('unit_registration').select('username').execute();
  usernames = [...new Set([...accounts, ...applied].map((u) => u.username))].sort((a, b) => b.length - a.length);
});

afterAll(async () => {
  await j?.close();
});

/** A page as a person names it: its path (and query) with ids as `:id`. */
function shapeOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`.replace(UUID, ':id');
}

/** Counts the requests a page has in flight: a page has loaded when none is and nothing spins. */
function trackRequests(page: Page): () => number {
  let inFlight = 0;
  page.on('request', () => { inFlight += 1; });
  page.on('requestfinished', () => { inFlight -= 1; });
  page.on('requestfailed', () => { inFlight -= 1; });
  return () => inFlight;
}

async function quiet(page: Page, inFlight: () => number): Promise<boolean> {
  if (inFlight() > 0) return false;
  // Browser-side code as text: the e2e programs are compiled without the DOM's types.
  return page.evaluate<boolean>(`(() => {
    const busy = document.querySelector('.ant-spin-spinning, .ant-skeleton-active, [aria-busy="true"]');
    const main = document.querySelector('.tt-content, .tt-portal-main, main');
    return !busy && !!main && main.innerText.trim().length > 0;
  })()`);
}

/** Waits until the page has finished loading, seen twice across two frames so a render in progress does not pass. */
async function settle(page: Page, inFlight: () => number): Promise<void> {
  const frames = () => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  await expect.poll(async () => (await quiet(page, inFlight)) && (await frames(), await quiet(page, inFlight)), { timeout: 60_000, interval: 100 }).toBe(true);
}

/** Reads the loaded page and records what it shows that a person must not read. */
async function inspect(role: string, page: Page, inFlight: () => number): Promise<void> {
  const started = Date.now();
  await settle(page, inFlight);
  const path = shapeOf(page.url());
  visited.set(role, (visited.get(role) ?? 0) + 1);
  const text = await page.locator('body').innerText();
  const found = findPageInternals(usernames.reduce((t, u) => t.split(u).join('用户名'), text));
  console.log(`[crawl] ${role} ${path} (${Date.now() - started} ms)${found.length ? ` — ${found.length} finding(s)` : ''}`);
  for (const f of found) {
    console.log(`[crawl]   ${f.kind}: «${f.snippet}»`);
    findings.push({ role, path, ...f });
  }
}

/**
 * Inspects the page a click led to. A client-side navigation keeps the old page on screen while the
 * new one loads (a transition), so the read waits until the page's heading is no longer the old
 * one; a page whose heading stays the same is reloaded, so that a fresh load says which page is read.
 */
async function readAfter(role: string, page: Page, inFlight: () => number, oldHeading: string): Promise<void> {
  const heading = page.locator('.tt-page-header').first();
  const changed = await expect
    .poll(async () => (await heading.count()) > 0 && (await heading.innerText()) !== oldHeading, { timeout: 15_000, interval: 100 })
    .toBe(true)
    .then(() => true, () => false);
  if (!changed) await page.reload();
  await inspect(role, page, inFlight);
}

const headingOf = async (page: Page) => {
  const heading = page.locator('.tt-page-header').first();
  return (await heading.count()) > 0 ? heading.innerText() : '';
};

/** Opens an in-app path, then inspects. */
async function visit(role: string, page: Page, inFlight: () => number, path: string): Promise<void> {
  await page.goto(new URL(path, j.baseUrl).toString());
  await inspect(role, page, inFlight);
}

/** The first row of the page's first list, opened: by its link, or by the row itself when the row is clickable. */
async function openFirstRow(role: string, page: Page, inFlight: () => number): Promise<void> {
  const row = page.locator('.tt-content .ant-table-tbody tr.ant-table-row').first();
  if ((await row.count()) === 0) return;
  const before = page.url();
  const href = await row.evaluate((tr) => {
    const link = [...tr.querySelectorAll('a[href^="/"]')].find((a) => !a.getAttribute('href')!.startsWith('/api/'));
    return link ? link.getAttribute('href') : null;
  });
  if (href && new URL(href, before).pathname !== new URL(before).pathname) {
    await visit(role, page, inFlight, href);
  } else if ((await row.evaluate((tr) => `${tr.getAttribute('style') ?? ''} ${tr.closest('.tt-clickable-rows') ? 'cursor: pointer' : ''}`)).includes('cursor: pointer')) {
    const oldHeading = await headingOf(page);
    await row.locator('td').first().click();
    await page.waitForURL((url) => url.toString() !== before, { timeout: 15_000 }).catch(() => undefined);
    if (page.url() !== before) await readAfter(role, page, inFlight, oldHeading);
  }
}

async function newContext(): Promise<{ context: BrowserContext; page: Page; inFlight: () => number }> {
  const context = await j.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[crawl] page error at ${page.url()}: ${error.message}`));
  return { context, page, inFlight: trackRequests(page) };
}

for (const role of ROLES) {
  test.skipIf(onPostgres)(`every page of ${role} shows no internal`, async () => {
    const { context, page, inFlight } = await newContext();
    try {
      await submitLogin(page, j.baseUrl, role, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/workbench');
      await inspect(role, page, inFlight);
      const items = page.getByTestId('nav-menu').locator('li.ant-menu-item');
      const labels = await items.allInnerTexts();
      expect(labels.length, `${role} has a menu`).toBeGreaterThan(0);
      for (let i = 0; i < labels.length; i += 1) {
        const before = page.url();
        const oldHeading = await headingOf(page);
        // A person clicks the menu (an item it hides cannot be clicked: the test fails there).
        await items.nth(i).click();
        if (i > 0) await page.waitForURL((url) => url.toString() !== before);
        await readAfter(role, page, inFlight, i > 0 ? oldHeading : '\u0000');
        const menuPage = page.url();
        await openFirstRow(role, page, inFlight);
        // A row may lead out of the logged-in shell (a post shown on the public portal): back to the menu.
        if ((await page.getByTestId('nav-menu').count()) === 0) await page.goto(menuPage);
      }
      await visit(role, page, inFlight, '/account/security');
    } finally {
      await context.close();
    }
  }, 600_000);
}

test.skipIf(onPostgres)('every public page shows no internal to a visitor', async () => {
  const { context, page, inFlight } = await newContext();
  try {
    await visit('visitor', page, inFlight, '/');
    const linked = await page.locator('[data-testid="portal-nav"] a, [data-testid="portal-footer"] a[href^="/"]').evaluateAll(
      (links) => links.map((a) => a.getAttribute('href')!).filter((h) => h.startsWith('/')),
    );
    const pages = [...new Set(['/', ...linked])];
    expect(pages.length).toBeGreaterThan(4);
    for (const path of pages) {
      await visit('visitor', page, inFlight, path);
      // The first detail of each kind the page lists (a post, a listing, an agency, a 公示).
      const deeper = await page.locator('.tt-portal-main a[href^="/"]').evaluateAll((links, base) => {
        const ids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+$/i;
        const byShape = new Map<string, string>();
        for (const a of links) {
          const href = a.getAttribute('href')!;
          const path = href.split(/[?#]/)[0]!;
          if (path.startsWith('/api/') || !ids.test(path)) continue;
          if (base !== '/' && !path.startsWith(`${base}/`)) continue;
          const shape = path.replace(ids, ':id');
          if (!byShape.has(shape)) byShape.set(shape, href);
        }
        return [...byShape.values()];
      }, path);
      for (const href of deeper.slice(0, 4)) await visit('visitor', page, inFlight, href);
    }
  } finally {
    await context.close();
  }
}, 600_000);

test.skipIf(onPostgres)('the crawl found no internal beyond the known ones', () => {
  const isKnown = (f: Finding) => KNOWN.some((k) => (!k.role || k.role === f.role) && k.path.test(f.path) && k.match === f.match);
  const unknown = findings.filter((f) => !isKnown(f));
  for (const k of KNOWN) {
    if (!findings.some((f) => (!k.role || k.role === f.role) && k.path.test(f.path) && k.match === f.match)) {
      console.log(`[crawl] known finding no longer seen (remove it from KNOWN): ${k.path} «${k.match}»`);
    }
  }
  console.log(`[crawl] pages read: ${[...visited].map(([role, n]) => `${role} ${n}`).join(', ')}`);
  const report = unknown.map((f) => `${f.role} ${f.path} — ${f.kind}: «${f.snippet}»`);
  expect(report, `${unknown.length} internal(s) on pages:\n${report.join('\n')}`).toEqual([]);
});
