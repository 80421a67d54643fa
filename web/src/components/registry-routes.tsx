/** The routes of one registry (list, 新建, record) and its create page. */
import type { ReactNode } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { App } from 'antd';
import { RequirePermission, useUser } from '../auth.js';
import { useI18n } from '../i18n.js';
import { NotFoundPage } from '../pages/errors.js';
import { canCreate, type RegistryEntity } from '../permissions.js';
import { PageHeader } from './page.js';
import type { EditFormProps } from './use-edit-form.js';

/** `<base>`, `<base>/new` (for users who may create), `<base>/:id`; anything else is 404. */
export function RegistryRoutes({ entity, list, create, detail }: { entity: RegistryEntity; list: ReactNode; create: ReactNode; detail: ReactNode }) {
  const user = useUser();
  return (
    <Routes>
      <Route index element={list} />
      <Route path="new" element={<RequirePermission permission={canCreate(user, entity)}>{create}</RequirePermission>} />
      <Route path=":id" element={detail} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** The 新建 page: the entity's empty form; once created, the new record's page replaces it. */
export function CreatePage<B>({
  basePath,
  title,
  create,
  renderForm,
}: {
  /** The list's route, e.g. `/organizations`: 返回 and 取消 go there. */
  basePath: string;
  title: string;
  /** The entity's POST mutation. */
  create: { mutateAsync: (body: B) => Promise<{ id: string }>; isPending: boolean };
  renderForm: (props: EditFormProps) => ReactNode;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <div className="tt-page">
      <PageHeader back={basePath} title={title} />
      {renderForm({
        submitting: create.isPending,
        onCancel: () => navigate(basePath),
        onSubmit: async (body) => {
          const record = await create.mutateAsync(body as B);
          void message.success(t('common.created'));
          navigate(`${basePath}/${encodeURIComponent(record.id)}`, { replace: true });
        },
      })}
    </div>
  );
}
