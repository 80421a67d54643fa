/**
 * An audit event in words: "王科员 修改了机构「某公司」：地址由「…」改为「…」". Record ids become names
 * (looked up in the tables that hold them, a page of events at a time), codes become their labels,
 * fen become yuan, basis points become percentages, instants Beijing time. The labels are in
 * common/audit-vocabulary.ts; the raw before/after stay beside the words for whoever needs them.
 */
import { beijingDateTime } from '../../../common/dates.js';
import { AUDIT_ACTION_LABELS, AUDIT_FIELD_LABELS, AUDIT_SUBJECT_LABELS } from '../../../common/audit-vocabulary.js';
import { APPLICATION_STATUSES, NOTICE_STATUSES, OBJECTION_STATUSES, REVIEW_DECISIONS as APPLICATION_REVIEW_DECISIONS } from '../../../common/application-vocabulary.js';
import { DEAL_STAGES, EVENT_KINDS, TERMINATION_REASONS } from '../../../common/deal-vocabulary.js';
import {
  ACHIEVEMENT_STAGES,
  INQUIRY_STATUSES,
  LISTING_STATUSES,
  LISTING_TAGS,
  ORIGIN_REGIONS,
  PRICE_KINDS,
  TRANSFER_MODES,
} from '../../../common/market-vocabulary.js';
import {
  COLLATERAL_KINDS,
  FINANCE_PRODUCT_KINDS,
  FINANCE_PURPOSES,
  IP_RECORD_KINDS,
  NEED_STATUSES,
  OFFER_DECISIONS,
  OFFERING_STATUSES,
  REQUEST_STATUSES,
  SERVICE_CATEGORIES,
} from '../../../common/services-vocabulary.js';
import { REPORT_STATUSES, REPORTING_PERIODS } from '../../../common/supervision-vocabulary.js';
import { RESEARCHER_ROLES, TRAINING_TOPICS } from '../../../common/talent-vocabulary.js';
import {
  BROKER_LEVELS,
  CONTRACT_STATUSES,
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  EMPLOYMENT,
  HOLDER_TYPES,
  INDUSTRIES,
  IP_KINDS,
  LEVELS,
  LICENSE_SCOPES,
  ORGANIZATION_KINDS,
  PERSON_ROLES,
  PLATFORM_TYPES,
  QUALIFICATION_TYPES,
  REJECTION_REASONS,
  SERVICE_TYPES,
  TECH_FIELDS,
  USER_ROLES,
} from '../../../common/vocabulary.js';
import type { DescribedChange, DescribedEvent } from '../../../common/audit-api.js';
import { APPLICANT_TYPES, INVITATION_STATES, LICENSE_KINDS, REGISTRATION_STATUSES } from '../../../common/registration-vocabulary.js';
import { CHANGE_REQUEST_GROUPS, CHANGE_REQUEST_STATUSES } from '../../../common/change-request.js';
import { POST_KINDS, POST_STATUSES } from '../../../common/portal-vocabulary.js';
import { PRICING_METHODS } from '../../../common/pricing-vocabulary.js';
import { DECISION_KINDS, REEXAMINATION_STATUSES, REEXAMINATION_VERDICTS } from '../../../common/reexamination.js';
import type { Executor } from '../../context.js';
import { formatYuan } from '../documents/amount-in-words.js';
import { findDivision } from '../registry/divisions.js';
import { builtInPolicy, builtInPolicyIds } from '../subsidies/policy.js';

type Vocabulary = { table: Record<string, string> };

/** A vocabulary read from the policy files the first time it is needed (policy ids → titles, rule ids → titles). */
function fromPolicies(entries: () => [string, string][]): Vocabulary {
  let table: Record<string, string> | undefined;
  return { get table() { return (table ??= Object.fromEntries(entries())); } };
}
const POLICY_TITLES = fromPolicies(() => builtInPolicyIds().map((id) => [id, builtInPolicy(id)!.title]));
// Rule ids repeat across policies with the same meaning; the first policy's title names it.
const RULE_TITLES = fromPolicies(() => builtInPolicyIds().flatMap((id) => builtInPolicy(id)!.rules.map((r) => [r.id, r.title] as [string, string])).reverse());

