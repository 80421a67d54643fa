/** An enterprise asks an agency (or one of its offerings) for a service; the agency is notified in-app. */
import type { ServiceCategory } from '../../../common/services-vocabulary.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import { loadOrganization } from './access.js';
import { type RequestRow, appendStep, findRow, insertRow } from './repo.js';
import type { RequestInput } from './schema.js';
import { PROVIDER_KINDS } from './present-offerings.js';
import { type ServiceRequestDetail, detail } from './present-requests.js';

export async function createServiceRequest(ctx: Ctx, input: RequestInput, opts: { isDemo?: boolean } = {}): Promise<ServiceRequestDetail> {
  return inTransaction(ctx, async (trx) => {
    const requester = await loadOrganization(trx, ctx.actor, 'services.request.create', input.requesterOrganizationId, 'requesterOrganizationId');
    let providerId = input.providerOrganizationId;
    let category = input.category;
    if (input.offeringId) {
      const offering = await findRow(trx, 'service_offering', input.offeringId);
      if (!offering || offering.status !== 'active') throw new AppError('VALIDATION', `服务项目不存在或已下架：${input.offeringId}`, { field: 'offeringId' });
      if (providerId && providerId !== offering.organization_id) throw new AppError('VALIDATION', '服务机构与所选服务项目不一致', { field: 'providerOrganizationId' });
      providerId = offering.organization_id;
      category ??= offering.category as ServiceCategory;
    }
    if (!providerId) throw new AppError('VALIDATION', '请选择服务机构或服务项目', { field: 'providerOrganizationId' });
    if (!category) throw new AppError('VALIDATION', '请选择服务类别', { field: 'category' });
    const provider = await loadOrganization(trx, ctx.actor, 'services.request.create', providerId, 'providerOrganizationId', { kinds: PROVIDER_KINDS, kindLabel: '服务机构或技术转移机构', reach: false });
    if (provider.id === requester.id) throw new AppError('VALIDATION', '不能向本单位提出服务请求', { field: 'providerOrganizationId' });
    const now = ctx.clock.now().toISOString();
    const row: RequestRow = {
      id: newId(), jurisdiction_code: requester.jurisdiction_code, requester_organization_id: requester.id, provider_organization_id: provider.id,
      offering_id: input.offeringId ?? null, category, title: input.title, description: input.description, status: 'submitted', created_by: ctx.actor.id,
      is_demo: opts.isDemo ? 1 : 0, version: 1, created_at: now, updated_at: now,
    };
    await insertRow(trx, 'service_request', row);
    await appendStep(trx, { id: newId(), request_id: row.id, from_status: null, to_status: 'submitted', at: now, actor_name: ctx.actor.name, note: null });
    await audit(trx, ctx, {
      action: 'services.request.create', subjectType: 'service_request', subjectId: row.id,
      after: { requesterOrganizationId: row.requester_organization_id, providerOrganizationId: row.provider_organization_id, offeringId: row.offering_id, category, title: row.title, status: 'submitted' },
    });
    await sendNotification(trx, ctx, {
      jurisdictionCode: provider.jurisdiction_code, recipientOrganizationId: provider.id, kind: 'services.request',
      title: `新的服务请求：${row.title}`, body: `${requester.name}向贵机构提出了服务请求“${row.title}”，请在“服务请求”中受理。`,
      link: `/services/requests/${row.id}`, dedupeKey: `service-request:${row.id}:submitted`,
    });
    return detail(trx, row);
  });
}
