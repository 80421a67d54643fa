#!/usr/bin/env node
// The `techtransfer` command: runs the TypeScript CLI through tsx (a runtime dependency), so
// `npx techtransfer …` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
await import(path.join(here, '..', 'server', 'cli', 'main.ts'));
