/** Small pieces the services and finance pages share: a form in a modal that shows the server's error, status tags. */
import { useState, type ReactNode } from 'react';
import { Alert, Form, type FormInstance, Modal, Tag } from 'antd';
import { REQUEST_STATUSES, type RequestStatus } from '../../../../common/services-vocabulary.js';
import { isApiError } from '../../api.js';
import { useI18n } from '../../i18n.js';

const REQUEST_COLORS: Record<RequestStatus, string> = { submitted: 'processing', accepted: 'cyan', in_progress: 'warning', completed: 'success', rejected: 'error', cancelled: 'default' };

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { vocab } = useI18n();
  return <Tag color={REQUEST_COLORS[status]} data-testid="request-status" data-status={status}>{vocab(REQUEST_STATUSES, status)}</Tag>;
}

/** A modal form: validates, sends, closes on success; a server error is shown (on its field when the form has it). */
export function FormModal<V extends object>({ open, title, onClose, onSubmit, children, initialValues, testId }: {
  open: boolean; title: ReactNode; onClose: () => void; onSubmit: (values: V) => Promise<unknown>; children: (form: FormInstance<V>) => ReactNode;
  initialValues?: Partial<V>; testId?: string;
}) {
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
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
          if (field) form.setFields([{ name: field as never, errors: [message] }]);
          setError(message);
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>{children(form)}</Form>
    </Modal>
  );
}
