/**
 * A form in a modal, for records created and edited in place (services, finance, IP, talent): one set
 * of fields serves both, the edit pre-filled and sending only what changed with the record's version.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Form, type FormInstance, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../api.js';
import { useI18n } from '../i18n.js';
import { changes, cleanRecord } from './form-values.js';

/**
 * Validates, sends, closes on success. A server error shows on top, and beside its field when the
 * form has that field; a stale version (409) shows as the server's conflict message, and the page's
 * data is refetched so that the form, opened again, starts from the record as it now is.
 */
export function FormModal<V extends object>({ open, title, onClose, onSubmit, children, initialValues, testId }: {
  open: boolean; title: ReactNode; onClose: () => void; onSubmit: (values: V) => Promise<unknown>; children: (form: FormInstance<V>) => ReactNode;
  initialValues?: Partial<V>; testId?: string;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open} title={title} onCancel={onClose} destroyOnHidden confirmLoading={busy} width={640}
      okButtonProps={testId ? { 'data-testid': `${testId}-ok` } : {}}
      onOk={async () => {
        const values = await form.validateFields();
        setError(null);
        setBusy(true);
        try {
          await onSubmit(values);
          onClose();
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          const field = isApiError(e) ? e.field : undefined;
          const conflict = isApiError(e) && e.status === 409 && (!field || field === 'version');
          if (field && !conflict) form.setFields([{ name: field.split('.') as never, errors: [message] }]);
          if (conflict) void client.invalidateQueries();
          setError({ message, conflict });
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && (
        <Alert
          type={error.conflict ? 'warning' : 'error'}
          showIcon
          title={error.conflict ? t('common.conflict') : error.message}
          description={error.conflict ? error.message : undefined}
          style={{ marginBottom: 12 }}
          data-testid={error.conflict ? 'form-conflict' : 'form-errors'}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>{children(form)}</Form>
    </Modal>
  );
}

/**
 * An edit's PATCH body: the record's version and the fields among `fields` whose cleaned value
 * changed from `initial` (an emptied field as null); null when nothing changed.
 */
export function patchOf(record: { version: number }, initial: object, values: object, fields: readonly string[]): Record<string, unknown> | null {
  const patch = changes(cleanRecord(initial) as Record<string, unknown>, cleanRecord(values) as Record<string, unknown>, fields);
  return Object.keys(patch).length ? { version: record.version, ...patch } : null;
}
