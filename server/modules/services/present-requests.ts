/**
 * The API's views and the checks shared by the use cases (one per file) of — Service requests (服务请求): an enterprise asks an agency — or one of its offerings — for a service;
 * the agency accepts, works on and completes it (or refuses it); the enterprise may cancel. Each move is
 * a step with its note and an audit event in the same transaction; the other side is notified in-app.
 */
import type { RequestStatus, ServiceCategory } from '../../../common/services-vocabulary.js';
import type { Executor } from '../../context.js';
import { type RequestRow, type RequestStepRow, namesOf, stepsOf } from './repo.js';
import { nextStatuses } from './request-workflow.js';

export interface ServiceRequest {
  id: string;
  jurisdictionCode: string;
  requester: { id: string; name: string };
  provider: { id: string; name: string };
  offering: { id: string; title: string } | null;
  category: ServiceCategory;
  title: string;
  description: string;
  status: RequestStatus;
  nextStatuses: RequestStatus[];
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceRequestDetail extends ServiceRequest {
  steps: { seq: number; from: RequestStatus | null; to: RequestStatus; at: string; actorName: string; note: string | null }[];
}

export async function presentRequests(db: Executor, rows: RequestRow[]): Promise<ServiceRequest[]> {
  const names = await namesOf(db, { organizations: rows.flatMap((r) => [r.requester_organization_id, r.provider_organization_id]), offerings: rows.map((r) => r.offering_id) });
  return rows.map((r) => ({
    id: r.id, jurisdictionCode: r.jurisdiction_code, requester: names.organization(r.requester_organization_id)!, provider: names.organization(r.provider_organization_id)!,
    offering: names.offering(r.offering_id), category: r.category as ServiceCategory, title: r.title, description: r.description,
    status: r.status as RequestStatus, nextStatuses: nextStatuses(r.status as RequestStatus), isDemo: r.is_demo === 1, version: r.version,
    createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

export function presentSteps(rows: RequestStepRow[]): ServiceRequestDetail['steps'] {
  return rows.map((s) => ({ seq: s.seq, from: s.from_status as RequestStatus | null, to: s.to_status as RequestStatus, at: s.at, actorName: s.actor_name, note: s.note }));
}

export async function detail(db: Executor, row: RequestRow): Promise<ServiceRequestDetail> {
  return { ...(await presentRequests(db, [row]))[0]!, steps: presentSteps(await stepsOf(db, row.id)) };
}
