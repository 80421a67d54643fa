/**
 * A worker thread that reads a SQLite database's contract payments (each with its invoices summed)
 * while the main thread reads the contracts: a national year's two million payments take as long
 * to step through as its million contracts, and the machine has a second core.
 *
 * Plain JavaScript, so a worker can load it however the main thread runs TypeScript (tsx, vitest).
 * It answers with columns, not objects: one entry per run of rows of the same contract (its id and
 * how many payments), then per payment its date (an index into `dates`), amount, voucher,
 * invoiced amount and whether it has invoices that all name the contract — typed arrays handed
 * over without copying. The main thread makes the payment objects.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

/** @type {{ file: string, cacheKib: number }} */
const { file, cacheKib } = workerData;

const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.pragma(`cache_size = -${cacheKib}`);
// Same rows as the main thread's own reader (load-world.ts `attachPayments`): one per invoice, or one for a payment without.
const statement = db
  .prepare(
    `select p.id, p.contract_id, p.paid_on, p.amount_fen, coalesce(p.voucher_number, '') <> '' or coalesce(p.voucher_file_hash, '') <> '', i.amount_fen, i.names_contract
     from (select id, contract_id, paid_on, amount_fen, voucher_number, voucher_file_hash from contract_payment) p
     left join contract_invoice i on i.payment_id = p.id`,
  )
  .raw(true);

const runs = [];
const dates = [];
const dateNumbers = new Map();
let capacity = 1 << 16;
let runCounts = new Int32Array(capacity);
let dateIndex = new Int32Array(capacity);
let amount = new Float64Array(capacity);
let voucher = new Uint8Array(capacity);
let invoice = new Float64Array(capacity);
let namesContract = new Uint8Array(capacity);

/** A longer copy of a typed array. */
function longer(array, length) {
  const copy = new array.constructor(length);
  copy.set(array);
  return copy;
}

/** Doubles every column (runs never outnumber payments, so one capacity serves both). */
function grow() {
  capacity *= 2;
  runCounts = longer(runCounts, capacity);
  dateIndex = longer(dateIndex, capacity);
  amount = longer(amount, capacity);
  voucher = longer(voucher, capacity);
  invoice = longer(invoice, capacity);
  namesContract = longer(namesContract, capacity);
}

let n = -1;
let paymentId;
let contractId;
for (const [id, contract, paidOn, amountFen, vouchered, invoiceFen, names] of statement.iterate()) {
  if (id !== paymentId) {
    paymentId = id;
    n++;
    if (n === capacity) grow();
    if (contract !== contractId) {
      contractId = contract;
      runs.push(contract);
    }
    runCounts[runs.length - 1]++;
    let d = dateNumbers.get(paidOn);
    if (d === undefined) dateNumbers.set(paidOn, (d = dates.push(paidOn) - 1));
    dateIndex[n] = d;
    amount[n] = Number(amountFen);
    voucher[n] = vouchered ? 1 : 0;
    namesContract[n] = invoiceFen !== null ? 1 : 0;
  }
  if (invoiceFen !== null) {
    invoice[n] += Number(invoiceFen);
    if (Number(names) !== 1) namesContract[n] = 0;
  }
}
db.close();

const count = n + 1;
const out = {
  runs,
  runCounts: runCounts.slice(0, runs.length),
  dates,
  dateIndex: dateIndex.slice(0, count),
  amount: amount.slice(0, count),
  voucher: voucher.slice(0, count),
  invoice: invoice.slice(0, count),
  namesContract: namesContract.slice(0, count),
};
parentPort.postMessage(out, [out.runCounts.buffer, out.dateIndex.buffer, out.amount.buffer, out.voucher.buffer, out.invoice.buffer, out.namesContract.buffer]);
