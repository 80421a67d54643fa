/**
 * Writes brotli (.br) and gzip (.gz) siblings of the built web app's text files, once at build time,
 * so the server sends them as they are (@fastify/static preCompressed) instead of compressing every
 * response. A sibling is kept only when it is at least 10 % smaller. Run by vite.config.ts after
 * every build; `node scripts/compress-assets.mjs DIR` runs it by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|ico)$/;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(entry.name)) yield p;
  }
}

export function compressAssets(dir) {
  let raw = 0;
  let brotli = 0;
  for (const file of files(dir)) {
    const body = fs.readFileSync(file);
    if (body.length < 1024) continue;
    const br = zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const gz = zlib.gzipSync(body, { level: 9 });
    if (br.length < body.length * 0.9) fs.writeFileSync(`${file}.br`, br);
    if (gz.length < body.length * 0.9) fs.writeFileSync(`${file}.gz`, gz);
    raw += body.length;
    brotli += Math.min(br.length, body.length);
  }
  return { raw, brotli };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { raw, brotli } = compressAssets(process.argv[2] ?? 'dist/web');
  console.log(`compressed: ${(raw / 1024).toFixed(0)} KB → ${(brotli / 1024).toFixed(0)} KB brotli`);
}
