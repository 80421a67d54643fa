/** Types of payment-columns.mjs (plain JavaScript so the payments worker can load it). */
export type PaymentRow = [id: string, contractId: string, paidOn: string, amountFen: number | string, vouchered: number | boolean, invoiceFen: number | string | null, namesContract: number | null];

export interface PaymentColumns {
  runs: string[];
  runCounts: Int32Array;
  dates: string[];
  dateIndex: Int32Array;
  amount: Float64Array;
  voucher: Uint8Array;
  invoice: Float64Array;
  /** 1: it has invoices and every one names the contract. */
  namesContract: Uint8Array;
}

export class PaymentColumnsBuilder {
  add(row: PaymentRow): void;
  finish(): PaymentColumns;
}

export function transferables(columns: PaymentColumns): ArrayBuffer[];
