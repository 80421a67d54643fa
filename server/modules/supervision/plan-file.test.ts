/** The plan files: the built-in Zhanhe plan as the text names its units, and bad files named precisely. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlanFileError, parsePlan, readPlanFile, unitsOfClause } from './plan-file.js';
import { SMALL_PLAN, ZHANHE_PLAN } from './test-support.js';

function issuesOf(text: string, file = 'bad.yaml'): { path: string; reason: string }[] {
  try {
    parsePlan(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanFileError);
    expect((error as PlanFileError).message.startsWith(`${file}`)).toBe(true);
    return (error as PlanFileError).issues;
  }
  throw new Error('expected the plan to be rejected');
}

describe('the Zhanhe plan file (平湛政〔2022〕5号)', () => {
  const plan = readPlanFile(ZHANHE_PLAN);
  const source = fs.readFileSync('../shared/seed/zhanhe-tech-transfer-plan-2022.md', 'utf8').replace(/\s+/g, '');

  it('holds measures (三)–(二十一), quarterly, due 10 days after each quarter', () => {
    expect(plan.measures.map((m) => m.number)).toEqual(['三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一']);
    expect(plan.measures.map((m) => m.seq)).toEqual(Array.from({ length: 19 }, (_, i) => i + 3));
    expect(plan).toMatchObject({ id: 'zhanhe-2022', document: '平湛政〔2022〕5号', jurisdiction: '410411', period: 'quarterly', dueDays: 10, startsOn: '2022-07-13' });
    expect(plan.measures.every((m) => m.period === 'quarterly')).toBe(true);
  });

  it('names each measure’s units exactly as its 责任单位 clause, the first named leading', () => {
    for (const m of plan.measures) {
      expect(source, `（${m.number}）`).toContain(`（责任单位：${m.responsibility}）`);
      expect([m.lead, ...m.co], `（${m.number}）`).toEqual(unitsOfClause(m.responsibility!));
      // heading and text are the plan's words
      expect(source).toContain(`${m.heading}。`);
      expect(source, `（${m.number}）text`).toContain(m.text.replace(/\s+/g, ''));
    }
    const byNumber = Object.fromEntries(plan.measures.map((m) => [m.number, m]));
    expect(byNumber['三']).toMatchObject({ lead: '区委组织部', co: ['区科技局', '区发展改革委', '区财政局', '区工业和信息化局', '区人力资源和社会保障局', '曹镇乡政府', '各街道办事处'] });
    expect(byNumber['十三']).toMatchObject({ lead: '区人力资源和社会保障局', co: ['区科技局'] });
    expect(byNumber['十六']!.lead).toBe('区市场监管局');
    expect(byNumber['十八']).toMatchObject({ lead: '区科技创新委员会办公室', co: ['曹镇乡政府', '各街道办事处'] });
    expect(byNumber['二十']!.lead).toBe('区财政局');
  });
});

describe('bad plan files', () => {
  it('names the file, the path and the reason', () => {
    expect(issuesOf('id: [', 'x.yaml')[0]!.reason).toMatch(/^YAML 语法错误/);
    expect(issuesOf('- a\n- b')).toEqual([{ path: '', reason: expect.stringContaining('方案文件应为对象') }]);
    const missing = issuesOf('id: p\ntitle: 方案\nstartsOn: 2023-01-01\n');
    expect(missing.map((i) => i.path)).toEqual(expect.arrayContaining(['endsOn', 'measures']));
    const bad = issuesOf(SMALL_PLAN.replace('number: 四', 'number: 4').replace('period: half_yearly', 'period: weekly').replace('dueDays: 15', 'dueDays: -1').replace('lottery', ''));
    expect(bad).toEqual(expect.arrayContaining([
      { path: 'measures[1].number', reason: expect.stringContaining('中文数字') },
      { path: 'measures[1].period', reason: expect.stringContaining('quarterly') },
      { path: 'reporting.dueDays', reason: '不能为负数' },
    ]));
    expect(issuesOf(`${SMALL_PLAN}lottery: true\n`)).toEqual([{ path: '', reason: '未知字段：lottery' }]);
  });

  it('checks the measures against each other and against their 责任单位 clause', () => {
    const dup = issuesOf(SMALL_PLAN.replace('number: 四', 'number: 三'));
    expect(dup).toEqual([{ path: 'measures[1].number', reason: '序号（三）重复' }]);
    const twice = issuesOf(SMALL_PLAN.replace('co: [区财政局, 各街道办事处]', 'co: [区财政局, 区科技局]'));
    expect(twice).toEqual([{ path: 'measures[1].co[1]', reason: '单位“区科技局”重复' }]);
    const clause = issuesOf(SMALL_PLAN.replace('co: [区科技局]', 'co: [区财政局]'));
    expect(clause.map((i) => i.reason)).toEqual(['责任单位条款列出的单位未写入 lead/co：区科技局', '以下单位不在责任单位条款中：区财政局']);
    expect(issuesOf(SMALL_PLAN.replace('endsOn: 2023-12-31', 'endsOn: 2022-12-31'))).toEqual([{ path: 'endsOn', reason: '结束日期 2022-12-31 早于开始日期 2023-01-01' }]);
    expect(issuesOf(SMALL_PLAN.replace('startsOn: 2023-01-01', 'startsOn: 2023-02-30'))[0]).toEqual({ path: 'startsOn', reason: '应为有效日期 YYYY-MM-DD' });
    expect(issuesOf(`${SMALL_PLAN}unitAliases:\n  区文旅局: [湛河区文化广电和旅游局]\n`)).toEqual([{ path: 'unitAliases["区文旅局"]', reason: '没有措施以此单位为责任单位' }]);
  });

  it('reads a good small plan with its defaults', () => {
    const plan = parsePlan(SMALL_PLAN, 'small.yaml');
    expect(plan.measures.map((m) => [m.number, m.period, m.lead, m.co])).toEqual([
      ['三', 'quarterly', '区工业和信息化局', ['区科技局']],
      ['四', 'half_yearly', '区科技局', ['区财政局', '各街道办事处']],
    ]);
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(readPlanFile.bind(null, 'no/such/plan.yaml')).toThrow('no/such/plan.yaml：文件不存在');
  });
});
