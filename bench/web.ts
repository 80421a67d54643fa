/**
 * `npm run bench:web`: what a visitor's browser meets on a cold first load (a new browser context:
 * empty cache, no cookies) of the portal `/` and the market `/market`, served by the real server on
 * the demo district from the built web app (dist/web, built first when stale):
 *   - bytes on the wire (encoded body sizes of every response, from the DevTools protocol) and the
 *     number of requests;
 *   - largest contentful paint (LCP) and, for /market, the time until the first result is shown.
 * Baseline, measured in the same run and browser: a bare HTML page (one heading, nothing else) from
 * a plain node:http server — what any page costs here before it has any content — and each page's
 * LCP is printed as a ratio to it. The same pages are also loaded with compression refused
 * (Accept-Encoding: identity) to show what compression saves.
 * Targets (issue 13): ≤ 200 KB on the wire each and LCP ≤ 1.5 s. BENCH_RUNS (default 5) cold loads
 * per page; median and max reported; results in bench/results/web-<date>.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from '../server/app.js';
import { seedDemo } from '../server/demo/seed-demo.js';
import { createProtector } from '../server/modules/registry/protect.js';
import { createTestDatabase } from '../server/testing/databases.js';
import { TEST_KEY, testCtx } from '../server/testing/context.js';
import { CHROMIUM_ARGS } from '../e2e/fixtures.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

interface Load {
  bytes: number;
  requests: number;
  lcpMs: number;
  readyMs: number;
}

/** One cold load: a fresh context, bytes counted from the protocol, LCP from the page itself. */
async function coldLoad(browser: Browser, url: string, readySelector: string | null, identity = false): Promise<Load> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests += 1;
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  if (readySelector) await page.locator(readySelector).first().waitFor({ timeout: 60_000 });
  const readyMs = Date.now() - started;
  await page.waitForLoadState('networkidle');
  const lcpMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]!.startTime);
        }).observe({ type: 'largest-contentful-paint' as never, buffered: true });
        setTimeout(() => resolve(Number.NaN), 5000);
      }),
  );
  await context.close();
  return { bytes, requests, lcpMs, readyMs };
}

async function measure(browser: Browser, url: string, ready: string | null, identity = false) {
  const loads: Load[] = [];
  await coldLoad(browser, url, ready, identity); // the server's first answers warm its caches
  for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, url, ready, identity));
  return {
    kbOnWire: kb(median(loads.map((l) => l.bytes))),
    requests: median(loads.map((l) => l.requests)),
    lcpMsMedian: Math.round(median(loads.map((l) => l.lcpMs))),
    lcpMsMax: Math.round(Math.max(...loads.map((l) => l.lcpMs))),
    readyMsMedian: Math.round(median(loads.map((l) => l.readyMs))),
  };
}

async function main() {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');

  const handle = await createTestDatabase('sqlite');
  await seedDemo(testCtx(handle, {}, new Date().toISOString()));
  const app = await build({ handle, protector: createProtector(TEST_KEY), webDir: 'dist/web' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const bare = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>baseline</title><h1>技术转移体系平台</h1></html>');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareAddress = bare.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}/`;

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const baseline = await measure(browser, bareUrl, 'h1');
    const pages = {
      '/': await measure(browser, `${base}/`, '#root *'),
      '/market': await measure(browser, `${base}/market`, '[data-testid="search-hit"]'),
    };
    const uncompressed = {
      '/': await measure(browser, `${base}/`, '#root *', true),
      '/market': await measure(browser, `${base}/market`, '[data-testid="search-hit"]', true),
    };
    const result = {
      date: new Date().toISOString(),
      runs: RUNS,
      baseline: { page: 'a bare HTML page from node:http', ...baseline },
      pages: Object.fromEntries(
        Object.entries(pages).map(([p, m]) => [p, { ...m, lcpRatioToBaseline: Math.round((m.lcpMsMedian / baseline.lcpMsMedian) * 10) / 10 }]),
      ),
      withoutCompression: uncompressed,
      targets: { kbOnWire: 200, lcpMs: 1500 },
    };
    console.log(JSON.stringify(result, null, 2));
    const out = path.join(HERE, 'results', `web-${result.date.slice(0, 10)}.json`);
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written ${path.relative(process.cwd(), out)}`);
  } finally {
    await browser.close();
    await app.close();
    bare.close();
    await handle.drop();
  }
}

await main();
