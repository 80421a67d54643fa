/**
 * One application as the reviewer sees it: what the applicant proposes, the registry's record for
 * the credit code (when it holds one) with every compared field marked where they differ, the
 * evidence (current and of earlier submissions), the account it would create, and the history.
 */
import type { RegistrationDetail, RegistrationDifference, RegistrationEvidence, RegistryMatch } from '../../../common/registration-api.js';
import { LICENSE_KINDS, REGISTRATION_ACTIONS, type LicenseKind, type RegistrableKind, type RegistrationAction, UNIT_ROLE_OF_KIND, isRegistrableKind } from '../../../common/registration-vocabulary.js';
import { ORGANIZATION_KINDS } from '../../../common/vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { notFound } from '../../errors.js';
import { findDivision } from '../registry/divisions.js';
import { findOrganizationByUscc } from '../registry/organization-repo.js';
import { EVIDENCE_LABELS } from './application-fields.js';
import { presentSummaries } from './list-registrations.js';
import { loadRegistrationForReview } from './review-access.js';
import { type RegistrationRow, stepsOf, unitAdminsOf, usernameInUse } from './repo.js';

async function registryMatchOf(db: Executor, uscc: string): Promise<RegistryMatch | null> {
  const org = await findOrganizationByUscc(db, uscc);
  if (!org) return null;
  const [rep, admins] = await Promise.all([
    org.legal_representative_id ? db.selectFrom('person').select('name').where('id', '=', org.legal_representative_id).executeTakeFirst() : undefined,
    unitAdminsOf(db, [org.id]),
  ]);
  return {
    id: org.id,
    name: org.name,
    uscc: org.uscc,
    kind: org.kind,
    divisionCode: org.division_code,
    divisionName: findDivision(org.division_code)?.fullName ?? null,
    address: org.address,
    legalRepresentativeName: rep?.name ?? null,
    unitAdmins: admins.filter((a) => a.disabled === 0).map((a) => ({ name: a.display_name, username: a.username })),
  };
}

export function differencesOf(row: RegistrationRow, match: RegistryMatch | null): RegistrationDifference[] {
  if (!match) return [];
  const division = (code: string | null) => (code ? `${findDivision(code)?.fullName ?? ''}（${code}）` : '');
  const compared: [RegistrationDifference['field'], string, string, string][] = [
    ['name', '单位名称', row.org_name ?? '', match.name],
    ['kind', '单位类型', ORGANIZATION_KINDS.label(row.org_kind ?? ''), ORGANIZATION_KINDS.label(match.kind)],
    ['division', '所在地区', division(row.division_code), division(match.divisionCode)],
    ['address', '单位地址', row.address ?? '', match.address ?? ''],
    ['legalRepresentative', '法定代表人', row.legal_rep_name ?? '', match.legalRepresentativeName ?? ''],
  ];
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/[（(]/g, '(').replace(/[）)]/g, ')');
  return compared.map(([field, label, proposed, registered]) => ({ field, label, proposed, registered, differs: norm(proposed) !== norm(registered) }));
}

