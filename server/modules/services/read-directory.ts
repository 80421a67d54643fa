/** The public directory (服务机构名录): active offerings and one agency with its offerings. */
import type { Executor } from '../../context.js';
import { notFound } from '../../errors.js';
import type { OfferingQuery } from './schema.js';
import { PROVIDER_KINDS, type Offering, presentOfferings, pageOfferings, offeringBase } from './present-offerings.js';

/** The public directory (服务机构名录): active offerings, filtered by category, agency or words. */
export async function listPublicOfferings(db: Executor, query: OfferingQuery): Promise<{ items: Offering[]; total: number }> {
  return pageOfferings(db, offeringBase(db).where('service_offering.status', '=', 'active'), { ...query, status: undefined });
}

export interface PublicAgency {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  serviceTypes: string[];
  contacts: { name: string; title?: string; phone?: string }[];
  offerings: Offering[];
}

/** One agency of the directory with its active offerings (how to reach it through the platform). */
export async function getPublicAgency(db: Executor, id: string): Promise<PublicAgency> {
  const org = await db.selectFrom('organization').select(['id', 'name', 'kind', 'address', 'service_types', 'contacts']).where('id', '=', id).executeTakeFirst();
  if (!org || !PROVIDER_KINDS.includes(org.kind)) throw notFound('服务机构', id);
  const rows = await db.selectFrom('service_offering').selectAll().where('organization_id', '=', id).where('status', '=', 'active').orderBy('category').orderBy('id').execute();
  return {
    id: org.id, name: org.name, kind: org.kind, address: org.address, serviceTypes: JSON.parse(org.service_types) as string[],
    contacts: (JSON.parse(org.contacts) as { name: string; title?: string; phone?: string }[]).map(({ name, title }) => ({ name, ...(title ? { title } : {}) })),
    offerings: await presentOfferings(db, rows),
  };
}
