/**
 * Payments as columns: the one place that turns payment rows into what the subsidy world needs —
 * on the main thread (PostgreSQL, small SQLite files) and on the payments worker alike, so it is
 * plain JavaScript (a worker thread cannot load TypeScript; types in payment-columns.d.mts).
 *
 * Rows are `[payment id, contract id, paid on, amount fen, vouchered, invoice fen, names contract]`:
 * one per invoice (or one with null invoice for a payment without any), a payment's rows adjacent;
 * or, already summed, one per payment. The invoiced amounts are added up, and a payment's invoices
 * name the contract only if it has some and every one does. The columns are one entry per run of a
 * contract's adjacent payments (its id and how many), then per payment its date (an index into
 * `dates`), amount, voucher, invoiced amount and whether the invoices name the contract: typed
 * arrays, so a worker hands them over without copying.
 */
export class PaymentColumnsBuilder {
  runs = [];
  dates = [];
  #dateNumbers = new Map();
  #capacity = 1 << 12;
  #runCounts = new Int32Array(this.#capacity);
  #dateIndex = new Int32Array(this.#capacity);
  #amount = new Float64Array(this.#capacity);
  #voucher = new Uint8Array(this.#capacity);
  #invoice = new Float64Array(this.#capacity);
  #namesContract = new Uint8Array(this.#capacity);
  /** The index of the last payment added. */
  #n = -1;
  #paymentId = undefined;
  #contractId = undefined;

  add([id, contract, paidOn, amountFen, vouchered, invoiceFen, names]) {
    const invoiced = invoiceFen !== null && invoiceFen !== undefined;
    if (id !== this.#paymentId) {
      this.#paymentId = id;
      const n = ++this.#n;
      if (n === this.#capacity) this.#grow();
      if (contract !== this.#contractId) {
        this.#contractId = contract;
        this.runs.push(contract);
      }
      this.#runCounts[this.runs.length - 1]++;
      let d = this.#dateNumbers.get(paidOn);
      if (d === undefined) this.#dateNumbers.set(paidOn, (d = this.dates.push(paidOn) - 1));
      this.#dateIndex[n] = d;
      this.#amount[n] = Number(amountFen);
      this.#voucher[n] = vouchered ? 1 : 0;
      this.#namesContract[n] = invoiced ? 1 : 0;
    }
    if (invoiced) {
      this.#invoice[this.#n] += Number(invoiceFen);
      if (Number(names) !== 1) this.#namesContract[this.#n] = 0;
    }
  }

  /** The columns, cut to size. */
  finish() {
    const count = this.#n + 1;
    return {
      runs: this.runs,
      runCounts: this.#runCounts.slice(0, this.runs.length),
      dates: this.dates,
      dateIndex: this.#dateIndex.slice(0, count),
      amount: this.#amount.slice(0, count),
      voucher: this.#voucher.slice(0, count),
      invoice: this.#invoice.slice(0, count),
      namesContract: this.#namesContract.slice(0, count),
    };
  }

  /** Doubles every column (runs never outnumber payments, so one capacity serves both). */
  #grow() {
    this.#capacity *= 2;
    const longer = (array) => {
      const copy = new array.constructor(this.#capacity);
      copy.set(array);
      return copy;
    };
    this.#runCounts = longer(this.#runCounts);
    this.#dateIndex = longer(this.#dateIndex);
    this.#amount = longer(this.#amount);
    this.#voucher = longer(this.#voucher);
    this.#invoice = longer(this.#invoice);
    this.#namesContract = longer(this.#namesContract);
  }
}

/** The typed arrays of a `finish()` result, for a worker's transfer list. */
export const transferables = (columns) => [columns.runCounts.buffer, columns.dateIndex.buffer, columns.amount.buffer, columns.voucher.buffer, columns.invoice.buffer, columns.namesContract.buffer];
