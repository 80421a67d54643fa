import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization } from '../../testing/builders.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { backupDatabase, restoreDatabase } from '../backup/backup.js';
import { storeEvidenceFile } from './evidence.js';
import { addPayment, deletePayment, listPayments, readEvidenceFile, updatePayment } from './payments.js';
import { makeContract, makeRegisteredContract } from './test-support.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(2000)]);
const digital = (n: number) => `2541200000${String(n).padStart(10, '0')}`;

const dialects = await testDialects();
for (const dialect of dialects) {
  describe(`payments and evidence on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(async () => handle.drop());

    it('records payments with vouchers and invoices, in fen, and reports what evidences them', async () => {
      const ctx = testCtx(handle);
      const c = await makeRegisteredContract(ctx);
      const file = await storeEvidenceFile(ctx, PDF, 'voucher.pdf');
      const p = await addPayment(ctx, c.id, {
        paidOn: '2026-06-10', amountFen: 300_000_00, voucherNumber: 'HD001', voucherFileHash: file.hash,
        invoices: [
          { number: digital(1), issuedOn: '2026-06-09', amountFen: 200_000_00, namesContract: true },
          { code: '4100221130', number: '01234567', issuedOn: '2026-06-09', amountFen: 50_000_00, namesContract: true, fileHash: file.hash },
        ],
      });
      expect(p).toMatchObject({ amountFen: 300_000_00, hasVoucher: true, invoicedFen: 250_000_00, invoiceNamesContract: true, version: 1 });
      const q = await addPayment(ctx, c.id, { paidOn: '2026-07-01', amountFen: 1, invoices: [{ number: digital(2), issuedOn: '2026-07-01', amountFen: 1, namesContract: false }] });
      expect(q).toMatchObject({ hasVoucher: false, invoiceNamesContract: false });
      expect((await listPayments(ctx, c.id)).map((x) => x.paidOn)).toEqual(['2026-06-10', '2026-07-01']);
      const u = await updatePayment(ctx, c.id, q.id, { version: 1, paidOn: '2026-07-02', amountFen: 2, voucherNumber: 'HD002', invoices: [] });
      expect(u).toMatchObject({ version: 2, hasVoucher: true, invoices: [], invoicedFen: 0 });
      await expect(updatePayment(ctx, c.id, q.id, { version: 1, paidOn: '2026-07-03', amountFen: 3, invoices: [] })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      await deletePayment(ctx, c.id, q.id, 2);
      expect(await listPayments(ctx, c.id)).toHaveLength(1);
      const actions = (await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', c.id).execute()).map((e) => e.action);
      expect(actions.filter((a) => a.startsWith('contracts.payment'))).toEqual(['contracts.payment.create', 'contracts.payment.create', 'contracts.payment.update', 'contracts.payment.delete']);
    });

    it('validates invoice numbers, evidence references and double use of one invoice', async () => {
      const ctx = testCtx(handle);
      const c = await makeRegisteredContract(ctx);
      const pay = (invoice: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
        addPayment(ctx, c.id, { paidOn: '2026-06-10', amountFen: 100, invoices: [{ issuedOn: '2026-06-10', amountFen: 100, namesContract: false, ...invoice } as never], ...extra });
      await expect(pay({ number: '123456789' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'invoices.0.number' } });
      await expect(pay({ number: '01234567' })).rejects.toMatchObject({ options: { field: 'invoices.0.code' } });
      await expect(pay({ number: '01234567', code: '123' })).rejects.toMatchObject({ options: { field: 'invoices.0.code' } });
      await expect(pay({ number: digital(50), fileHash: 'a'.repeat(64) })).rejects.toMatchObject({ options: { field: 'invoices.0.fileHash' } });
      await expect(pay({ number: digital(51) }, { voucherFileHash: 'b'.repeat(64) })).rejects.toMatchObject({ options: { field: 'voucherFileHash' } });
      await pay({ number: digital(52) });
      const other = await makeRegisteredContract(ctx);
      await expect(addPayment(ctx, other.id, { paidOn: '2026-06-11', amountFen: 5, invoices: [{ number: digital(52), issuedOn: '2026-06-10', amountFen: 5, namesContract: false }] }))
        .rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'invoices.0.number' } });
      const draft = await makeContract(ctx);
      await expect(addPayment(ctx, draft.id, { paidOn: '2026-06-10', amountFen: 1, invoices: [] })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'status' } });
    });

    it('stores evidence once per content with its SHA-256, size and type judged by content', async () => {
      const ctx = testCtx(handle);
      const a = await storeEvidenceFile(ctx, PDF, 'a.pdf');
      const b = await storeEvidenceFile(ctx, PDF, 'copy-of-a.pdf');
      expect(a).toEqual({ hash: crypto.createHash('sha256').update(PDF).digest('hex'), size: PDF.length, mime: 'application/pdf' });
      expect(b).toEqual(a);
      expect(await handle.db.selectFrom('evidence_file').select('hash').where('hash', '=', a.hash).execute()).toHaveLength(1);
      await expect(storeEvidenceFile(ctx, Buffer.from('<html>not a pdf</html>'), 'invoice.pdf')).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'file' } });
      await expect(storeEvidenceFile(ctx, Buffer.alloc(0), 'empty.pdf')).rejects.toMatchObject({ code: 'VALIDATION' });
      const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(20 * 1024 * 1024)]);
      await expect(storeEvidenceFile(ctx, big, 'big.pdf')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      const enterprise = testCtx(handle, { id: null, name: 'ent', roles: ['evaluator'] });
      await expect(storeEvidenceFile(enterprise, PDF)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('hands out a file only through a contract it is attached to', async () => {
      const ctx = testCtx(handle);
      const c = await makeRegisteredContract(ctx);
      const other = await makeRegisteredContract(ctx);
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(100)]);
      const f = await storeEvidenceFile(ctx, png);
      await addPayment(ctx, c.id, { paidOn: '2026-06-10', amountFen: 100, voucherFileHash: f.hash, invoices: [] });
      const got = await readEvidenceFile(ctx, c.id, f.hash);
      expect(got.mime).toBe('image/png');
      expect(Buffer.compare(got.content, png)).toBe(0);
      await expect(readEvidenceFile(ctx, other.id, f.hash)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}

describe('backup carries contracts, payments and evidence bytes', () => {
  for (const from of dialects) {
    for (const to of dialects) {
      it(`from ${from} to ${to}`, async () => {
        const source = await createTestDatabase(from);
        const target = await createTestDatabase(to);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tt-contract-backup-')), 'b.jsonl.gz');
        try {
          const ctx = testCtx(source);
          await makeOrganization(ctx);
          const c = await makeRegisteredContract(ctx, { amountFen: 9_007_199_254_740_991 });
          const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(5000), Buffer.from([0, 0xff, 0x00])]);
          const f = await storeEvidenceFile(ctx, bytes);
          await addPayment(ctx, c.id, { paidOn: '2026-06-10', amountFen: 100, voucherFileHash: f.hash, invoices: [{ number: digital(9), issuedOn: '2026-06-10', amountFen: 100, namesContract: true, fileHash: f.hash }] });
          await backupDatabase(source.db, file);
          const restored = await restoreDatabase(target.db, file);
          expect(restored).toMatchObject({ contract: 1, contract_payment: 1, contract_invoice: 1, evidence_file: 1, contract_step: 3 });
          const back = await readEvidenceFile(testCtx(target), c.id, f.hash);
          expect(Buffer.compare(back.content, bytes)).toBe(0);
          const row = await target.db.selectFrom('contract').select('amount_fen').where('id', '=', c.id).executeTakeFirstOrThrow();
          expect(Number(row.amount_fen)).toBe(9_007_199_254_740_991);
          expect((await verifyAuditChain(target.db)).ok).toBe(true);
        } finally {
          await source.drop();
          await target.drop();
        }
      });
    }
  }
});
