/** Moves a service request along request-workflow.ts, by the side the move belongs to; a step, an audit event and a notification to the other side. */
import { REQUEST_STATUSES, type RequestStatus } from '../../../common/services-vocabulary.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import { assertReaches } from './access.js';
import { appendStep, findRow, updateVersioned } from './repo.js';
import type { RequestTransition } from './schema.js';
import { MOVER, assertTransition } from './request-workflow.js';
import { type ServiceRequestDetail, detail } from './present-requests.js';

export async function transitionServiceRequest(ctx: Ctx, id: string, input: RequestTransition): Promise<ServiceRequestDetail> {
  return inTransaction(ctx, async (trx) => {
    const scope = assertCan(ctx.actor, 'services.request.update');
    const row = await findRow(trx, 'service_request', id);
    if (!row) throw notFound('服务请求', id);
    assertReaches(ctx.actor, 'services.request.update', row, [row.requester_organization_id, row.provider_organization_id], '服务请求');
    const from = row.status as RequestStatus;
    assertTransition(from, input.to);
    const side = MOVER[input.to]!;
    const sideOrg = side === 'provider' ? row.provider_organization_id : row.requester_organization_id;
    if (scope === 'own' && !ctx.actor.organizationIds.includes(sideOrg)) {
      throw new AppError('FORBIDDEN', side === 'provider' ? `只有服务机构可以将请求变为“${REQUEST_STATUSES.label(input.to)}”` : '只有提出请求的单位可以取消请求');
    }
    if (row.version !== input.version) throw new AppError('CONFLICT', `该服务请求已被他人修改（当前版本 ${row.version}，提交版本 ${input.version}），请刷新后重试`, { field: 'version' });
    if (input.to === 'rejected' && !input.note) throw new AppError('VALIDATION', '拒绝服务请求须写明原因', { field: 'note' });
    const now = ctx.clock.now().toISOString();
    if (!(await updateVersioned(trx, 'service_request', id, row.version, { status: input.to, updated_at: now }))) {
      throw new AppError('CONFLICT', '该服务请求已被他人修改，请刷新后重试', { field: 'version' });
    }
    await appendStep(trx, { id: newId(), request_id: id, from_status: from, to_status: input.to, at: now, actor_name: ctx.actor.name, note: input.note ?? null });
    await audit(trx, ctx, {
      action: 'services.request.update', subjectType: 'service_request', subjectId: id,
      before: { status: from, version: row.version }, after: { status: input.to, version: row.version + 1, ...(input.note ? { note: input.note } : {}) },
    });
    // The other side hears of it.
    const recipient = side === 'provider' ? row.requester_organization_id : row.provider_organization_id;
    await sendNotification(trx, ctx, {
      jurisdictionCode: row.jurisdiction_code, recipientOrganizationId: recipient, kind: 'services.request',
      title: `服务请求${REQUEST_STATUSES.label(input.to)}：${row.title}`,
      body: `服务请求“${row.title}”已${REQUEST_STATUSES.label(input.to).replace(/^已/, '')}${input.note ? `。说明：${input.note}` : '。'}`,
      link: `/services/requests/${id}`, dedupeKey: `service-request:${id}:${input.to}`,
    });
    return detail(trx, (await findRow(trx, 'service_request', id))!);
  });
}
