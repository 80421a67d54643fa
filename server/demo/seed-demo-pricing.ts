/**
 * 成果定价公示 in the demo: the district's own institute (平顶山市湛河区农业科学研究所) publicized the
 * price of a technology-secret licence about two months ago; a visitor objected, the institute
 * answered, and the contract was registered after the period. A second decision — a transfer to a
 * district cooperative — is on 公示 now, with no objection yet. Each step through the use case, on
 * its own day, as the public pages and the contract pages would have recorded it.
 */
import { addDays } from '../../common/dates.js';
import type { Ctx } from '../context.js';
import { inTransaction } from '../context.js';
import { insertContract, transitionContract } from '../modules/contracts/contracts.js';
import { answerObjection, createPublicObjection } from '../modules/pricing/objections.js';
import { createPublicity, publicityEnd } from '../modules/pricing/publicity.js';
import { publicityInput } from '../modules/pricing/schema.js';
import { DEMO_REGISTRATION_OFFICE, type DemoContract } from './demo-contracts.js';
import { type DemoReferences, demoContractInput } from './seed-demo-contracts.js';

const ZH = '410411';
export const DEMO_PRICING_INSTITUTE = 'org.zh-agri-institute';

/** The context acting on a given day (10:00 Beijing time). */
function on(ctx: Ctx, date: string): Ctx {
  const instant = new Date(`${date}T02:00:00.000Z`);
  return { ...ctx, clock: { now: () => instant } };
}

const wan = (n: number) => n * 1_000_000;

/** The two contracts this story writes (the demo contracts' tests tell them from demo-contracts.ts). */
export const DEMO_PRICING_CONTRACT_NAMES = ['设施蔬菜水肥一体化栽培技术秘密使用许可合同', '食用菌液体菌种制备技术秘密转让合同'] as const;

function licence(signedOn: string): DemoContract {
  return {
    key: 'contract.vegetable-fertigation-license', name: DEMO_PRICING_CONTRACT_NAMES[0], type: 'license', subtype: 'trade_secret_license',
    licenseScope: 'ordinary', licenseYears: 3, seller: { organizationKey: DEMO_PRICING_INSTITUTE }, buyer: { organizationKey: 'org.ls-agri' },
    signedOn, amountFen: wan(18), techField: 'agriculture', implementationDivision: '410423', flow: { status: 'draft' },
  };
}

function transfer(signedOn: string): DemoContract {
  return {
    key: 'contract.mushroom-spawn-transfer', name: DEMO_PRICING_CONTRACT_NAMES[1], type: 'transfer', subtype: 'trade_secret',
    seller: { organizationKey: DEMO_PRICING_INSTITUTE }, buyer: { organizationKey: 'org.agri-coop' },
    signedOn, amountFen: wan(12), techField: 'agriculture', implementationDivision: ZH, flow: { status: 'draft' },
  };
}

async function draft(ctx: Ctx, c: DemoContract, refs: DemoReferences, day: string) {
  const input = demoContractInput(c, refs, day);
  return inTransaction(ctx, (trx) => insertContract(on(ctx, day), trx, input, { isDemo: true }));
}

/** Seeds the two 公示; returns how many it wrote. */
export async function seedDemoPricing(ctx: Ctx, refs: DemoReferences, today: string): Promise<number> {
  const office = refs.organizations.get(DEMO_REGISTRATION_OFFICE);
  if (!refs.organizations.has(DEMO_PRICING_INSTITUTE) || !office) return 0;

  // The finished one: decided by the 所务会, 15 working days on the portal, one objection answered.
  const start = addDays(today, -70);
  const signed = await draft(ctx, licence(addDays(start, -5)), refs, addDays(start, -5));
  const finished = await createPublicity(on(ctx, start), signed.id, publicityInput.parse({
    method: 'agreement', priceFen: wan(18), decisionBody: '所务会', decidedOn: addDays(start, -2),
  }), { isDemo: true });
  const objection = await createPublicObjection(on(ctx, addDays(start, 4)), ZH, finished.id, {
    name: '刘建国', contact: '13937500000', content: '许可费18万元是否经过评估？同类技术的许可费一般更高。',
  });
  const end = publicityEnd(start, 15);
  await answerObjection(on(ctx, addDays(start, 8)), objection.id, {
    version: objection.version,
    answer: '该技术为本所自主研发的栽培工艺，经所务会集体决策采用协议定价：许可为普通许可、期限三年，费用参照本所近三年同类许可的成交价确定，并将在合同中约定按推广面积追加的技术服务费。',
  });
  let contract = await transitionContract(on(ctx, addDays(end, 2)), signed.id, { to: 'submitted', version: signed.version });
  const registeredOn = addDays(end, 6);
  contract = await transitionContract(on(ctx, registeredOn), signed.id, {
    to: 'registered', version: contract.version, registrationNumber: `${registeredOn.slice(0, 4)}${ZH}000990`, registeredOn, registrationOfficeId: office,
  });

  // The running one: publicized five days ago.
  const running = addDays(today, -5);
  const second = await draft(ctx, transfer(addDays(running, -3)), refs, addDays(running, -3));
  await createPublicity(on(ctx, running), second.id, publicityInput.parse({
    method: 'agreement', priceFen: wan(12), decisionBody: '所务会', decidedOn: addDays(running, -1),
  }), { isDemo: true });
  return 2;
}
