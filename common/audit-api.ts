/**
 * The audit log's API shapes (GET /api/audit), shared by the server (server/modules/audit/describe.ts)
 * and the web: each event in words, with its recorded before/after beside them.
 */

export interface DescribedChange {
  field: string;
  /** The field's label (地址, 技术交易额 …). */
  label: string;
  /** In words; null when the event only records values (a creation). */
  before: string | null;
  after: string;
}

export interface DescribedEvent {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  /** The action as a verb phrase (新建了机构 …). */
  actionLabel: string;
  subject: { type: string; typeLabel: string; id: string; name: string; path: string | null };
  /** The whole event as one sentence: "王科员 修改了机构「某公司」：地址由「…」改为「…」". */
  summary: string;
  changes: DescribedChange[];
  /** The recorded before and after, as stored: shown one click away. */
  before: Record<string, unknown> | unknown[] | null;
  after: Record<string, unknown> | unknown[] | null;
  ip: string | null;
}

export interface AuditPage {
  total: number;
  items: DescribedEvent[];
}
