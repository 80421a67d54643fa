/**
 * Credit records (信用记录) in words, shared by server and web: the kinds and sources in Chinese,
 * and one sentence naming a record (kind, source, 文号, dates) — what a settlement's exclusion, the
 * prospective-award view and the record pages say.
 */

export const CREDIT_KIND_LABELS: Record<string, string> = {
  serious_dishonesty: '严重失信主体名单',
  dishonest_judgment_debtor: '失信被执行人',
  research_misconduct: '科研失信',
  commitment_breach: '违背信用承诺',
  other: '其他信用记录',
};

/** Where a record came from. */
export const CREDIT_SOURCE_LABELS: Record<string, string> = {
  credit_china: '信用中国',
  court: '人民法院',
  platform: '本平台审核发现',
  other: '其他来源',
};

/** `2023-01-10` → `2023年1月10日`. */
export function dateWords(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export interface CreditRecordWords {
  kind: string;
  from: string;
  to?: string | undefined;
  document?: string | undefined;
  /** The source in words (信用中国（河南）, 平顶山市中级人民法院). */
  source?: string | undefined;
}

/** 「严重失信主体名单（来源：信用中国；文号：豫发改财金〔2023〕1号；2023年1月10日至2026年1月9日）」 */
export function creditRecordText(r: CreditRecordWords): string {
  const parts: string[] = [];
  if (r.source) parts.push(`来源：${r.source}`);
  if (r.document) parts.push(`文号：${r.document}`);
  parts.push(r.to ? `${dateWords(r.from)}至${dateWords(r.to)}` : `${dateWords(r.from)}起，未定截止日期`);
  return `${CREDIT_KIND_LABELS[r.kind] ?? '信用记录'}（${parts.join('；')}）`;
}
