/**
 * Walks the audit chain in order and names the first event that was altered, inserted or is
 * missing. Reads in pages so a chain of millions of events stays in constant memory.
 */
import type { Executor } from '../../context.js';
import { GENESIS_HASH, hashEvent } from './audit.js';

export type ChainProblem =
  | { kind: 'altered'; seq: number; message: string }
  | { kind: 'inserted'; seq: number; message: string }
  | { kind: 'missing'; seq: number; message: string };

export interface ChainReport {
  ok: boolean;
  events: number;
  problem?: ChainProblem;
}

export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<ChainReport> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    for (const event of page) {
      if (event.seq > head.seq) {
        return fail(count, { kind: 'inserted', seq: event.seq, message: `第 ${event.seq} 条事件在链头（${head.seq}）之后，系插入` });
      }
      if (event.seq !== expectedSeq) {
        return fail(count, { kind: 'missing', seq: expectedSeq, message: `第 ${expectedSeq} 条事件缺失` });
      }
      const { hash, ...rest } = event;
      if (event.prev_hash !== prevHash) {
        return fail(count, { kind: 'inserted', seq: event.seq, message: `第 ${event.seq} 条事件的前序哈希与链不符（被插入或替换）` });
      }
      if (hashEvent(rest) !== hash) {
        return fail(count, { kind: 'altered', seq: event.seq, message: `第 ${event.seq} 条事件内容被篡改` });
      }
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  if (count < head.seq) {
    return fail(count, { kind: 'missing', seq: count + 1, message: `第 ${count + 1} 至 ${head.seq} 条事件缺失` });
  }
  if (head.hash !== prevHash) {
    return fail(count, { kind: 'altered', seq: head.seq, message: `链头哈希与第 ${head.seq} 条事件不符` });
  }
  return { ok: true, events: count };
}

function fail(events: number, problem: ChainProblem): ChainReport {
  return { ok: false, events, problem };
}
