import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from '../app.js';
import { createProtector } from '../modules/registry/protect.js';
import { TEST_KEY } from '../testing/context.js';
import { createTestDatabase } from '../testing/databases.js';
import { compressAssets } from '../../scripts/compress-assets.mjs';

describe('web delivery: precompressed, cached assets and compressed API answers', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let webDir: string;
  const script = `console.log(${JSON.stringify('技术转移体系平台 '.repeat(400))});\n`;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><title>x</title>${'<!-- padding -->'.repeat(100)}<script src="/assets/app-0abc.js"></script>`);
    fs.writeFileSync(path.join(webDir, 'assets', 'app-0abc.js'), script);
    compressAssets(webDir);
    handle = await createTestDatabase('sqlite');
    app = await build({ handle, protector: createProtector(TEST_KEY), webDir });
  });
  afterAll(async () => {
    await app.close();
    await handle.drop();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-compressed and cacheable for a year', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/app-0abc.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 5);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await app.inject({ method: 'GET', url: '/assets/app-0abc.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ method: 'GET', url: '/assets/app-0abc.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('revalidates index.html, also when it answers a client-side route', async () => {
    for (const url of ['/', '/market/achievements/abc']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toMatch(/no-cache|max-age=0/);
    }
  });

  it('compresses a large API answer and leaves a small one alone', async () => {
    const big = await app.inject({ method: 'GET', url: '/api/vocabulary', headers: { 'accept-encoding': 'br' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString())).toHaveProperty('ORGANIZATION_KINDS');
    const small = await app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ ok: true });
  });
});
