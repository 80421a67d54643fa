import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n.js';

function HomeButton() {
  const { t } = useI18n();
  return (
    <Link to="/">
      <Button type="primary">{t('error.home')}</Button>
    </Link>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <div data-testid="page-403">
      <Result status="403" title={t('error.403.title')} subTitle={t('error.403.text')} extra={<HomeButton />} />
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div data-testid="page-404">
      <Result status="404" title={t('error.404.title')} subTitle={t('error.404.text')} extra={<HomeButton />} />
    </div>
  );
}
