#!/usr/bin/env node
// `npm start`: builds the web app when it is missing or older than its sources, then serves the
// platform with the demo district seeded into an empty database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const built = 'dist/web/index.html';
const sources = Math.max(newestMtime('web'), newestMtime('common'), fs.statSync('vite.config.ts').mtimeMs);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('building the web app (vite build)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync(process.execPath, ['bin/techtransfer.mjs', 'serve', '--seed-demo', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