/** Codes a field may carry, by field; `subject:field` first where one name means two things. */
const FIELD_VOCABULARIES: Record<string, Vocabulary> = {
  'organization:kind': ORGANIZATION_KINDS,
  'finance_product:kind': FINANCE_PRODUCT_KINDS,
  'market_event:kind': EVENT_KINDS,
  'ip_record:kind': IP_RECORD_KINDS,
  'platform:type': PLATFORM_TYPES,
  'contract:type': CONTRACT_TYPES,
  'organization:type': QUALIFICATION_TYPES, // a qualification recorded on its organization
  'contract:status': CONTRACT_STATUSES,
  'achievement:status': LISTING_STATUSES,
  'demand:status': LISTING_STATUSES,
  'listing_inquiry:status': INQUIRY_STATUSES,
  'subsidy_application:status': APPLICATION_STATUSES,
  'subsidy_notice:status': NOTICE_STATUSES,
  'subsidy_objection:status': OBJECTION_STATUSES,
  'supervision_report:status': REPORT_STATUSES,
  'unit_registration:status': REGISTRATION_STATUSES,
  'unit_invitation:state': INVITATION_STATES,
  'service_offering:status': OFFERING_STATUSES,
  'service_request:status': REQUEST_STATUSES,
  'finance_need:status': NEED_STATUSES,
  'deal:stage': DEAL_STAGES,
  'achievement:stage': ACHIEVEMENT_STAGES,
  'practitioner:level': BROKER_LEVELS,
  'practitioner:role': PERSON_ROLES,
  'contract:role': RESEARCHER_ROLES,
  'contract:reason': REJECTION_REASONS,
  'ipItems.type': IP_KINDS,
  'ipItems.kind': IP_KINDS,
  'holders.type': HOLDER_TYPES,
  // 奖补申报 and its settlement runs
  'subsidy_application:decision': APPLICATION_REVIEW_DECISIONS,
  'awards.rule': RULE_TITLES,
  rules: RULE_TITLES,
  policy: POLICY_TITLES,
  policyId: POLICY_TITLES,
  beneficiaryKind: { table: { organization: '单位', person: '个人（技术经纪人）' } },
  'settlement_run:scope': { table: { registry: '全库测算（免申即享）', applications: '申报单位' } },
  kind: ORGANIZATION_KINDS,
  type: QUALIFICATION_TYPES,
  industries: INDUSTRIES,
  serviceTypes: SERVICE_TYPES,
  holderType: HOLDER_TYPES,
  holder_type: HOLDER_TYPES,
  level: LEVELS,
  roles: PERSON_ROLES,
  role: PERSON_ROLES,
  employment: EMPLOYMENT,
  subtype: CONTRACT_SUBTYPES,
  licenseScope: LICENSE_SCOPES,
  techField: TECH_FIELDS,
  technicalField: TECH_FIELDS,
  ipKind: IP_KINDS,
  rejectionReason: REJECTION_REASONS,
  transferModes: TRANSFER_MODES,
  priceKind: PRICE_KINDS,
  originRegion: ORIGIN_REGIONS,
  tags: LISTING_TAGS,
  stage: ACHIEVEMENT_STAGES,
  terminationReason: TERMINATION_REASONS,
  reason: TERMINATION_REASONS,
  category: SERVICE_CATEGORIES,
  collateralKinds: COLLATERAL_KINDS,
  purpose: FINANCE_PURPOSES,
  decision: OFFER_DECISIONS,
  topic: TRAINING_TOPICS,
  period: REPORTING_PERIODS,
  requiredQualifications: QUALIFICATION_TYPES,
  orgKind: ORGANIZATION_KINDS,
  applicantType: APPLICANT_TYPES,
  licenseKind: LICENSE_KINDS,
  requestGroup: CHANGE_REQUEST_GROUPS,
  requestStatus: CHANGE_REQUEST_STATUSES,
  'portal_post:kind': POST_KINDS,
  'portal_post:status': POST_STATUSES,
  pricingMethod: PRICING_METHODS,
  decisionKind: DECISION_KINDS,
  caseStatus: REEXAMINATION_STATUSES,
  verdict: REEXAMINATION_VERDICTS,
};

/** Where the names of referenced records live. */
const NAME_TABLES: { table: string; name: string; type: string }[] = [
  { table: 'organization', name: 'name', type: 'organization' },
  { table: 'person', name: 'name', type: 'person' },
  { table: 'platform', name: 'name', type: 'platform' },
  { table: 'app_user', name: 'display_name', type: 'user' },
  { table: 'contract', name: 'name', type: 'contract' },
  { table: 'achievement', name: 'title', type: 'achievement' },
  { table: 'demand', name: 'title', type: 'demand' },
  { table: 'deal', name: 'title', type: 'deal' },
  { table: 'market_event', name: 'title', type: 'market_event' },
  { table: 'training_course', name: 'title', type: 'training_course' },
  { table: 'service_offering', name: 'title', type: 'service_offering' },
  { table: 'service_request', name: 'title', type: 'service_request' },
  { table: 'finance_product', name: 'name', type: 'finance_product' },
  { table: 'finance_need', name: 'title', type: 'finance_need' },
  { table: 'subsidy_notice', name: 'title', type: 'subsidy_notice' },
  { table: 'subsidy_application', name: 'number', type: 'subsidy_application' },
  { table: 'supervision_plan', name: 'title', type: 'supervision_plan' },
  { table: 'supervision_measure', name: 'heading', type: 'supervision_measure' },
  { table: 'supervision_unit', name: 'name', type: 'supervision_unit' },
  { table: 'ip_record', name: 'ip_title', type: 'ip_record' },
  { table: 'unit_registration', name: 'number', type: 'unit_registration' },
  { table: 'portal_post', name: 'title', type: 'portal_post' },
  { table: 'settlement_run', name: 'policy_title', type: 'settlement_run' },
  { table: 'decision_review', name: 'number', type: 'decision_review' },
];

