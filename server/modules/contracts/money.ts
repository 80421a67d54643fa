/** Fen ⇄ yuan text, without floating point. */

/** 123456 → "1234.56". */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 360000000 → "3,600,000.00": an amount for a person to read. */
export function groupedYuanText(fen: number): string {
  const [whole, cents] = yuanText(fen).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** "1234.5" / "1,234.56" / "1234" → fen; null when the text is not an amount in yuan with ≤ 2 decimals. */
export function parseYuan(text: string): number | null {
  const cleaned = text.replace(/[,，\s]/g, '').replace(/元$/, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
