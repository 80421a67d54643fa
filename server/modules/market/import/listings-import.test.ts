/** Listing import and export on both databases: all or nothing with every bad row, upsert by external_id, round trips. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../context.js';
import { AppError } from '../../../errors.js';
import { makeOrganization } from '../../../testing/builders.js';
import { testCtx } from '../../../testing/context.js';
import { createTestDatabase, testDialects } from '../../../testing/databases.js';
import { getListing, getPublicListing, transitionListing, updateAchievement } from '../listings.js';
import { makeAchievement, makeDemand } from '../test-support.js';
import { exportListings } from './listings-export.js';
import { importListings, LISTING_COLUMNS } from './listings-import.js';
import { importTable } from '../../registry/import/import-table.js';
import { readFile } from '../../registry/import/import-test-support.js';
import { IMPORT_KINDS } from '../../registry/import/kinds.js';

const jsonl = (...records: unknown[]) => Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n');

async function importError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

for (const dialect of await testDialects()) {
  describe(`market import and export on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let ownerUscc: string;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      ownerUscc = (await makeOrganization(ctx, { kind: 'research_institute', divisionCode: '310115' })).uscc;
    }, 60_000);
    afterAll(async () => handle.drop());

    const count = async (table: 'achievement' | 'demand') =>
      Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it('loads CSL-shaped records as they are: published, without owner, indexed, one audit event', async () => {
      const before = Number((await handle.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const result = await importListings(ctx, 'achievement', jsonl(
        { external_id: 'csl-1', description: '采用修正的Rodrigues参数建立飞行器姿态控制系统的数学模型，提出基于平方和方法的镇定控制器设计。', keywords: ['姿态控制', 'SOS'], discipline: '兵器科学与技术' },
        { external_id: 'csl-2', title: '空间工作记忆负载影响真实场景搜索绩效的眼动研究', category: '教育学' },
        { external_id: 'csl-3', description: '锂电池 NCM811 正极材料的包覆改性研究，循环寿命提升30%。', keywords: '锂电池；NCM811', discipline: '材料科学与工程' },
      ), 'jsonl');
      expect(result).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });
      const rows = await handle.db.selectFrom('achievement').selectAll().where('external_id', 'in', ['csl-1', 'csl-2', 'csl-3']).orderBy('external_id').execute();
      expect(rows.map((r) => [r.status, r.owner_missing, r.title, r.discipline, r.technical_field])).toEqual([
        ['published', 1, '', '兵器科学与技术', 'advanced_manufacturing'],
        ['published', 1, '空间工作记忆负载影响真实场景搜索绩效的眼动研究', '教育学', null],
        ['published', 1, '', '材料科学与工程', 'new_materials'],
      ]);
      expect(JSON.parse(rows[2]!.keywords)).toEqual(['锂电池', 'NCM811']);
      const indexed = await handle.db.selectFrom('search_doc').select(['external_id']).where('kind', '=', 'achievement').orderBy('external_id').execute();
      expect(indexed.map((d) => d.external_id)).toEqual(expect.arrayContaining(['csl-1', 'csl-2', 'csl-3']));
      const after = await handle.db.selectFrom('audit_event').select(['action', 'after']).where('seq', '>', before).execute();
      expect(after.map((e) => e.action)).toEqual(['market.import']);
      expect((await getPublicListing(ctx, 'achievement', rows[1]!.id)).title).toBe('空间工作记忆负载影响真实场景搜索绩效的眼动研究');
      // The operator corrects an imported record without completing it (no owner, no description).
      const fixed = await updateAchievement(ctx, rows[1]!.id, { version: 1, title: '空间工作记忆负载与场景搜索绩效的眼动研究' });
      expect(fixed).toMatchObject({ ownerMissing: true, owner: null, description: '', discipline: '教育学', priceKind: null, status: 'published' });
      expect((await handle.db.selectFrom('search_doc').select('title').where('entity_id', '=', rows[1]!.id).executeTakeFirstOrThrow()).title).toBe('空间工作记忆负载与场景搜索绩效的眼动研究');
    });

    it('imports nothing when any row is bad, and names every bad row', async () => {
      const before = await count('achievement');
      const error = await importError(importListings(ctx, 'achievement', jsonl(
        { external_id: 'ok-1', title: '好的记录', description: '一条完全合法的记录，用来确认全部不导入。' },
        { external_id: 'bad-1', title: '', description: '' },
        { external_id: 'bad-2', title: '价格错误', price_kind: '一口价', price: '12.345' },
        { external_id: 'bad-3', title: '技术领域错误', technical_field: '人工智能', trl: 12 },
        { external_id: 'ok-1', title: '重复的外部编号' },
        { external_id: 'bad-4', title: '未知字段', colour: 'red' },
      ), 'jsonl'));
      expect(error.code).toBe('IMPORT_INVALID');
      const details = error.options.details!;
      expect(details.map((d) => [d.line, d.column])).toEqual([
        [2, '成果名称'],
        [3, '价格（元）'],
        [4, '技术领域'],
        [4, '技术就绪度'],
        [5, '外部编号'],
        [6, 'colour'],
      ]);
      expect(details[0]!.reason).toBe('成果名称和成果简介至少填写一项');
      expect(details[4]!.reason).toBe('与第 1 行的外部编号重复');
      expect(await count('achievement')).toBe(before);
      // A registered credit code that is not registered yet: the reference check runs after the row checks.
      const unregistered = await importError(importListings(ctx, 'achievement', jsonl({ external_id: 'x-1', title: '机构未登记的成果', owner_uscc: '91410411MA9DE001XQ' }), 'jsonl'));
      expect(unregistered.options.details).toEqual([expect.objectContaining({ line: 1, column: '所属机构统一社会信用代码' })]);
      // Bad CSV headers are reported on line 1.
      const csv = await importError(importListings(ctx, 'achievement', Buffer.from('成果名称,颜色\n某成果,红\n'), 'csv'));
      expect(csv.options.details!.map((d) => d.reason)).toEqual(['未知列“颜色”（可用列见 docs/import/）', '缺少必填列“外部编号”（external_id）']);
    });

    it('upserts by external_id: changed columns only, owner and region derived, the index follows', async () => {
      const csv = [
        '外部编号,成果名称,成果简介,技术领域,成熟度,技术就绪度,转化方式,价格类型,价格（元）,所属机构统一社会信用代码,团队,标签,知识产权',
        `up-1,高性能尼龙66工程塑料改性技术,玻纤增强与阻燃协同改性，拉伸强度达到180MPa，已在汽车部件中试。,新材料及其应用,中试,6,转让；许可,一口价,1200000.50,${ownerUscc},王磊:负责人；李娜,军民两用,专利:ZL202110123456.7；技术秘密::配方工艺`,
      ].join('\n');
      expect(await importListings(ctx, 'achievement', Buffer.from(csv), 'csv')).toMatchObject({ created: 1 });
      const row = await handle.db.selectFrom('achievement').selectAll().where('external_id', '=', 'up-1').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ owner_missing: 0, origin_region: 'other_province', price_fen: 120_000_050, stage: 'pilot_scale', trl: 6, version: 1 });
      expect(JSON.parse(row.ip_items)).toEqual([{ kind: 'patent', number: 'ZL202110123456.7' }, { kind: 'trade_secret', title: '配方工艺' }]);
      expect(JSON.parse(row.team)).toEqual([{ name: '王磊', role: '负责人' }, { name: '李娜' }]);
      const again = await importListings(ctx, 'achievement', jsonl({ external_id: 'up-1', title: '高性能尼龙66工程塑料改性技术（二期）' }), 'jsonl');
      expect(again).toMatchObject({ created: 0, updated: 1 });
      const updated = await handle.db.selectFrom('achievement').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(updated).toMatchObject({ title: '高性能尼龙66工程塑料改性技术（二期）', price_fen: 120_000_050, version: 2, owner_missing: 0 });
      expect((await handle.db.selectFrom('search_doc').select('title').where('entity_id', '=', row.id).executeTakeFirstOrThrow()).title).toBe('高性能尼龙66工程塑料改性技术（二期）');
    });

    for (const format of ['jsonl', 'csv', 'xlsx'] as const) {
      it(`exports ${format} that re-imports unchanged (achievements and demands)`, async () => {
        const a = await makeAchievement(ctx, { ipItems: [{ kind: 'software_copyright', number: '2023SR0123456' }], tags: ['rural'], expiresOn: '2027-01-31' });
        await transitionListing(ctx, 'achievement', a.id, { to: 'pending', version: 1 });
        await makeDemand(ctx, { isChallenge: true, rewardFen: 300_000_000, tags: ['dual_use'], externalId: `d-${format}` });
        for (const kind of ['achievement', 'demand'] as const) {
          const { data, rows } = await exportListings(ctx, kind, format);
          expect(rows).toBe(await count(kind));
          const result = await importListings(ctx, kind, data, format);
          expect(result, `${kind} ${format}`).toEqual({ total: rows, created: 0, updated: 0, unchanged: rows });
        }
        // The workflow state of the listing is kept: an import never publishes a pending listing again.
        expect((await getListing(ctx, 'achievement', a.id)).status).toBe('pending');
      });
    }

    it('imports demands with budgets, deadlines and challenges', async () => {
      const enterprise = (await makeOrganization(ctx)).uscc;
      const csv = [
        '外部编号,需求名称,需求描述,预期指标,预算下限（元）,预算上限（元）,截止日期,需求单位统一社会信用代码,揭榜挂帅,榜单奖励（元）,产业',
        `dm-1,光伏组件回收中银与硅的高值化分离,退役光伏组件中银、硅回收率低，需要低能耗的分离提纯工艺。,银回收率≥95%,500000,2000000,2027-06-30,${enterprise},是,3000000,新能源`,
        `dm-2,预算颠倒的需求,这一行的预算上限低于下限，整批不导入。,,300,200,,${enterprise},否,,`,
      ].join('\n');
      const error = await importError(importListings(ctx, 'demand', Buffer.from(csv), 'csv'));
      expect(error.options.details).toEqual([expect.objectContaining({ line: 3, column: '预算上限（元）', reason: '预算上限不能低于预算下限' })]);
      const ok = await importListings(ctx, 'demand', Buffer.from(csv.split('\n').slice(0, 2).join('\n')), 'csv');
      expect(ok).toMatchObject({ created: 1 });
      const d = await handle.db.selectFrom('demand').selectAll().where('external_id', '=', 'dm-1').executeTakeFirstOrThrow();
      expect(d).toMatchObject({ status: 'published', is_challenge: 1, reward_fen: 300_000_000, budget_max_fen: 200_000_000, deadline: '2027-06-30', origin_region: 'district' });
    });
  });
}

describe('market import documentation', () => {
  const docs = fileURLToPath(new URL('../../../../docs/import/', import.meta.url));
  for (const [name, columns] of [['achievements', LISTING_COLUMNS.achievement], ['demands', LISTING_COLUMNS.demand]] as const) {
    it(`documents every ${name} column`, () => {
      const page = fs.readFileSync(`${docs}${name}.md`, 'utf8');
      for (const c of columns) expect(page, `${c.zh} / ${c.key}`).toContain(`| ${c.zh} | \`${c.key}\` |`);
    });
  }
});

for (const dialect of await testDialects()) {
  describe(`market import examples on ${dialect}`, () => {
    it('import cleanly after the organizations example, then re-import unchanged', async () => {
      const handle = await createTestDatabase(dialect);
      try {
        const ctx = testCtx(handle);
        const docs = fileURLToPath(new URL('../../../../docs/import/', import.meta.url));
        await importTable(ctx, IMPORT_KINDS.organizations as never, await readFile(`${docs}examples/organizations.csv`));
        for (const [kind, file, format] of [['achievement', 'achievements.csv', 'csv'], ['demand', 'demands.jsonl', 'jsonl']] as const) {
          const data = fs.readFileSync(`${docs}examples/${file}`);
          const first = await importListings(ctx, kind, data, format);
          expect(first.created, file).toBe(first.total);
          expect(await importListings(ctx, kind, data, format), file).toMatchObject({ unchanged: first.total });
        }
        const regions = await handle.db.selectFrom('achievement').select(['external_id', 'origin_region', 'owner_missing']).orderBy('external_id').execute();
        expect(regions).toEqual([
          { external_id: 'EX-CG-001', origin_region: 'district', owner_missing: 0 },
          { external_id: 'EX-CG-002', origin_region: null, owner_missing: 1 },
          { external_id: 'EX-CG-003', origin_region: 'belt_road', owner_missing: 1 },
        ]);
      } finally {
        await handle.drop();
      }
    });
  });
}