/** Where a record of each kind is shown in the web app. */
const SUBJECT_PATHS: Record<string, string> = {
  organization: '/organizations',
  person: '/people',
  platform: '/platforms',
  contract: '/contracts',
  deal: '/deals',
  market_event: '/events',
  subsidy_notice: '/notices',
  subsidy_application: '/applications',
  decision_review: '/reexaminations',
};

/** Fields that change with every write and tell a reader nothing. */
const NOISE = new Set(['version', 'updatedAt', 'createdAt', 'updated_at', 'created_at', 'id', 'requestId']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
export const EMPTY_VALUE = '（空）';
/** What an unlabelled field is called: describe.test.ts fails when the demo produces it. */
export const UNLABELLED_FIELD = '其他信息';

export interface AuditEventRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: string | null;
  after: string | null;
  ip: string | null;
}

/** A field's label; `subject:field` first where one name means two things (a notice's issuer, a login's). */
export function fieldLabel(field: string, subjectType?: string): string {
  return (subjectType && AUDIT_FIELD_LABELS[`${subjectType}:${field}`]) || AUDIT_FIELD_LABELS[field] || UNLABELLED_FIELD;
}

function beijingTime(iso: string): string {
  return beijingDateTime(iso);
}

/** Every id-looking string anywhere in a value. */
function collectIds(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectIds(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectIds(v, into);
  }
}

/** Names of the given ids, from every table that holds named records; a page's worth at a time. */
async function namesOf(db: Executor, ids: Set<string>): Promise<Map<string, { name: string; type: string }>> {
  const found = new Map<string, { name: string; type: string }>();
  const wanted = [...ids];
  if (wanted.length === 0) return found;
  for (const { table, name, type } of NAME_TABLES) {
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length === 0) break;
    const rows = (await db
      .selectFrom(table as 'organization')
      .select(['id', `${name} as name` as 'name'])
      .where('id', 'in', missing)
      .execute()) as { id: string; name: string | null }[];
    for (const r of rows) found.set(r.id, { name: r.name ?? AUDIT_SUBJECT_LABELS[type] ?? '', type });
  }
  return found;
}

export class ValueWords {
  constructor(private readonly names: Map<string, { name: string }>) {}

  /** A field's value in words; `parent` is the field holding it when it sits inside a list or object. */
  text(subjectType: string, field: string, value: unknown, parent?: string): string {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      // Lists kept as JSON text in a row copy (required qualifications, collateral kinds …).
      try {
        return this.text(subjectType, field, JSON.parse(value), parent);
      } catch {
        // not JSON after all: words as they are
      }
    }
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return EMPTY_VALUE;
    const vocabulary = (parent && FIELD_VOCABULARIES[`${parent}.${field}`]) || FIELD_VOCABULARIES[`${subjectType}:${field}`] || FIELD_VOCABULARIES[field];
    if (Array.isArray(value)) {
      const parts = value.map((v) => this.text(subjectType, field, v, parent));
      return parts.join(value.some((v) => v && typeof v === 'object') ? '；' : '、');
    }
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>)
        .filter(([k, v]) => !NOISE.has(k) && v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => `${fieldLabel(k)}：${this.text(subjectType, k, v, field)}`)
        .join('，');
    }
    if (typeof value === 'number' || /^-?\d+$/.test(String(value))) {
      if (/Fen$/.test(field)) return `${formatYuan(BigInt(value as number))} 元`;
      if (/Bp$|_bp$/.test(field)) return `${Number(value) / 100}%`;
      if (/_x10$/.test(field)) return `${Number(value) / 10}`;
    }
    const s = String(value);
    if (UUID.test(s)) return this.names.get(s)?.name ?? '（已删除的记录）';
    if (vocabulary && Object.hasOwn(vocabulary.table, s)) return vocabulary.table[s]!;
    if ((field === 'divisionCode' || field === 'implementationDivision' || field === 'jurisdictionCode' || field === 'jurisdiction_code') && /^\d{6}$/.test(s)) {
      return findDivision(s)?.fullName ?? s;
    }
    if (field === 'roles' || field === 'role') {
      const userRole = (USER_ROLES.table as Record<string, string>)[s];
      if (userRole) return userRole;
    }
    if (INSTANT.test(s)) return beijingTime(s);
    if (/hash$|Hash$/.test(field) && /^[0-9a-f]{64}$/.test(s)) return `文件（指纹 ${s.slice(0, 8)}…）`;
    return s;
  }
}

