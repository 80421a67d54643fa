#!/usr/bin/env node
// `npm test`: type checks, then unit, module (SQLite and PostgreSQL) and API tests, then the
// browser journeys. Says plainly when the PostgreSQL pass was skipped.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const fromEnv = process.env.DATABASE_URL;
const pgUrl = fromEnv && /^postgres(ql)?:\/\//.test(fromEnv) ? fromEnv : (process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
let postgres = false;
try {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  await c.connect();
  await c.end();
  postgres = true;
} catch (error) {
  if (process.env.TT_REQUIRE_POSTGRES === '1') {
    console.error(`PostgreSQL is required (TT_REQUIRE_POSTGRES=1) but ${pgUrl.replace(/:[^:@/]*@/, ':***@')} cannot be reached: ${error.message}`);
    process.exit(1);
  }
}
console.log(
  postgres
    ? `data-layer tests run on SQLite and on PostgreSQL (${pgUrl.replace(/:[^:@/]*@/, ':***@')}), each suite in a database of its own`
    : `*** PostgreSQL at ${pgUrl} is not reachable: the PostgreSQL pass is SKIPPED; every test runs on SQLite only ***`,
);

let failed = 0;
failed += run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) ? 1 : 0;
failed += run('npx', ['tsc', '--noEmit', '-p', 'web/tsconfig.json']) ? 1 : 0;
failed += run('npx', ['vitest', 'run']) ? 1 : 0;
failed += run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']) ? 1 : 0;
if (!postgres) console.log('\n*** reminder: the PostgreSQL pass was SKIPPED (no server reachable) ***');
console.log(failed ? `\n${failed} test step(s) failed` : '\nall test steps passed');
process.exit(failed ? 1 : 0);
