import { Result } from 'antd';
import { useUser } from '../auth.js';
import { useI18n } from '../i18n.js';

/** Shown at / only when the user may use no module yet. */
export default function HomePage() {
  const user = useUser();
  const { t } = useI18n();
  return <Result status="info" title={t('home.welcome', { name: user.displayName || user.username })} subTitle={t('home.nothing')} />;
}
