/**
 * Seeds the demo contracts (demo-contracts.ts) through the contract use cases — created, moved
 * through the workflow and paid the way users do it, each step at its own date (the context's
 * clock is set to the day of the step, so the history and its deadlines read as they happened).
 * Runs once: a database that already holds demo contracts is left alone.
 */
import { addDays, chinaDate } from '../../common/dates.js';
import type { Ctx } from '../context.js';
import { inTransaction } from '../context.js';
import { insertContract, transitionContract } from '../modules/contracts/contracts.js';
import { storeEvidenceFile } from '../modules/contracts/evidence.js';
import { addPayment } from '../modules/contracts/payments.js';
import { contractInput, type ContractInput, type PaymentInput } from '../modules/contracts/schema.js';
import { DEMO_REGISTRATION_OFFICE, demoContracts, type DemoContract, type DemoParty } from './demo-contracts.js';

/** A one-page PDF standing in for scanned vouchers and invoices. */
export function demoEvidencePdf(): Buffer {
  const text = 'Demo evidence file (techtransfer demo data)';
  const stream = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The context acting on a given day (10:00 Beijing time). */
function on(ctx: Ctx, date: string): Ctx {
  const instant = new Date(`${date}T02:00:00.000Z`);
  return { ...ctx, clock: { now: () => instant } };
}

export interface DemoReferences {
  organizations: Map<string, string>;
  people: Map<string, string>;
}

/** The ContractInput of a demo contract, with keys resolved to ids; `today` dates the in-flight ones. */
export function demoContractInput(c: DemoContract, refs: DemoReferences, today: string): ContractInput {
  const orgId = (key: string) => {
    const id = refs.organizations.get(key);
    if (!id) throw new Error(`demo contract ${c.key}: unknown organization ${key}`);
    return id;
  };
  const party = (p: DemoParty) => ('organizationKey' in p ? { organizationId: orgId(p.organizationKey) } : p);
  return contractInput.parse({
    name: c.name,
    type: c.type,
    subtype: c.subtype,
    licenseScope: c.licenseScope,
    licenseYears: c.licenseYears,
    sellers: [party(c.seller)],
    buyers: [party(c.buyer)],
    signedOn: typeof c.signedOn === 'string' ? c.signedOn : addDays(today, -c.signedOn.daysAgo),
    termStart: c.termStart,
    termEnd: c.termEnd,
    amountFen: c.amountFen,
    deductions: { materialsFen: 0, equipmentFen: 0, componentsFen: 0, otherFen: 0, ...c.deductions },
    techField: c.techField,
    ipItems: c.ipItems ?? [],
    implementationDivision: c.implementationDivision,
    brokers: (c.brokers ?? []).map((b) => {
      const id = refs.people.get(b.personKey);
      if (!id) throw new Error(`demo contract ${c.key}: unknown person ${b.personKey}`);
      return { personId: id, share: b.share ?? 1 };
    }),
    thirdParties: (c.thirdParties ?? []).map((t) => ({ organizationId: orgId(t.organizationKey), role: t.role })),
    declaredRelated: c.declaredRelated ?? false,
    fiscalFunded: c.fiscalFunded ?? false,
    funding: c.funding ?? [],
  });
}

/** Seeds every demo contract; returns how many it wrote (0 when demo contracts exist already). */
export async function seedDemoContracts(ctx: Ctx, refs: DemoReferences): Promise<number> {
  const already = await ctx.db.selectFrom('contract').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  if (already) return 0;
  const today = chinaDate(ctx.clock.now());
  const office = refs.organizations.get(DEMO_REGISTRATION_OFFICE);
  if (!office) throw new Error(`demo registration office ${DEMO_REGISTRATION_OFFICE} is missing`);

  const evidence: { hash?: string } = {};
  for (const c of demoContracts) await seedContract(ctx, c, refs, today, office, evidence);
  return demoContracts.length;
}

/**
 * One demo contract through the workflow, each step on its own day, then its payments; returns its
 * id. `evidence` carries the one demo evidence file between calls (stored the first time needed).
 */
export async function seedContract(ctx: Ctx, c: DemoContract, refs: DemoReferences, today: string, office: string, evidence: { hash?: string }): Promise<string> {
  const ago = (days: number) => addDays(today, -days);
  const input = demoContractInput(c, refs, today);
  const flow = c.flow;
  const createdOn = flow.status === 'draft' ? today : 'submittedOn' in flow ? flow.submittedOn : ago(flow.submittedDaysAgo);
  let contract: { id: string; version: number } = await inTransaction(ctx, (trx) =>
    insertContract(on(ctx, input.signedOn > createdOn ? createdOn : input.signedOn), trx, input, { isDemo: true }),
  );
  const move = async (date: string, body: Omit<Parameters<typeof transitionContract>[2], 'version'>) => {
    contract = await transitionContract(on(ctx, date), contract.id, { ...body, version: contract.version });
  };
  switch (flow.status) {
    case 'draft':
      break;
    case 'submitted':
      await move(ago(flow.submittedDaysAgo), { to: 'submitted' });
      break;
    case 'materials_requested':
      await move(ago(flow.submittedDaysAgo), { to: 'submitted' });
      await move(ago(flow.requestedDaysAgo), { to: 'materials_requested', note: flow.note });
      break;
    case 'rejected':
      await move(flow.submittedOn, { to: 'submitted' });
      await move(flow.rejectedOn, { to: 'rejected', reason: flow.reason, ...(flow.note ? { note: flow.note } : {}) });
      break;
    default: {
      await move(flow.submittedOn, { to: 'submitted' });
      if (flow.materials) {
        await move(flow.materials.on, { to: 'materials_requested', note: flow.materials.note });
        await move(flow.materials.resubmittedOn, { to: 'submitted' });
      }
      await move(flow.registeredOn, {
        to: 'registered',
        registrationNumber: flow.registrationNumber,
        registeredOn: flow.registeredOn,
        registrationOfficeId: office,
      });
      if (flow.status !== 'registered' && flow.change) await move(flow.change.on, { to: flow.status, note: flow.change.note });
    }
  }
  for (const p of c.payments ?? []) {
    const wantsFile = p.withVoucherFile || p.invoices.some((i) => i.withFile);
    if (wantsFile && !evidence.hash) evidence.hash = (await storeEvidenceFile(ctx, demoEvidencePdf(), 'demo-evidence.pdf')).hash;
    const payment: PaymentInput = {
      paidOn: p.paidOn,
      amountFen: p.amountFen,
      ...(p.voucherNumber ? { voucherNumber: p.voucherNumber } : {}),
      ...(p.withVoucherFile ? { voucherFileHash: evidence.hash } : {}),
      invoices: p.invoices.map((i) => ({
        ...(i.code ? { code: i.code } : {}),
        number: i.number,
        issuedOn: i.issuedOn,
        amountFen: i.amountFen,
        namesContract: i.namesContract,
        ...(i.withFile ? { fileHash: evidence.hash } : {}),
      })),
      ...(p.note ? { note: p.note } : {}),
    };
    // Recorded when the money arrived, or when the contract was registered if it came before.
    const registeredOn = 'registeredOn' in flow ? flow.registeredOn : p.paidOn;
    await addPayment(on(ctx, p.paidOn > registeredOn ? p.paidOn : registeredOn), contract.id, payment);
  }
  return contract.id;
}
