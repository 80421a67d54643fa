/**
 * 门户 (issue 13): what the bureau publishes on the public portal — news (新闻动态), policy documents
 * (政策文件, the plan's text among them), interpretations (政策解读 with their Q&A) and service guides
 * (办事指南). The body is Markdown, rendered with raw HTML off when shown. A post may belong to a
 * built-in subsidy policy (policy_id, a policies/*.yaml id) whose clauses it explains, and an
 * interpretation to the policy document it explains (document_id). Only published posts are public.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text')
    .addColumn('issuer', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('policy_id', 'text')
    .addColumn('document_id', 'text', (c) => c.references('portal_post.id'))
    .addColumn('qa', 'text', (c) => c.notNull()) // JSON QaItem[]
    .addColumn('published_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portal_post_public_idx')
    .on('portal_post')
    .columns(['jurisdiction_code', 'kind', 'status', 'published_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_post').execute();
}
