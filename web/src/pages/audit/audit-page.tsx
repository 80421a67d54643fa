import { useEffect, useState } from 'react';
import { Input, Select, Space } from 'antd';
import { AuditTable } from '../../components/audit-table.js';
import { PageHeader } from '../../components/page.js';
import { useListParams } from '../../components/use-list-params.js';
import { useI18n, type MessageKey } from '../../i18n.js';

const FILTERS = ['subjectType', 'subjectId'] as const;
const SUBJECT_TYPES = ['organization', 'person', 'platform', 'user', 'import'] as const;

/** 审计日志: every recorded change, filtered by subject. */
export default function AuditPage() {
  const { t } = useI18n();
  const { values, update } = useListParams(FILTERS);
  const [subjectId, setSubjectId] = useState(values.subjectId ?? '');
  useEffect(() => setSubjectId(values.subjectId ?? ''), [values.subjectId]);
  return (
    <div className="tt-page">
      <PageHeader title={t('audit.title')} />
      <Space wrap className="tt-filters">
        <Select
          allowClear
          placeholder={t('audit.subjectType')}
          value={values.subjectType}
          onChange={(subjectType: string | undefined) => update({ subjectType })}
          options={SUBJECT_TYPES.map((type) => ({ value: type, label: t(`audit.type.${type}` as MessageKey) }))}
          style={{ width: 160 }}
          data-testid="audit-subject-type"
        />
        <Input.Search
          allowClear
          placeholder={t('audit.subjectId')}
          value={subjectId}
          onChange={(event) => setSubjectId(event.target.value)}
          onSearch={(value) => update({ subjectId: value.trim() })}
          style={{ width: 320 }}
        />
      </Space>
      <AuditTable key={`${values.subjectType ?? ''}|${values.subjectId ?? ''}`} subjectType={values.subjectType} subjectId={values.subjectId} showSubject />
    </div>
  );
}
