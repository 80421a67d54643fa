import type { ReactNode } from 'react';
import { Alert, Button, Result, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { isApiError } from '../api.js';
import { FullPageSpin } from '../auth.js';
import { useI18n } from '../i18n.js';
import { ForbiddenPage } from '../pages/errors.js';

export function PageHeader({ title, extra, back, tags }: { title: ReactNode; extra?: ReactNode; back?: string; tags?: ReactNode }) {
  const navigate = useNavigate();
  const { t } = useI18n();
  return (
    <div className="tt-page-header">
      <Space size="middle" align="center">
        {back && (
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => (window.history.length > 1 ? navigate(-1) : navigate(back))}
            aria-label={t('common.back')}
          />
        )}
        <Typography.Title level={4}>{title}</Typography.Title>
        {tags}
      </Space>
      {extra && <Space>{extra}</Space>}
    </div>
  );
}

/** Loading / 403 / 404 / error states of a detail query, then the page. */
export function QueryGate<T>({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending) return <FullPageSpin />;
  if (query.isError || query.data === undefined) {
    const error = query.error;
    if (isApiError(error) && error.status === 403) return <ForbiddenPage />;
    if (isApiError(error) && error.status === 404) {
      return <Result status="404" title={t('error.notFoundRecord')} subTitle={error.message} />;
    }
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={error instanceof Error ? error.message : ''}
        extra={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <>{children(query.data)}</>;
}

/** Messages from the server that name no field of the form, and the stale-version warning. */
export function FormProblems({ problems, conflict, onReload }: { problems: string[]; conflict?: string | null; onReload?: () => void }) {
  const { t } = useI18n();
  return (
    <>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('common.conflict')}
          description={conflict}
          style={{ marginBottom: 16 }}
          action={onReload && <Button size="small" onClick={onReload}>{t('common.reload')}</Button>}
          data-testid="form-conflict"
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={problems.length === 1 ? problems[0] : t('common.formHasErrors')}
          description={problems.length > 1 ? <ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul> : undefined}
          style={{ marginBottom: 16 }}
          data-testid="form-errors"
        />
      )}
    </>
  );
}
