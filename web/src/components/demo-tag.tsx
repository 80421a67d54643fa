import { Tag } from 'antd';
import { useI18n } from '../i18n.js';

/** Marks records created by the demo seed (演示数据). */
export function DemoTag({ isDemo }: { isDemo?: boolean | null }) {
  const { t } = useI18n();
  if (!isDemo) return null;
  return (
    <Tag color="orange" data-testid="demo-tag">
      {t('common.demo')}
    </Tag>
  );
}
