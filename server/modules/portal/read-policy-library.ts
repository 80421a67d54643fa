/**
 * 政策库: the policy documents the bureau published, and every built-in subsidy policy
 * (policies/*.yaml) not already presented by one of them. The bureau's own documents come first,
 * then the policies of the jurisdictions above it (河南省 for 湛河区), then other places' — each
 * group newest in force first.
 */
import type { PolicyLibraryEntry } from '../../../common/portal-api.js';
import type { Executor } from '../../context.js';
import { builtInPolicy, builtInPolicyIds } from '../subsidies/policy.js';
import { findDivision } from '../registry/divisions.js';
import { subsidyPolicyPath } from './policy-clauses.js';
import { postPath, publishedPosts } from './public-items.js';

export async function readPolicyLibrary(db: Executor, jurisdictionCode: string): Promise<PolicyLibraryEntry[]> {
  const docs = await publishedPosts(db, jurisdictionCode).selectAll().where('kind', '=', 'policy').execute();
  const presented = new Set(docs.map((d) => d.policy_id).filter(Boolean));
  const here = findDivision(jurisdictionCode)?.fullName ?? '';
  const rank = new Map<PolicyLibraryEntry, number>();
  const entries: PolicyLibraryEntry[] = docs.map((d) => ({
    title: d.title,
    documentNumber: d.document_number,
    issuer: d.issuer,
    effectiveOn: d.effective_on,
    expiresOn: d.expires_on,
    path: postPath(d),
    source: '政策文件',
    isDemo: d.is_demo === 1,
  }));
  for (const id of builtInPolicyIds()) {
    if (presented.has(id)) continue;
    const p = builtInPolicy(id)!;
    const entry: PolicyLibraryEntry = { title: p.title, documentNumber: p.document, issuer: p.jurisdiction, effectiveOn: p.effective, expiresOn: p.expires ?? null, path: subsidyPolicyPath(id), source: '奖补政策', isDemo: false };
    rank.set(entry, here.startsWith(p.jurisdiction) ? 1 : 2);
    entries.push(entry);
  }
  return entries.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || (b.effectiveOn ?? '').localeCompare(a.effectiveOn ?? ''));
}
