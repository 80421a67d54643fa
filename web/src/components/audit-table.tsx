/**
 * The audit trail of one record (detail pages' 审计记录 tab) or of everything (/audit): each event
 * as the server words it — who did what to which record, and what changed, in words — with the
 * recorded before/after one click away (原始记录).
 */
import { useState } from 'react';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { isApiError } from '../api.js';
import { formatInstant } from '../format.js';
import { useI18n } from '../i18n.js';
import { type AuditFilters, useAudit } from '../queries.js';
import type { AuditEvent } from '../types.js';

function Changes({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  if (event.changes.length === 0) return null;
  const onlyValues = event.changes.every((c) => c.before === null);
  return (
    <table className="tt-diff">
      <thead>
        <tr>
          <th>{t('audit.field')}</th>
          {!onlyValues && <th>{t('audit.before')}</th>}
          <th>{onlyValues ? t('audit.value') : t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {event.changes.map((change) => (
          <tr key={change.field} data-field={change.field}>
            <td>{change.label}</td>
            {!onlyValues && <td className="tt-diff-before">{change.before}</td>}
            <td className={onlyValues ? undefined : 'tt-diff-after'}>{change.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The recorded before/after as stored, for whoever must see exactly what was written. */
function RawRecord({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!event.before && !event.after) return null;
  return (
    <div>
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(!open)} data-testid="audit-raw-toggle">
        {open ? t('audit.hideRaw') : t('audit.showRaw')}
      </Button>
      {open && (
        <pre className="tt-audit-raw" data-testid="audit-raw">
          {JSON.stringify({ before: event.before, after: event.after }, null, 2)}
        </pre>
      )}
    </div>
  );
}

export function AuditTable({
  showSubject = false,
  ...filters
}: Omit<AuditFilters, 'page' | 'pageSize'> & { showSubject?: boolean }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useAudit({ ...filters, page, pageSize });

  if (query.isError && isApiError(query.error) && query.error.status === 403) {
    return <Alert type="warning" showIcon title={t('audit.forbidden')} />;
  }

  const columns: ColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (at: string) => formatInstant(at) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 130 },
  ];
  if (showSubject) {
    columns.push({
      title: t('audit.subject'),
      key: 'subject',
      width: 220,
      render: (_: unknown, event) => (
        <span>
          <Tag>{event.subject.typeLabel}</Tag>
          {event.subject.path ? <Link to={event.subject.path}>{event.subject.name}</Link> : event.subject.name}
        </span>
      ),
    });
  }
  columns.push(
    {
      title: t('audit.changes'),
      key: 'changes',
      render: (_: unknown, event) => (
        <div data-testid="audit-event">
          <Typography.Paragraph style={{ marginBottom: event.changes.length ? 6 : 0 }} data-testid="audit-summary">
            {event.summary}
          </Typography.Paragraph>
          <Changes event={event} />
          <RawRecord event={event} />
        </div>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
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
