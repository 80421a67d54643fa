/**
 * The audit trail: every state change appends events in the same transaction as the change.
 * Events are hash-chained (each hash covers the previous one), and the chain head row is updated
 * by every append, which serializes appenders on both SQLite and PostgreSQL.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Ctx } from '../../context.js';
import type { AuditEventTable, Database } from '../../db/schema.js';
import { insertMany } from '../../db/bulk-insert.js';

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one event: every field but the hash itself, in a fixed order. */
export function hashEvent(e: Omit<AuditEventTable, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq, e.at, e.actor_id, e.actor_name, e.action, e.subject_type, e.subject_id, e.before, e.after, e.ip, e.prev_hash,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Appends events (in order) to the chain; must run inside the change's transaction. */
export async function audit(trx: Transaction<Database>, ctx: Ctx, ...inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', inputs.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = head.seq - inputs.length;
  let prev = head.hash;
  const at = ctx.clock.now().toISOString();
  const rows: AuditEventTable[] = [];
  for (const input of inputs) {
    seq += 1;
    const event = {
      seq,
      at,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      action: input.action,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      before: toJson(input.before),
      after: toJson(input.after),
      ip: ctx.ip,
      prev_hash: prev,
    };
    const hash = hashEvent(event);
    rows.push({ ...event, hash });
    prev = hash;
  }
  await insertMany(trx, ctx.sqlite, 'audit_event', rows);
  await trx.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
}

/** The fields that differ between two versions of a record, for a compact before/after. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
