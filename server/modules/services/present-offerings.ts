/**
 * The API's views and the checks shared by the use cases (one per file) of — Service offerings (服务项目, plan (七)): what an agency offers — category, description, price terms,
 * contact. Agencies manage their own; the public directory lists the active ones with the agency.
 */
import { sql } from 'kysely';
import type { OfferingStatus, ServiceCategory } from '../../../common/services-vocabulary.js';
import type { Executor } from '../../context.js';
import { likePattern } from '../registry/organizations.js';
import { type OfferingRow, namesOf } from './repo.js';
import type { OfferingQuery } from './schema.js';

/** Organizations that may offer services: service agencies and technology-transfer institutions. */
export const PROVIDER_KINDS = ['service_agency', 'tech_transfer_institution'];

export interface Offering {
  id: string;
  jurisdictionCode: string;
  organization: { id: string; name: string };
  category: ServiceCategory;
  title: string;
  description: string;
  priceTerms: string;
  contactName: string | null;
  contactPhone: string | null;
  status: OfferingStatus;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function presentOfferings(db: Executor, rows: OfferingRow[]): Promise<Offering[]> {
  const names = await namesOf(db, { organizations: rows.map((r) => r.organization_id) });
  return rows.map((r) => ({
    id: r.id, jurisdictionCode: r.jurisdiction_code, organization: names.organization(r.organization_id)!, category: r.category as ServiceCategory,
    title: r.title, description: r.description, priceTerms: r.price_terms, contactName: r.contact_name, contactPhone: r.contact_phone,
    status: r.status as OfferingStatus, isDemo: r.is_demo === 1, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

export const offeringAudit = (r: OfferingRow) => ({
  organizationId: r.organization_id, category: r.category, title: r.title, description: r.description, priceTerms: r.price_terms,
  contactName: r.contact_name, contactPhone: r.contact_phone, status: r.status,
});

export async function pageOfferings(db: Executor, base: ReturnType<typeof offeringBase>, query: OfferingQuery) {
  let q = base;
  if (query.category) q = q.where('service_offering.category', '=', query.category);
  if (query.organizationId) q = q.where('service_offering.organization_id', '=', query.organizationId);
  if (query.status) q = q.where('service_offering.status', '=', query.status);
  if (query.q) {
    const p = sql<string>`${likePattern(query.q)} escape '\\'`;
    q = q.where((eb) => eb.or([eb('service_offering.title', 'like', p), eb('service_offering.description', 'like', p), eb('organization.name', 'like', p)]));
  }
  const [{ total }] = (await q.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await q.selectAll('service_offering').orderBy('service_offering.category').orderBy('organization.name').orderBy('service_offering.id')
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentOfferings(db, rows), total: Number(total) };
}

export function offeringBase(db: Executor) {
  return db.selectFrom('service_offering').innerJoin('organization', 'organization.id', 'service_offering.organization_id');
}
