import { useEffect, useState } from 'react';
import { Button, Input, Select, Space } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { AUDIT_SUBJECT_LABELS } from '../../../../common/audit-vocabulary.js';
import { AuditTable } from '../../components/audit-table.js';
import { DateFilter } from '../../components/date-filter.js';
import { PageHeader } from '../../components/page.js';
import { useListParams } from '../../components/use-list-params.js';
import { useI18n } from '../../i18n.js';
import { auditExportUrl } from '../../queries.js';

const FILTERS = ['subjectType', 'subjectId', 'actor', 'from', 'to'] as const;

/** 审计日志: every recorded change in words, filtered by kind of record, person and dates; exports to Excel. */
export default function AuditPage() {
  const { t } = useI18n();
  const { values, update } = useListParams(FILTERS);
  const [actor, setActor] = useState(values.actor ?? '');
  useEffect(() => setActor(values.actor ?? ''), [values.actor]);
  const filters = { subjectType: values.subjectType, subjectId: values.subjectId, actor: values.actor, from: values.from, to: values.to };
  return (
    <div className="tt-page">
      <PageHeader
        title={t('audit.title')}
        extra={
          <Button icon={<FileExcelOutlined />} href={auditExportUrl(filters)} data-testid="audit-export">
            {t('audit.export')}
          </Button>
        }
      />
      <Space wrap className="tt-filters">
        <Select
          allowClear
          placeholder={t('audit.subjectType')}
          value={values.subjectType}
          onChange={(subjectType: string | undefined) => update({ subjectType })}
          options={Object.entries(AUDIT_SUBJECT_LABELS).map(([value, label]) => ({ value, label }))}
          style={{ width: 180 }}
          data-testid="audit-subject-type"
        />
        <Input.Search
          allowClear
          placeholder={t('audit.actorSearch')}
          value={actor}
          onChange={(event) => setActor(event.target.value)}
          onSearch={(value) => update({ actor: value.trim() || undefined })}
          style={{ width: 220 }}
          data-testid="audit-actor"
        />
        <DateFilter value={values.from} onChange={(from) => update({ from })} placeholder={t('audit.from')} />
        <DateFilter value={values.to} onChange={(to) => update({ to })} placeholder={t('audit.to')} />
      </Space>
      <AuditTable key={JSON.stringify(filters)} {...filters} showSubject />
    </div>
  );
}
