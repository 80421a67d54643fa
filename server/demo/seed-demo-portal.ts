/**
 * The demo portal (门户): the plan as a published policy document with its interpretation (政策解读
 * with Q&A on each subsidy clause), four service guides (办事指南) and a few news items dated
 * relative to today — all through the portal's use cases, so each is validated and audited.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor, Ctx } from '../context.js';
import { createPost } from '../modules/portal/create-post.js';
import { postInput } from '../modules/portal/schema.js';

const PLAN_FILE = fileURLToPath(new URL('../../plans/zhanhe-tech-transfer-plan-2022.md', import.meta.url));

/**
 * The plan as typed from the printed document: a paragraph broken across pages ("关联企业间" |
 * "技术转移活动除外") is joined again; everything else stays as written.
 */
export function planText(): string {
  const paragraphs = fs.readFileSync(PLAN_FILE, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const joined: string[] = [];
  for (const p of paragraphs) {
    const prev = joined.at(-1);
    const continues = prev !== undefined && !/^[#（(]/.test(p) && !/^\*\*/.test(p) && /[\u4e00-\u9fff、，]$/.test(prev) && !/^#/.test(prev);
    if (continues) joined[joined.length - 1] = prev + p;
    else joined.push(p);
  }
  // "**（五）培育发展技术转移机构。**加强…": CommonMark does not close emphasis after punctuation when a
  // CJK character follows, so the full stop moves outside the bold and the heading reads bold.
  return `${joined.join('\n\n').replace(/([。：；])\*\*(?=\S)/g, '**$1')}\n`;
}

const INTERPRETATION = `## 一、出台背景

《湛河区技术转移体系建设实施方案（试行）》（平湛政〔2022〕5号）于 2022 年 7 月 13 日印发，落实《平顶山市技术转移体系建设实施方案》，从基础架构、转移通道、政策环境和支撑保障四个方面布局我区技术转移体系建设。

## 二、主要目标

- 到 2023 年，培育省级技术转移示范机构 1 家，培育技术市场从业人员 30 名以上；
- 全区高新技术企业 10 家以上、科技型中小企业 20 家以上；
- 到 2025 年，市级以上重点实验室、工程技术研究中心、新型研发机构、院士工作站等研发机构达到 30 家以上。

## 三、奖补政策要点

方案第（四）条规定了三类技术转移后补助，第（五）条、第（二十）条规定了对省级技术转移示范机构的支持。各条款的兑现标准、适用条件和生效日期见本页下方的“奖补条款”，与平台核定奖补所用的规则一致。

## 四、怎样享受

奖补按年度兑现：区科技局发布申报通知后，单位在平台上选择上年度已登记、已到账的技术合同申报，经初审、复核和核定，名单公示 5 个工作日无异议后，由区财政局审定拨付。技术合同须在全国技术合同登记系统登记，到账须有转账凭证和发票。
`;

const INTERPRETATION_QA = [
  {
    question: '企业购买市外科技成果，按什么金额计算补助？',
    answer: '按企业上年度技术合同中有转账凭证和发票的到账额计算，最高按 10% 给予后补助，每家企业每年最高不超过 20 万元。只签合同、未付款的部分不计。',
  },
  {
    question: '“上年度”指哪一年？今年付的款能不能算？',
    answer: '申报某一年度的奖补时，计算的是前一个自然年（基准年度）内实际到账的金额。例如申报 2026 年度奖补，计算 2025 年 1 月 1 日至 12 月 31 日的到账额；今年付的款计入明年的申报。',
  },
  {
    question: '从关联企业购买技术可以享受补助吗？',
    answer: '不可以。买卖双方为关联企业（如一方持有另一方 25% 以上股权，或受同一方控制）之间的技术转移活动，不予补助。',
  },
  {
    question: '高校、科研院所在我区转化成果，怎样获得补助？',
    answer: '市内高校、科研院所和科技部门已备案的新型研发机构在我区实施技术转移转化的，按其上年度技术合同到账额最高 10% 给予后补助，每家单位每年最高 20 万元；已获得市级以上财政经费支持的项目不重复支持。新型研发机构须已完成备案。',
  },
  {
    question: '技术经纪人的奖补怎么算？',
    answer: '技术经纪（经理）人在本地开展技术转移活动促成的技术合同，按合同到账额的 1% 给予奖补，同一人每年最高 3 万元。合同的买方、卖方或实施地至少一方须在我区。',
  },
  {
    question: '技术合同不在全国技术合同登记系统登记，能申报吗？',
    answer: '不能。按方案第（八）条，技术合同须在全国技术合同登记系统登记后方可享受相关财政奖补政策。平台上的“技术合同登记”办事指南说明了登记步骤和材料。',
  },
  {
    question: '对省级技术转移示范机构有什么支持？',
    answer: '对新认定的省级技术转移示范机构，区财政视财力情况给予一次性补助；对建设中的省级技术转移示范机构，采取后补助方式给予支持。补助金额在当年的申报通知中核定。',
  },
];

const GUIDES: { title: string; abstract: string; body: string }[] = [
  {
    title: '单位注册',
    abstract: '企业、高校院所、技术转移机构、服务机构和金融机构在平台注册单位账号。',
    body: `## 适用对象

企业、高校、科研院所、新型研发机构、技术转移机构、科技服务机构、金融机构。

## 办理流程

1. 打开平台首页，点击“单位注册”，填写统一社会信用代码（机构库已有该单位时，页面显示单位名称，直接认领）；
2. 填写单位名称、类型、所在地、地址和法定代表人，以及经办人的姓名、手机号码和职务；
3. 设置登录用户名和密码；
4. 上传营业执照（或事业单位法人证书）和加盖公章的授权委托书，提交后记下申请编号和查询码；
5. 区科技局在 5 个工作日内审核，可在“注册进度查询”中凭申请编号和查询码查看结果；
6. 审核通过后用所设用户名登录，单位管理员可邀请本单位其他人员加入。

## 所需材料

| 材料 | 要求 |
| --- | --- |
| 营业执照或事业单位法人证书 | PDF、JPG 或 PNG，不超过 20 MB |
| 授权委托书 | 下载模板，由单位盖章、法定代表人签字后上传 |

## 咨询

区科技局成果转化科，工作日办理。
`,
  },
  {
    title: '技术合同登记',
    abstract: '技术开发、转让、许可、咨询、服务合同在平台录入并提交登记，登记后方可享受奖补。',
    body: `## 适用对象

签订技术合同的卖方（技术提供方），或受卖方委托的买方。

## 办理流程

1. 登录平台，进入“技术合同”，点击“新建合同”；
2. 选择合同类型，填写合同名称、成交额、技术交易额、签订日期，选择买方、卖方及实施地；
3. 上传合同文本，提交登记；
4. 登记机构审核：材料不全的退回补正，符合条件的予以登记并给出登记编号；
5. 合同履行中每次收付款，录入到账金额并上传转账凭证和发票——奖补按有凭证和发票的到账额计算。

## 所需材料

| 材料 | 要求 |
| --- | --- |
| 技术合同文本 | 双方签章的完整文本 |
| 转账凭证 | 银行回单，每次到账一份 |
| 发票 | 发票应载明合同名称或编号 |

## 办理时限

材料齐全的，登记机构自受理之日起 5 个工作日内完成登记。
`,
  },
  {
    title: '奖补申报',
    abstract: '在申报通知规定的时间内，选择上年度已登记、已到账的技术合同申报技术转移奖补。',
    body: `## 适用对象

符合《湛河区技术转移体系建设实施方案》第（四）条的企业、高校院所和技术经纪人。

## 办理流程

1. 关注“通知公告”中的申报通知，了解申报时间和适用条款；
2. 登录平台，进入“奖补申报”，选择申报通知，选择上年度已登记并已到账的技术合同；
3. 填写联系人和收款账户，签署承诺书后提交；
4. 区科技局初审、复核，材料需补正的会退回并说明原因；
5. 核定奖补金额后，名单在“公示”栏目公示 5 个工作日，公示期内可实名提出异议；
6. 公示无异议的，经区财政局审定后拨付到申报单位账户。

## 所需材料

| 材料 | 要求 |
| --- | --- |
| 已登记的技术合同 | 在平台上选择，无需另行上传 |
| 到账凭证和发票 | 登记合同时已录入的，无需重复提供 |
| 承诺书 | 在平台上在线签署 |
| 审计报告或财务报表 | 申报通知要求时提供 |
`,
  },
  {
    title: '发布科技成果或技术需求',
    abstract: '高校院所、企业和技术经纪人在技术市场发布科技成果或技术需求，经审核后公开。',
    body: `## 适用对象

已注册的企业、高校、科研院所和技术经纪人。

## 办理流程

1. 登录平台，进入“我的成果”或“我的需求”，点击“发布”；
2. 填写标题、技术领域、成熟度、转化方式和价格方式，写明技术内容或需求描述；
3. 可上传成果简介、专利证书等附件，提交审核；
4. 区科技局审核后在技术市场公开发布，联系方式不公开，对方通过平台留言对接；
5. 平台会把与之相匹配的成果或需求推荐给您，也可请技术经纪人协助对接。

## 所需材料

| 材料 | 要求 |
| --- | --- |
| 成果或需求说明 | 在平台上填写 |
| 专利证书、检测报告等 | 选填，PDF 或图片 |
`,
  },
];

const NEWS: { daysAgo: number; title: string; abstract: string; body: string }[] = [
  {
    daysAgo: 45,
    title: '湛河区召开技术转移体系建设工作推进会',
    abstract: '区科技局会同各责任单位通报方案落实进展，部署下一阶段重点工作。',
    body: `区科技局召开技术转移体系建设工作推进会，区发展改革委、区财政局、区工业和信息化局等责任单位参加。

会议通报了技术合同登记、技术市场对接和奖补兑现的进展，要求各责任单位按季度在平台报送工作进展，确保方案各项目标按期完成。`,
  },
  {
    daysAgo: 20,
    title: '技术合同登记与奖补申报培训会举办',
    abstract: '面向企业经办人和技术经纪人讲解技术合同登记、到账凭证和奖补申报。',
    body: `区科技局举办技术合同登记与奖补申报培训会，辖区企业经办人、高校院所科研管理人员和技术经纪人参加。

培训讲解了技术合同的类型与登记要求、到账凭证和发票的录入，以及奖补申报的流程和常见问题。培训材料可在“办事指南”栏目查阅。`,
  },
  {
    daysAgo: 6,
    title: '湛河区技术转移公共服务平台上线运行',
    abstract: '单位注册、技术合同登记、技术市场、奖补申报和统计公开一网通办。',
    body: `湛河区技术转移公共服务平台正式上线运行。平台提供单位注册、技术合同登记、科技成果和技术需求发布、供需对接、奖补申报和公示、统计公开等服务。

企业和高校院所可在首页点击“单位注册”开通账号，办理流程见“办事指南”。`,
  },
];

/** Seeds the demo portal; returns how many posts were written (0 when already there). */
export async function seedDemoPortal(ctx: Ctx): Promise<number> {
  const already = await ctx.db.selectFrom('portal_post').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (already) return 0;
  const operator: Actor = { id: null, name: '科技局运营人员（演示）', roles: ['operator'], jurisdictionCode: ctx.actor.jurisdictionCode, organizationIds: [] };
  const now = ctx.clock.now().getTime();
  const at = (daysAgo: number): Ctx => ({ ...ctx, actor: operator, clock: { now: () => new Date(now - daysAgo * 86_400_000) } });
  const demo = { isDemo: true };
  let count = 0;

  const plan = await createPost(
    at(60),
    postInput.parse({
      kind: 'policy',
      status: 'published',
      title: '湛河区技术转移体系建设实施方案（试行）',
      abstract: '构建技术转移体系的总体要求、基础架构、转移通道、政策环境与组织实施，含技术转移后补助等奖补政策。',
      body: planText(),
      documentNumber: '平湛政〔2022〕5号',
      issuer: '湛河区人民政府',
      effectiveOn: '2022-07-13',
      policyId: 'zhanhe-2022',
    }),
    demo,
  );
  count++;
  await createPost(
    at(59),
    postInput.parse({
      kind: 'interpretation',
      status: 'published',
      title: '《湛河区技术转移体系建设实施方案（试行）》奖补政策解读',
      abstract: '方案的背景、目标和奖补条款怎样兑现，常见问题解答。',
      body: INTERPRETATION,
      issuer: '湛河区科学技术局',
      policyId: 'zhanhe-2022',
      documentId: plan.id,
      qa: INTERPRETATION_QA,
    }),
    demo,
  );
  count++;
  for (const g of GUIDES) {
    await createPost(at(58), postInput.parse({ kind: 'guide', status: 'published', title: g.title, abstract: g.abstract, body: g.body, issuer: '湛河区科学技术局' }), demo);
    count++;
  }
  for (const n of NEWS) {
    await createPost(at(n.daysAgo), postInput.parse({ kind: 'news', status: 'published', title: n.title, abstract: n.abstract, body: n.body, issuer: '湛河区科学技术局' }), demo);
    count++;
  }
  return count;
}
