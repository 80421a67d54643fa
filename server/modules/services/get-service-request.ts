/** One service request with its steps, for its parties and the jurisdiction. */
import type { Ctx } from '../../context.js';
import { notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { assertReaches } from './access.js';
import { findRow } from './repo.js';
import { type ServiceRequestDetail, detail } from './present-requests.js';

export async function getServiceRequest(ctx: Ctx, id: string): Promise<ServiceRequestDetail> {
  assertCan(ctx.actor, 'services.request.read');
  const row = await findRow(ctx.db, 'service_request', id);
  if (!row) throw notFound('服务请求', id);
  assertReaches(ctx.actor, 'services.request.read', row, [row.requester_organization_id, row.provider_organization_id], '服务请求');
  return detail(ctx.db, row);
}
