import type { ReactNode } from 'react';
import { Button, Divider, Form, Space } from 'antd';
import { useI18n } from '../i18n.js';
import { FormProblems } from './page.js';
import type { EditFormState } from './use-edit-form.js';

/**
 * A registry record's form (from `useEditForm`): the server's form-level problems and the
 * stale-version warning on top, the entity's fields, then 保存 / 取消.
 */
export function EditForm<V extends object>({
  form,
  initialValues,
  onFinish,
  problems,
  conflict,
  onReload,
  onCancel,
  submitting,
  'data-testid': testId,
  children,
}: EditFormState<V> & { 'data-testid': string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError data-testid={testId}>
      <FormProblems problems={problems} conflict={conflict} onReload={onReload} />
      {children}
      <Divider />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
