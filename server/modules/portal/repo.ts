/** The portal's rows and how an operator sees them; the audit's copy of a post (words, no Markdown). */
import type { PortalPost, QaItem } from '../../../common/portal-api.js';
import type { PostKind, PostStatus } from '../../../common/portal-vocabulary.js';
import type { Executor } from '../../context.js';
import type { PortalPostTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { builtInPolicy } from '../subsidies/policy.js';

export type PostRow = PortalPostTable;

export const parseQa = (row: PostRow): QaItem[] => JSON.parse(row.qa) as QaItem[];

export async function documentTitles(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('portal_post').select(['id', 'title']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function presentPosts(db: Executor, rows: PostRow[]): Promise<PortalPost[]> {
  const titles = await documentTitles(db, rows.map((r) => r.document_id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as PostKind,
    status: r.status as PostStatus,
    title: r.title,
    abstract: r.abstract,
    body: r.body,
    documentNumber: r.document_number,
    issuer: r.issuer,
    effectiveOn: r.effective_on,
    expiresOn: r.expires_on,
    policyId: r.policy_id,
    policyTitle: r.policy_id ? (builtInPolicy(r.policy_id)?.title ?? null) : null,
    documentId: r.document_id,
    documentTitle: r.document_id ? (titles.get(r.document_id) ?? null) : null,
    qa: parseQa(r),
    publishedAt: r.published_at,
    isDemo: r.is_demo === 1,
    version: r.version,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
  }));
}

/** What the audit log keeps of a post: its words and sizes, not its Markdown. */
export function postAudit(row: PostRow, documentTitle: string | null): Record<string, unknown> {
  return {
    kind: row.kind,
    title: row.title,
    status: row.status,
    abstract: row.abstract,
    documentNumber: row.document_number,
    issuer: row.issuer,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    policy: row.policy_id ? (builtInPolicy(row.policy_id)?.title ?? null) : null,
    interpretedDocument: documentTitle,
    bodyChars: [...row.body].length,
    qaCount: parseQa(row).length,
  };
}

export async function loadPost(db: Executor, id: string, jurisdictionCode: string): Promise<PostRow> {
  const row = await db.selectFrom('portal_post').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !row.jurisdiction_code.startsWith(jurisdictionCode)) throw new AppError('NOT_FOUND', '没有找到这篇门户内容（可能已删除或不在本辖区）');
  return row;
}

/** The links a post names must exist: its subsidy policy, and the policy document an interpretation explains. */
export async function checkLinks(
  db: Executor,
  jurisdictionCode: string,
  post: { kind: string; policy_id: string | null; document_id: string | null; effective_on: string | null; expires_on: string | null; id: string },
): Promise<void> {
  if (post.policy_id && !builtInPolicy(post.policy_id)) throw new AppError('VALIDATION', '所依据的奖补政策不存在，请从列表中选择', { field: 'policyId' });
  if (post.document_id) {
    if (post.kind !== 'interpretation') throw new AppError('VALIDATION', '只有政策解读可以关联所解读的政策文件', { field: 'documentId' });
    if (post.document_id === post.id) throw new AppError('VALIDATION', '政策解读不能关联它自己', { field: 'documentId' });
    const doc = await db.selectFrom('portal_post').select(['kind', 'jurisdiction_code']).where('id', '=', post.document_id).executeTakeFirst();
    if (!doc || doc.kind !== 'policy' || doc.jurisdiction_code !== jurisdictionCode) throw new AppError('VALIDATION', '所解读的政策文件不存在，请从本辖区的政策文件中选择', { field: 'documentId' });
  }
  if (post.effective_on && post.expires_on && post.expires_on < post.effective_on) throw new AppError('VALIDATION', '失效日期不能早于生效日期', { field: 'expiresOn' });
}