/** What a whole list recorded as before/after is, by action (a list of equity holders, of researchers). */
const LIST_FIELDS: Record<string, string> = {
  'registry.equity.replace': 'holders',
  'talent.researcher.write': 'researchers',
};

function changesOf(
  words: ValueWords,
  subjectType: string,
  action: string,
  before: Record<string, unknown> | unknown[] | null,
  after: Record<string, unknown> | unknown[] | null,
): DescribedChange[] {
  if (Array.isArray(before) || Array.isArray(after)) {
    const field = LIST_FIELDS[action] ?? 'items';
    return changesOf(words, subjectType, action, before === null ? null : { [field]: before }, after === null ? null : { [field]: after });
  }
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: DescribedChange[] = [];
  const onlyAfter = !before || Object.keys(before).length === 0;
  for (const field of keys) {
    if (NOISE.has(field)) continue;
    const b = before?.[field];
    const a = after?.[field];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes.push({
      field,
      label: fieldLabel(field, subjectType),
      before: onlyAfter ? null : words.text(subjectType, field, b),
      after: words.text(subjectType, field, a),
    });
  }
  return changes;
}

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? '进行了操作';
}

function sentence(event: Omit<DescribedEvent, 'summary'>, isOwnAccount: boolean): string {
  const phrase = actionLabel(event.action);
  // 新建了机构 already names the kind of record: 新建了机构「某公司」, not 新建了机构机构「某公司」.
  const kind = phrase.endsWith(event.subject.typeLabel) && !phrase.includes('{subject}') ? '' : event.subject.typeLabel;
  const subject = isOwnAccount ? '' : `${kind}「${event.subject.name}」`;
  const head = phrase.includes('{subject}') ? phrase.replace('{subject}', subject) : `${phrase}${subject}`;
  const shown = event.changes.slice(0, 3).map((c) => (c.before === null ? `${c.label}「${c.after}」` : `${c.label}由「${c.before}」改为「${c.after}」`));
  const more = event.changes.length > 3 ? `等 ${event.changes.length} 项` : '';
  return `${event.actorName} ${head}${shown.length ? `：${shown.join('；')}${more}` : ''}`;
}

/** Describes a page of events, in the order given; ids are looked up once for the page. */
export async function describeEvents(db: Executor, rows: AuditEventRow[]): Promise<DescribedEvent[]> {
  const parsed = rows.map((r) => ({
    row: r,
    before: r.before ? (JSON.parse(r.before) as Record<string, unknown> | unknown[]) : null,
    after: r.after ? (JSON.parse(r.after) as Record<string, unknown> | unknown[]) : null,
  }));
  const ids = new Set<string>();
  for (const p of parsed) {
    if (UUID.test(p.row.subject_id)) ids.add(p.row.subject_id);
    collectIds(p.before, ids);
    collectIds(p.after, ids);
  }
  const names = await namesOf(db, ids);
  const words = new ValueWords(names);
  return parsed.map(({ row, before, after }) => {
    const a = Array.isArray(after) ? null : after;
    const b = Array.isArray(before) ? null : before;
    const recorded = (a?.name ?? a?.title ?? b?.name ?? b?.title ?? a?.displayName ?? a?.username) as string | undefined;
    const subjectType = row.subject_type === 'achievement' || row.subject_type === 'demand' || !names.get(row.subject_id) ? row.subject_type : names.get(row.subject_id)!.type;
    const base = {
      seq: Number(row.seq),
      at: row.at,
      actorName: row.actor_name === 'system' ? '系统' : row.actor_name,
      action: row.action,
      actionLabel: actionLabel(row.action),
      subject: {
        type: subjectType,
        typeLabel: AUDIT_SUBJECT_LABELS[subjectType] ?? '记录',
        id: row.subject_id,
        name: names.get(row.subject_id)?.name ?? recorded ?? (AUDIT_SUBJECT_LABELS[subjectType] ?? '记录'),
        path: SUBJECT_PATHS[subjectType] && UUID.test(row.subject_id) ? `${SUBJECT_PATHS[subjectType]}/${row.subject_id}` : null,
      },
      changes: changesOf(words, row.subject_type, row.action, before, after),
      before,
      after,
      ip: row.ip,
    };
    const isOwnAccount = row.subject_type === 'user' && row.subject_id === row.actor_id;
    return { ...base, summary: sentence(base, isOwnAccount) };
  });
}
