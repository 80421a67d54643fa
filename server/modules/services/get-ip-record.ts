/** One IP operation record, for its parties and the jurisdiction. */
import type { Ctx } from '../../context.js';
import { type IpRecord, presentIpRecords, loadIpRecord } from './present-ip-records.js';

export async function getIpRecord(ctx: Ctx, id: string): Promise<IpRecord> {
  return (await presentIpRecords(ctx.db, [await loadIpRecord(ctx.db, ctx, 'ip.record.read', id)]))[0]!;
}
