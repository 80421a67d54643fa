import { Route, Routes, useNavigate } from 'react-router';
import { App } from 'antd';
import { RequirePermission, useUser } from '../../auth.js';
import { PageHeader } from '../../components/page.js';
import { useI18n } from '../../i18n.js';
import { canCreate } from '../../permissions.js';
import { useCreatePerson } from '../../queries.js';
import { NotFoundPage } from '../errors.js';
import PersonDetail from './person-detail.js';
import { PersonForm } from './person-form.js';
import PersonList from './person-list.js';

function PersonCreate() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreatePerson();
  return (
    <div className="tt-page">
      <PageHeader back="/people" title={t('person.new')} />
      <PersonForm
        submitting={create.isPending}
        onCancel={() => navigate('/people')}
        onSubmit={async (body) => {
          const person = await create.mutateAsync(body);
          void message.success(t('common.created'));
          navigate(`/people/${encodeURIComponent(person.id)}`, { replace: true });
        }}
      />
    </div>
  );
}

/** 人员库: /people, /people/new, /people/:id. */
export default function PersonRoutes() {
  const user = useUser();
  return (
    <Routes>
      <Route index element={<PersonList />} />
      <Route
        path="new"
        element={
          <RequirePermission permission={canCreate(user, 'person')}>
            <PersonCreate />
          </RequirePermission>
        }
      />
      <Route path=":id" element={<PersonDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
