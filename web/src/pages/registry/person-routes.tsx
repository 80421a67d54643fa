import { CreatePage, RegistryRoutes } from '../../components/registry-routes.js';
import { useI18n } from '../../i18n.js';
import { useCreatePerson } from '../../queries.js';
import PersonDetail from './person-detail.js';
import { PersonForm } from './person-form.js';
import PersonList from './person-list.js';

function PersonCreate() {
  const { t } = useI18n();
  const create = useCreatePerson();
  return <CreatePage basePath="/people" title={t('person.new')} create={create} renderForm={(props) => <PersonForm {...props} />} />;
}

/** 人员库: /people, /people/new, /people/:id. */
export default function PersonRoutes() {
  return <RegistryRoutes entity="person" list={<PersonList />} create={<PersonCreate />} detail={<PersonDetail />} />;
}
