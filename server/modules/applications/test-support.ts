/** Builders for the application workflow's tests: a world with registered contracts and payments. */
import type { Ctx } from '../../context.js';
import type { DbHandle } from '../../db/create-db.js';
import { makeOrganization } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createContract, transitionContract } from '../contracts/contracts.js';
import { addPayment } from '../contracts/payments.js';
import { contractInput, type ContractInput } from '../contracts/schema.js';
import { nextRegistrationNumber } from '../contracts/test-support.js';
import { createNotice } from './notices.js';
import { noticeInput, type NoticeInput } from './schema.js';

let serial = 0;
const invoiceNumber = () => `2541100000${String(++serial).padStart(10, '0')}`;

/**
 * A contract registered in `year`, with one vouchered, invoiced payment of `paidFen` in that year
 * (the base year of a notice for `year + 1`).
 */
export async function registeredContract(
  ctx: Ctx,
  parties: Partial<ContractInput> & Pick<ContractInput, 'sellers' | 'buyers'>,
  paidFen: number,
  year = 2022,
) {
  const c = await createContract(
    ctx,
    contractInput.parse({ name: `申报测试技术转让合同${++serial}`, type: 'transfer', subtype: 'patent', signedOn: `${year}-02-01`, amountFen: 500_000_00, techField: 'advanced_manufacturing', ...parties }),
  );
  const office = await makeOrganization(ctx, { kind: 'government_department', name: '技术合同登记处' });
  const submitted = await transitionContract(ctx, c.id, { to: 'submitted', version: c.version });
  const registered = await transitionContract(ctx, c.id, {
    to: 'registered',
    version: submitted.version,
    registrationNumber: nextRegistrationNumber(year),
    registeredOn: `${year}-03-01`,
    registrationOfficeId: office.id,
  });
  await addPayment(ctx, c.id, {
    paidOn: `${year}-04-01`,
    amountFen: paidFen,
    voucherNumber: `HD${serial}`,
    invoices: [{ number: invoiceNumber(), issuedOn: `${year}-04-01`, amountFen: paidFen, namesContract: true }],
  });
  return registered;
}

/** Contexts for the roles of the workflow, at a given instant. */
export function actors(handle: DbHandle, orgs: { a: string; b?: string }) {
  return {
    operator1: (at: string) => testCtx(handle, { id: 'op-1', name: '初审员甲', roles: ['operator'] }, at),
    operator2: (at: string) => testCtx(handle, { id: 'op-2', name: '复核员乙', roles: ['operator'] }, at),
    finance: (at: string) => testCtx(handle, { id: 'fin-1', name: '财政局丙', roles: ['finance'] }, at),
    enterpriseA: (at: string) => testCtx(handle, { id: 'ent-a', name: '企业甲经办人', roles: ['enterprise'], organizationIds: [orgs.a] }, at),
    enterpriseB: (at: string) => testCtx(handle, { id: 'ent-b', name: '企业乙经办人', roles: ['enterprise'], organizationIds: orgs.b ? [orgs.b] : [] }, at),
  };
}

export function noticeFor(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return noticeInput.parse({
    title: '湛河区2023年度技术转移奖补申报',
    policy: 'zhanhe-2022',
    year: 2023,
    opensOn: '2023-03-01',
    closesOn: '2023-03-31',
    rules: ['enterprise_purchase', 'institution_transfer', 'broker'],
    budgets: {},
    noticeDays: 5,
    ...overrides,
  });
}

export async function makeNotice(ctx: Ctx, overrides: Partial<NoticeInput> = {}) {
  return createNotice(ctx, noticeFor(overrides));
}

export const PAYEE = { contactName: '张经办', contactPhone: '0375-1234567', payeeBank: '中国银行平顶山湛河支行', payeeAccount: '6217001234567890123' };
