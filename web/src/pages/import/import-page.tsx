/**
 * 数据导入: pick what to import, upload a .csv / .xlsx file (XMLHttpRequest, with progress),
 * then either the summary (新增 / 更新 / 未变) or, when any row is invalid, the whole error
 * report — the server imports all rows or none.
 */
import { useState } from 'react';
import { Alert, Card, Col, Form, Progress, Row, Select, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { isApiError } from '../../api.js';
import { PageHeader } from '../../components/page.js';
import { useI18n, type MessageKey } from '../../i18n.js';
import { useImport, useImportProgress } from '../../queries.js';
import type { ImportKind, ImportProblem, ImportProgress, ImportResult } from '../../types.js';

const KINDS: ImportKind[] = ['organizations', 'people', 'platforms', 'qualifications', 'equity'];

type Row = ImportProblem & { key: number };

function problemsOf(details: unknown[]): Row[] {
  return details
    .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
    .map((d, key) => ({
      key,
      line: Number(d.line ?? 0),
      column: String(d.column ?? ''),
      value: d.value,
      reason: String(d.reason ?? d.message ?? ''),
    }));
}

function showValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export default function ImportPage() {
  const { t } = useI18n();
  const importer = useImport();
  return (
    <div className="tt-page">
      <PageHeader title={t('import.title')} />
      <ImportPanel
        kinds={KINDS.map((k) => ({ value: k, label: t(`import.kind.${k}` as MessageKey) }))}
        importer={importer}
        templateUrl={(kind) => `/api/import/${kind}/template.xlsx`}
        withServerProgress
      />
    </div>
  );
}

/** What an import panel drives: a mutation that uploads one file of one kind (see `useImport`). */
export interface Importer<K extends string> {
  mutate: (
    variables: { kind: K; file: File; progressId: string; onProgress: (percent: number) => void },
    callbacks: { onSuccess: (result: ImportResult) => void; onError: (error: unknown) => void },
  ) => void;
  reset: () => void;
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  data: ImportResult | undefined;
  error: unknown;
}

/**
 * The kind picker, the kind's XLSX template, the upload with progress, and the
 * answer: the summary, or the whole bad-row report. Used by 数据导入 and by other modules' imports.
 */
export function ImportPanel<K extends string>({
  kinds,
  importer,
  templateUrl,
  withServerProgress = false,
}: {
  kinds: { value: K; label: string }[];
  importer: Importer<K>;
  /** The kind's XLSX template: its columns, one example row and the 填写说明 sheet. */
  templateUrl: (kind: K) => string;
  /** Poll /api/import/progress while the server works (the registry's imports report it). */
  withServerProgress?: boolean;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<K>(kinds[0]!.value);
  const [progress, setProgress] = useState<number | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [progressId, setProgressId] = useState<string | null>(null);
  const [typeError, setTypeError] = useState(false);
  const serverProgress = useImportProgress(progressId, withServerProgress && importer.isPending && (progress ?? 0) >= 100);

  const error = importer.error;
  const invalid = isApiError(error) && error.code === 'IMPORT_INVALID';
  const problems = isApiError(error) && invalid ? problemsOf(error.details) : [];
  const badLines = new Set(problems.map((p) => p.line)).size;

  return (
    <>
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label={t('import.kind')} htmlFor="import-kind">
          <Select<K>
            id="import-kind"
            data-testid="import-kind"
            value={kind}
            disabled={importer.isPending}
            onChange={(next) => {
              setKind(next);
              importer.reset();
              setProgress(null);
              setFileName(null);
            }}
            options={kinds}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Typography.Paragraph>
          <a href={templateUrl(kind)} download data-testid="import-template">
            <DownloadOutlined /> {t('import.template')}
          </a>
        </Typography.Paragraph>
        <div data-testid="import-upload">
          <Upload.Dragger
            id="import-file"
            name="file"
            accept=".csv,.xlsx"
            multiple={false}
            maxCount={1}
            showUploadList={false}
            disabled={importer.isPending}
            beforeUpload={(file) => {
              const ok = /\.(csv|xlsx)$/i.test(file.name);
              setTypeError(!ok);
              return ok ? true : Upload.LIST_IGNORE;
            }}
            customRequest={(options) => {
              const file = options.file as File;
              setFileName(file.name);
              setProgress(0);
              const id = randomId();
              setProgressId(id);
              importer.mutate(
                {
                  kind,
                  progressId: id,
                  file,
                  onProgress: (percent) => {
                    setProgress(percent);
                    options.onProgress?.({ percent });
                  },
                },
                {
                  onSuccess: (result) => options.onSuccess?.(result),
                  onError: (e) => options.onError?.(e as Error),
                },
              );
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.choose')}</p>
            {fileName && <p className="ant-upload-hint">{fileName}</p>}
          </Upload.Dragger>
        </div>
        {typeError && <Alert type="error" showIcon title={t('import.badType')} style={{ marginTop: 12 }} />}
        {progress !== null && (
          <div style={{ marginTop: 12 }} data-testid="import-progress">
            <Progress
              percent={progress}
              status={importer.isPending ? 'active' : importer.isError ? 'exception' : 'success'}
            />
            {importer.isPending && progress >= 100 && <ServerProgress progress={withServerProgress ? serverProgress.data : undefined} />}
          </div>
        )}
      </Form>

      {importer.isSuccess && importer.data && (
        <Card title={t('import.success')} style={{ marginTop: 16, maxWidth: 640 }} data-testid="import-result">
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title={t('import.created')} value={importer.data.created} data-testid="import-created" />
            </Col>
            <Col span={6}>
              <Statistic title={t('import.updated')} value={importer.data.updated} data-testid="import-updated" />
            </Col>
            <Col span={6}>
              <Statistic title={t('import.unchanged')} value={importer.data.unchanged} data-testid="import-unchanged" />
            </Col>
            <Col span={6}>
              <Statistic title={t('import.total')} value={importer.data.total} data-testid="import-total" />
            </Col>
          </Row>
        </Card>
      )}

      {isApiError(error) && invalid && (
        <div style={{ marginTop: 16 }} data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            title={t('import.invalid', { n: badLines })}
            description={error.message !== t('import.invalid', { n: badLines }) ? error.message : undefined}
            style={{ marginBottom: 12 }}
          />
          <Table<Row>
            size="small"
            rowKey="key"
            dataSource={problems}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t('import.line'), dataIndex: 'line', width: 80 },
              { title: t('import.column'), dataIndex: 'column', width: 180 },
              { title: t('import.value'), dataIndex: 'value', width: 220, render: (v: unknown) => <code>{showValue(v)}</code> },
              { title: t('import.reason'), dataIndex: 'reason' },
            ]}
          />
        </div>
      )}

      {importer.isError && !invalid && (
        <Alert
          type="error"
          showIcon
          title={t('import.failed')}
          description={error instanceof Error ? error.message : undefined}
          style={{ marginTop: 16, maxWidth: 640 }}
          data-testid="import-failed"
        />
      )}
    </>
  );
}

/** 32 hex characters; crypto.getRandomValues works on plain-HTTP intranets where randomUUID does not. */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The server's side of a running import: reading, checking, then writing row counts. */
function ServerProgress({ progress }: { progress: ImportProgress | undefined }) {
  const { t } = useI18n();
  if (!progress || progress.phase === 'done' || progress.phase === 'failed') {
    return <Typography.Text type="secondary">{t('import.uploading')}</Typography.Text>;
  }
  if (progress.phase !== 'writing' || progress.total === 0) {
    return <Typography.Text type="secondary" data-testid="import-server-progress">{t(`import.phase.${progress.phase}`)}</Typography.Text>;
  }
  return (
    <div data-testid="import-server-progress">
      <Typography.Text type="secondary">{`${t('import.phase.writing')} ${progress.done} / ${progress.total}`}</Typography.Text>
      <Progress percent={Math.floor((progress.done * 100) / progress.total)} status="active" />
    </div>
  );
}
