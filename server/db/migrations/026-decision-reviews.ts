/**
 * 复查 (容错纠错, 尽职免责; plan measure (十七)): a reviewer's decision — a 单位注册 review, an
 * application's 初审 or 复核, an objection's handling, a 变更申请 or 信用修复 decision, a 定价公示
 * objection's answer — re-examined as a recorded case. The decision is frozen into `snapshot` (JSON,
 * with its evidence files' content hashes) when the case is opened, and `snapshot_hash` is its SHA-256,
 * so later changes to the decision's own record never change what the case looked at. `open_key` is
 * set while the case is open and cleared on conclusion: the unique index on (decision_kind,
 * decision_id, open_key) keeps one open case per decision even under concurrent requests (NULLs never
 * collide). Frozen in time.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique()) // 复查编号, FC + Beijing date + daily sequence
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('decision_kind', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('open_key', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('snapshot_hash', 'text', (c) => c.notNull())
    // Who made the decision, copied out of the snapshot: the one who may not conclude the case.
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | concluded
    .addColumn('verdict', 'text') // diligent | erred_but_diligent | not_diligent
    .addColumn('findings', 'text')
    .addColumn('corrective_measure', 'text')
    .addColumn('concluded_by', 'text')
    .addColumn('concluded_by_name', 'text')
    .addColumn('concluded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decision_review_open_uq').on('decision_review').columns(['decision_kind', 'decision_id', 'open_key']).unique().execute();
  await db.schema.createIndex('decision_review_list_idx').on('decision_review').columns(['jurisdiction_code', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decision_review').execute();
}
