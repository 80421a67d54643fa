/**
 * Invoice numbers. A fully digital invoice (全面数字化的电子发票, 全电发票) has a 20-digit number and
 * no code; older invoices (paper, or the earlier e-invoices) have a code of 10 or 12 digits and an
 * 8-digit number.
 */
export type InvoiceCheck = { ok: true; kind: 'digital' | 'coded' } | { ok: false; field: 'number' | 'code'; message: string };

export function checkInvoiceNumber(number: string, code?: string | null): InvoiceCheck {
  if (code === undefined || code === null || code === '') {
    if (/^\d{20}$/.test(number)) return { ok: true, kind: 'digital' };
    if (/^\d{8}$/.test(number)) return { ok: false, field: 'code', message: '8位发票号码须同时填写10位或12位发票代码' };
    return { ok: false, field: 'number', message: '发票号码应为20位数字（全电发票），或8位数字并填写发票代码' };
  }
  if (!/^(\d{10}|\d{12})$/.test(code)) return { ok: false, field: 'code', message: '发票代码应为10位或12位数字' };
  if (!/^\d{8}$/.test(number)) return { ok: false, field: 'number', message: '填写发票代码时，发票号码应为8位数字' };
  return { ok: true, kind: 'coded' };
}
