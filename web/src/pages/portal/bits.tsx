/** Small pieces the portal's pages share: a dated list of items, an HTML body rendered by the server from Markdown. */
import { Link } from 'react-router';
import { Tag } from 'antd';
import type { PortalListItem } from '../../../../common/portal-api.js';
import { DemoTag } from '../../components/demo-tag.js';
import { useI18n } from '../../i18n.js';

const CATEGORY_COLORS: Record<string, string> = { 申报通知: 'blue', 公示: 'orange', 新闻动态: 'green', 政策解读: 'purple', 政策文件: 'geekblue', 办事指南: 'cyan' };

export function ItemList({ items, showCategory = true, testId }: { items: PortalListItem[]; showCategory?: boolean; testId?: string }) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="tt-portal-muted">{t('portal.none')}</p>;
  return (
    <ul className="tt-portal-list" data-testid={testId}>
      {items.map((i) => (
        <li key={i.path}>
          {showCategory && <Tag color={CATEGORY_COLORS[i.category] ?? 'default'}>{i.category}</Tag>}
          <Link to={i.path} title={i.title}>{i.title}</Link>
          <DemoTag isDemo={i.isDemo} />
          {i.date && <time>{i.date}</time>}
        </li>
      ))}
    </ul>
  );
}

/** HTML the server rendered from Markdown with raw HTML off (markdown-it): safe to insert. */
export function RenderedBody({ html, testId }: { html: string; testId?: string }) {
  return <div className="tt-portal-body" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A light placeholder while a block loads (the portal's first load carries no skeleton animation). */
export function Loading() {
  const { t } = useI18n();
  return <p className="tt-portal-muted" aria-busy="true">{t('common.loading')}</p>;
}
