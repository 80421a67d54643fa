/**
 * The example files in docs/import/examples import cleanly (in the documented order) and re-import
 * unchanged, and each kind's page documents every column the code accepts.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUscc } from '../../../../common/uscc.js';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { importTable } from './import-table.js';
import { readFile } from './import-test-support.js';
import { IMPORT_KINDS, type ImportKindName } from './kinds.js';

const docs = fileURLToPath(new URL('../../../../docs/import/', import.meta.url));
/** Organizations first: the other kinds refer to them (equity also to people). */
const ORDER: ImportKindName[] = ['organizations', 'people', 'platforms', 'qualifications', 'equity'];

describe('import documentation', () => {
  it('lists the kinds in an order where references come first', () => {
    expect([...ORDER].sort()).toEqual(Object.keys(IMPORT_KINDS).sort());
  });

  for (const name of ORDER) {
    it(`documents every ${name} column and links its example`, () => {
      const page = fs.readFileSync(`${docs}${name}.md`, 'utf8');
      for (const c of IMPORT_KINDS[name].columns) {
        expect(page, `${c.zh} / ${c.en}`).toContain(`| ${c.zh} | \`${c.en}\` |`);
      }
      expect(page).toContain(`(examples/${name}.csv)`);
    });
  }

  it('uses valid credit codes in the organizations example', async () => {
    const table = await readFile(`${docs}examples/organizations.csv`);
    for (const row of table.rows) expect(checkUscc(row.cells['统一社会信用代码']!)).toMatchObject({ ok: true });
  });
});

for (const dialect of await testDialects()) {
  describe(`import examples on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(async () => handle.drop());

    it('import cleanly in order, then re-import unchanged', async () => {
      const ctx = testCtx(handle);
      for (const name of ORDER) {
        const table = await readFile(`${docs}examples/${name}.csv`);
        const kind = IMPORT_KINDS[name] as Parameters<typeof importTable>[1];
        expect(await importTable(ctx, kind, table), name).toMatchObject({ total: table.rows.length, created: table.rows.length });
      }
      for (const name of ORDER) {
        const table = await readFile(`${docs}examples/${name}.csv`);
        const kind = IMPORT_KINDS[name] as Parameters<typeof importTable>[1];
        expect(await importTable(ctx, kind, table), name).toMatchObject({ unchanged: table.rows.length });
      }
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });
  });
}