async function evidenceOf(db: Executor, row: RegistrationRow, snapshots: (string | null)[]): Promise<{ current: RegistrationEvidence[]; earlier: RegistrationEvidence[] }> {
  const current = [
    { role: 'license' as const, hash: row.license_hash },
    { role: 'authorization' as const, hash: row.authorization_hash },
  ].filter((e): e is { role: 'license' | 'authorization'; hash: string } => !!e.hash);
  const seen = new Set(current.map((e) => e.hash));
  const earlier: { role: 'license' | 'authorization'; hash: string }[] = [];
  for (const snapshot of snapshots) {
    if (!snapshot) continue;
    const evidence = (JSON.parse(snapshot) as { evidence?: { license?: string | null; authorization?: string | null } }).evidence ?? {};
    for (const role of ['license', 'authorization'] as const) {
      const hash = evidence[role];
      if (hash && !seen.has(hash)) {
        seen.add(hash);
        earlier.push({ role, hash });
      }
    }
  }
  const hashes = [...seen];
  const files = hashes.length ? await db.selectFrom('evidence_file').select(['hash', 'mime', 'size']).where('hash', 'in', hashes).execute() : [];
  const byHash = new Map(files.map((f) => [f.hash, f]));
  const label = (role: 'license' | 'authorization') =>
    role === 'license' ? LICENSE_KINDS.label(row.license_kind ?? 'business_license') : EVIDENCE_LABELS.authorization;
  const present = (e: { role: 'license' | 'authorization'; hash: string }): RegistrationEvidence => ({
    role: e.role,
    label: label(e.role),
    hash: e.hash,
    mime: byHash.get(e.hash)?.mime ?? 'application/octet-stream',
    size: Number(byHash.get(e.hash)?.size ?? 0),
  });
  return { current: current.map(present), earlier: earlier.map(present) };
}

export async function presentRegistrationDetail(db: Executor, row: RegistrationRow): Promise<RegistrationDetail> {
  const [[summary], match, steps, taken, outcome] = await Promise.all([
    presentSummaries(db, [row]),
    registryMatchOf(db, row.uscc!),
    stepsOf(db, row.id),
    row.status === 'approved' ? Promise.resolve(null) : usernameInUse(db, row.username, row.id),
    row.status === 'approved' && row.organization_id
      ? db.selectFrom('organization').select(['id', 'name']).where('id', '=', row.organization_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const evidence = await evidenceOf(db, row, steps.map((s) => s.snapshot));
  const kind = (row.org_kind ?? 'enterprise') as RegistrableKind;
  return {
    ...summary!,
    address: row.address ?? '',
    legalRepName: row.legal_rep_name ?? '',
    legalRepIdMasked: row.legal_rep_id_masked,
    licenseKind: (row.license_kind ?? 'business_license') as LicenseKind,
    evidence: evidence.current,
    earlierEvidence: evidence.earlier,
    // After approval the unit is the registry's: nothing is left to compare.
    registryMatch: row.status === 'approved' ? null : match,
    differences: row.status === 'approved' ? [] : differencesOf(row, match),
    creditCodeDivisionName: findDivision(row.uscc!.slice(2, 8))?.fullName ?? null,
    role: UNIT_ROLE_OF_KIND[match && isRegistrableKind(match.kind) && row.status !== 'approved' ? match.kind : kind],
    usernameTaken: taken === 'account',
    steps: steps.map((s) => ({
      seq: Number(s.seq),
      action: (s.action in REGISTRATION_ACTIONS.table ? s.action : 'submit') as RegistrationAction,
      at: s.at,
      actorName: s.actor_name,
      reason: s.reason,
    })),
    outcome: outcome ? { organizationId: outcome.id, organizationName: outcome.name, username: row.username } : null,
  };
}

export async function getRegistration(ctx: Ctx, id: string): Promise<RegistrationDetail> {
  return presentRegistrationDetail(ctx.db, await loadRegistrationForReview(ctx.db, ctx.actor, id));
}

/** An evidence file of the application (current or of an earlier submission), for the reviewer. */
export async function readRegistrationEvidence(ctx: Ctx, id: string, hash: string): Promise<{ mime: string; size: number; content: Buffer; label: string }> {
  const row = await loadRegistrationForReview(ctx.db, ctx.actor, id);
  const detail = await presentRegistrationDetail(ctx.db, row);
  const item = [...detail.evidence, ...detail.earlierEvidence].find((e) => e.hash === hash);
  if (!item) throw notFound('证明文件', hash.slice(0, 12));
  const file = await ctx.db.selectFrom('evidence_file').select(['mime', 'size', 'content']).where('hash', '=', hash).executeTakeFirst();
  if (!file) throw notFound('证明文件', hash.slice(0, 12));
  return { mime: file.mime, size: Number(file.size), content: Buffer.from(file.content), label: item.label };
}
