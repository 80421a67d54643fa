/**
 * The audit trail of one record (detail pages' 审计记录 tab) or of everything (/audit):
 * time, actor, action, and the fields whose values differ between `before` and `after`.
 */
import { useState } from 'react';
import { Alert, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import {
  HOLDER_TYPES,
  INDUSTRIES,
  LEVELS,
  ORGANIZATION_KINDS,
  PLATFORM_TYPES,
  QUALIFICATION_TYPES,
  SERVICE_TYPES,
} from '../../../common/vocabulary.js';
import { isApiError } from '../api.js';
import { EMPTY, formatInstant } from '../format.js';
import { isMessageKey, useI18n, type MessageKey } from '../i18n.js';
import { useAudit } from '../queries.js';
import type { AuditEvent } from '../types.js';

const FIELD_LABELS: Record<string, MessageKey> = {
  uscc: 'org.uscc',
  kind: 'org.kind',
  divisionCode: 'org.divisionCode',
  address: 'org.address',
  industries: 'org.industries',
  serviceTypes: 'org.serviceTypes',
  rdFiled: 'org.rdFiled',
  rdFiledOn: 'org.rdFiledOn',
  legalRepresentativeId: 'org.legalRepresentative',
  actualControllerId: 'org.actualController',
  contacts: 'org.contacts',
  qualifications: 'org.qualifications',
  equityHolders: 'org.equityHolders',
  idNumber: 'person.idNumber',
  idNumberMasked: 'person.idNumberMasked',
  phone: 'person.phone',
  roles: 'person.roles',
  affiliations: 'person.affiliations',
  type: 'platform.type',
  level: 'platform.level',
  hostOrganizationId: 'platform.host',
  recognizedOn: 'platform.recognizedOn',
  revokedOn: 'platform.revokedOn',
  documentNumber: 'platform.documentNumber',
  number: 'qual.number',
  issuedOn: 'qual.issuedOn',
  validUntil: 'qual.validUntil',
  holders: 'org.equityHolders',
  created: 'import.created',
  updated: 'import.updated',
  unchanged: 'import.unchanged',
  total: 'import.total',
  username: 'login.username',
  displayName: 'audit.f.displayName',
  jurisdictionCode: 'header.jurisdiction',
  organizationIds: 'audit.f.organizationIds',
  failures: 'audit.f.failures',
  locked: 'audit.f.locked',
};

/** Fields that change on every write and say nothing to a reader. */
const NOISE = new Set(['version', 'updatedAt', 'createdAt', 'id']);

const VOCABULARY_FIELDS: Record<string, { label: (code: string) => string }> = {
  kind: ORGANIZATION_KINDS,
  industries: INDUSTRIES,
  serviceTypes: SERVICE_TYPES,
  holderType: HOLDER_TYPES,
};

const TYPE_VOCABULARY: Record<string, { label: (code: string) => string }> = {
  platform: PLATFORM_TYPES,
};

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose values differ (compared as JSON), in a stable order. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Change[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Change[] = [];
  for (const field of keys) {
    if (NOISE.has(field)) continue;
    const b = before?.[field];
    const a = after?.[field];
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}

function ChangeList({ event }: { event: AuditEvent }) {
  const { t, vocab } = useI18n();
  if (!event.before && !event.after) return <>{EMPTY}</>;
  const changes = changedFields(event.before, event.after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  // A record's creation (or an import summary) has only "after": show it as field → value.
  const onlyAfter = !event.before || Object.keys(event.before).length === 0;
  const show = (field: string, value: unknown): string => {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '∅';
    const vocabulary =
      VOCABULARY_FIELDS[field] ??
      (field === 'type'
        ? event.action.includes('qualification')
          ? QUALIFICATION_TYPES
          : TYPE_VOCABULARY[event.subjectType]
        : field === 'level'
          ? LEVELS
          : undefined);
    if (vocabulary && typeof value === 'string') return vocab(vocabulary, value);
    if (vocabulary && Array.isArray(value)) return value.map((v) => vocab(vocabulary, String(v))).join('、');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    const flat = (v: unknown): string =>
      v && typeof v === 'object'
        ? Object.values(v as Record<string, unknown>).filter((x) => x !== null && x !== undefined && x !== '').map(flat).join(' ')
        : String(v);
    if (Array.isArray(value)) return value.map(flat).join(typeof value[0] === 'object' ? '；' : '、');
    return flat(value);
  };
  return (
    <table className="tt-diff">
      <thead>
        <tr>
          <th>{t('audit.field')}</th>
          {!onlyAfter && <th>{t('audit.before')}</th>}
          <th>{onlyAfter ? t('audit.value') : t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => {
          const label = FIELD_LABELS[change.field];
          return (
            <tr key={change.field} data-field={change.field}>
              <td>{label ? t(label) : change.field === 'name' ? t(event.subjectType === 'person' ? 'person.name' : 'org.name') : change.field}</td>
              {!onlyAfter && <td className="tt-diff-before">{show(change.field, change.before)}</td>}
              <td className={onlyAfter ? undefined : 'tt-diff-after'}>{show(change.field, change.after)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** 新建机构 / 修改人员 / …: the action's own label, else its verb, else the code. */
function ActionTag({ action }: { action: string }) {
  const { t } = useI18n();
  const verb = action.split('.').pop() ?? action;
  const own = `action.${action}`;
  const byVerb = `audit.verb.${verb}`;
  const label = isMessageKey(own) ? t(own) : isMessageKey(byVerb) ? t(byVerb) : action;
  const color =
    verb === 'create' ? 'green' : verb === 'update' || verb === 'replace' ? 'blue' : verb === 'delete' || verb === 'lock' || verb === 'fail' ? 'red' : undefined;
  return (
    <Tooltip title={action}>
      <Tag color={color}>{label}</Tag>
    </Tooltip>
  );
}

const SUBJECT_PATHS: Record<string, string> = {
  organization: '/organizations',
  person: '/people',
  platform: '/platforms',
  contract: '/contracts',
};

export function AuditTable({ subjectType, subjectId, showSubject = false }: { subjectType?: string; subjectId?: string; showSubject?: boolean }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useAudit({ subjectType, subjectId, page, pageSize });

  if (query.isError && isApiError(query.error) && query.error.status === 403) {
    return <Alert type="warning" showIcon title={t('audit.forbidden')} />;
  }

  const columns: ColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => formatInstant(at) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 120, render: (name: string | null) => name ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', width: 110, render: (action: string) => <ActionTag action={action} /> },
  ];
  if (showSubject) {
    columns.push({
      title: t('audit.subject'),
      key: 'subject',
      width: 200,
      render: (_: unknown, event) => {
        const typeKey = `audit.type.${event.subjectType}`;
        const typeLabel = isMessageKey(typeKey) ? t(typeKey) : event.subjectType;
        const base = SUBJECT_PATHS[event.subjectType];
        const name = event.after?.name ?? event.before?.name ?? event.after?.displayName ?? event.after?.username ?? event.subjectId;
        return (
          <span>
            <Tag>{typeLabel}</Tag>
            {base ? <Link to={`${base}/${encodeURIComponent(event.subjectId)}`}>{String(name)}</Link> : String(name)}
          </span>
        );
      },
    });
  }
  columns.push(
    { title: t('audit.changes'), key: 'changes', render: (_: unknown, event) => <ChangeList event={event} /> },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null | undefined) => ip ?? '—' },
  );

  return (
    <div data-testid="audit-table">
      {query.isError && <Alert type="error" showIcon title={query.error.message} style={{ marginBottom: 12 }} />}
      <Table<AuditEvent>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (nextPage, nextSize) => {
            setPage(nextSize !== pageSize ? 1 : nextPage);
            setPageSize(nextSize);
          },
        }}
      />
    </div>
  );
}
