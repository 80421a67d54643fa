/**
 * The portal's columns and articles: 通知公告, 新闻动态, 政策库, 政策解读, 办事指南; an article with its
 * rendered body, Q&A and links (the policy's clauses in words, the document interpreted, the 申报通知
 * and 公示 under the same policy); a subsidy policy's clauses; a round's 申报通知.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Button, Card, Collapse, Descriptions, Pagination, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { PolicyClause, PolicyLibraryEntry, PortalListItem } from '../../../../common/portal-api.js';
import type { PostKind } from '../../../../common/portal-vocabulary.js';
import { errorText } from '../../api.js';
import { DemoTag } from '../../components/demo-tag.js';
import { useI18n, type MessageKey } from '../../i18n.js';
import { ItemList, RenderedBody } from './bits.js';
import { usePortalCrumbs } from './layout.js';
import { useAnnouncements, usePolicyLibrary, usePublicCall, usePublicPost, usePublicPosts, useSubsidyPolicy } from './model.js';
import { usePricingText } from '../pricing/model.js';

const COLUMN: Record<PostKind, { label: MessageKey; path: string }> = {
  news: { label: 'portal.announcements', path: '/announcements' },
  policy: { label: 'portal.policies', path: '/policies' },
  interpretation: { label: 'portal.interpretations', path: '/interpretations' },
  guide: { label: 'portal.guides', path: '/guides' },
};

function Failed({ error }: { error: unknown }) {
  return <div className="tt-portal-inner"><Result status="404" title={errorText(error)} /></div>;
}

/** Scrolls to the clause the address names (#rule-2) once the page has drawn it. */
function useAnchor(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (ready && hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [ready, hash]);
}

export function AnnouncementsPage() {
  const { t } = useI18n();
  const pricing = usePricingText().m;
  usePortalCrumbs([{ title: t('portal.announcements') }]);
  const list = useAnnouncements();
  return (
    <div className="tt-portal-inner">
      <Card title={t('portal.announcements')} extra={<Link to="/public/pricing" data-testid="pricing-portal-link">{pricing('listTitle')}</Link>}>{list.data ? <ItemList items={list.data} testId="announcement-list" /> : <Skeleton active />}</Card>
    </div>
  );
}

export function ColumnPage({ kind }: { kind: PostKind }) {
  const { t } = useI18n();
  const label = t(kind === 'news' ? 'portal.news' : COLUMN[kind].label);
  usePortalCrumbs([{ title: label }]);
  const [page, setPage] = useState(1);
  const list = usePublicPosts(kind, page);
  return (
    <div className="tt-portal-inner">
      <Card title={label}>
        {list.data ? <ItemList items={list.data.items} showCategory={false} testId={`column-${kind}`} /> : <Skeleton active />}
        {(list.data?.total ?? 0) > 20 && <Pagination style={{ marginTop: 12 }} current={page} total={list.data?.total} pageSize={20} onChange={setPage} showSizeChanger={false} />}
      </Card>
    </div>
  );
}

export function PolicyLibraryPage() {
  const { t } = useI18n();
  usePortalCrumbs([{ title: t('portal.policies') }]);
  const library = usePolicyLibrary();
  return (
    <div className="tt-portal-inner">
      <Card title={t('portal.library')} extra={<Link to="/interpretations">{t('portal.interpretations')} »</Link>}>
        <Table<PolicyLibraryEntry>
          rowKey="path"
          loading={library.isPending}
          dataSource={library.data ?? []}
          pagination={false}
          data-testid="policy-library"
          columns={[
            { title: t('portal.admin.title'), render: (_, p) => <Space><Link to={p.path}>{p.title}</Link><DemoTag isDemo={p.isDemo} /></Space> },
            { title: t('portal.docNumber'), dataIndex: 'documentNumber' },
            { title: t('portal.issuer'), dataIndex: 'issuer' },
            { title: t('portal.effective'), dataIndex: 'effectiveOn', width: 120 },
            { title: t('portal.source'), render: (_, p) => <Tag>{p.source}</Tag>, width: 100 },
          ]}
        />
      </Card>
    </div>
  );
}

function ClauseList({ clauses }: { clauses: PolicyClause[] }) {
  const { t } = useI18n();
  return (
    <div data-testid="policy-clauses">
      {clauses.map((c) => (
        <Card key={c.anchor} id={c.anchor} size="small" title={c.title} extra={<Link to={c.path}>{c.document}{c.clause}</Link>} style={{ marginBottom: 12 }} data-testid="policy-clause">
          <Descriptions column={1} size="small" items={[
            { key: 'pays', label: t('portal.clausePays'), children: <Typography.Text strong>{c.pays}</Typography.Text> },
            { key: 'who', label: t('portal.clauseWho'), children: c.beneficiaries },
            ...c.conditions.map((line, i) => ({ key: `c${i}`, label: line.split('：')[0], children: line.split('：').slice(1).join('：') })),
            { key: 'effective', label: t('portal.effective'), children: c.effective },
            { key: 'text', label: t('portal.clauseText'), children: <Typography.Text type="secondary">{c.text}</Typography.Text> },
          ]} />
        </Card>
      ))}
    </div>
  );
}

function Related({ title, items, testId }: { title: string; items: PortalListItem[]; testId: string }) {
  if (items.length === 0) return null;
  return <Card size="small" title={title} style={{ marginTop: 16 }}><ItemList items={items} testId={testId} /></Card>;
}

export function PostPage({ kind }: { kind: PostKind }) {
  const { id } = useParams();
  const { t } = useI18n();
  const post = usePublicPost(id);
  const p = post.data;
  usePortalCrumbs(p ? [{ title: t(kind === 'news' ? 'portal.announcements' : COLUMN[kind].label), path: COLUMN[kind].path }, { title: p.title }] : null);
  useAnchor(!!p);
  if (post.isError) return <Failed error={post.error} />;
  if (!p) return <div className="tt-portal-inner"><Skeleton active /></div>;
  const meta = [
    p.documentNumber && `${t('portal.docNumber')}：${p.documentNumber}`,
    p.issuer && `${t('portal.issuer')}：${p.issuer}`,
    p.effectiveOn && `${t('portal.effective')}：${p.effectiveOn}`,
    p.expiresOn && `${t('portal.expires')}：${p.expiresOn}`,
    p.publishedOn && `${t('portal.published')}：${p.publishedOn}`,
  ].filter(Boolean);
  return (
    <div className="tt-portal-inner">
      <article className="tt-portal-article" data-testid="portal-article">
        <h1 className="tt-portal-article-title">{p.title} <DemoTag isDemo={p.isDemo} /></h1>
        <div className="tt-portal-meta">{meta.join('　')}</div>
        {(p.document || p.policy) && (
          <Space wrap style={{ marginBottom: 16 }}>
            {p.document && <Link to={p.document.path} data-testid="read-document"><Button>{t('portal.readDocument')}：{p.document.title}</Button></Link>}
            {p.policy && p.kind === 'interpretation' && <Link to={`${p.policy.path}`}><Button>{t('portal.readPolicy')}</Button></Link>}
          </Space>
        )}
        <RenderedBody html={p.bodyHtml} testId="portal-body" />
        {p.qa.length > 0 && (
          <>
            <Typography.Title level={4}>{t('portal.qa')}</Typography.Title>
            <Collapse data-testid="portal-qa" defaultActiveKey={p.qa.map((_, i) => String(i))} items={p.qa.map((q, i) => ({ key: String(i), label: `问：${q.question}`, children: <RenderedBody html={q.answerHtml} /> }))} />
          </>
        )}
        {p.policy && (
          <>
            <Typography.Title level={4} style={{ marginTop: 24 }}>{t('portal.clauses')}</Typography.Title>
            <ClauseList clauses={p.policy.clauses} />
          </>
        )}
        <Related title={t('portal.relatedInterpretations')} items={p.interpretations} testId="related-interpretations" />
        <Related title={t('portal.relatedNotices')} items={p.notices} testId="related-notices" />
      </article>
    </div>
  );
}

export function SubsidyPolicyPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const policy = useSubsidyPolicy(id);
  const p = policy.data;
  usePortalCrumbs(p ? [{ title: t('portal.policies'), path: '/policies' }, { title: p.title }] : null);
  useAnchor(!!p);
  if (policy.isError) return <Failed error={policy.error} />;
  if (!p) return <div className="tt-portal-inner"><Skeleton active /></div>;
  return (
    <div className="tt-portal-inner">
      <article className="tt-portal-article" data-testid="subsidy-policy">
        <h1 className="tt-portal-article-title">{p.title}</h1>
        <div className="tt-portal-meta">
          {[`${t('portal.docNumber')}：${p.documentNumber}`, `${t('portal.issuer')}：${p.jurisdiction}`, `${t('portal.effective')}：${p.effectiveOn}`, p.expiresOn && `${t('portal.expires')}：${p.expiresOn}`].filter(Boolean).join('　')}
        </div>
        <ClauseList clauses={p.clauses} />
        <Related title={t('portal.policies')} items={p.documents} testId="related-documents" />
        <Related title={t('portal.relatedInterpretations')} items={p.interpretations} testId="related-interpretations" />
        <Related title={t('portal.relatedNotices')} items={p.notices} testId="related-notices" />
      </article>
    </div>
  );
}

export function CallPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const call = usePublicCall(id);
  const c = call.data;
  usePortalCrumbs(c ? [{ title: t('portal.announcements'), path: '/announcements' }, { title: c.title }] : null);
  if (call.isError) return <Failed error={call.error} />;
  if (!c) return <div className="tt-portal-inner"><Skeleton active /></div>;
  return (
    <div className="tt-portal-inner">
      <article className="tt-portal-article" data-testid="public-call">
        <h1 className="tt-portal-article-title">{c.title} <DemoTag isDemo={c.isDemo} /></h1>
        <Descriptions bordered column={1} size="small" style={{ marginBottom: 16 }} items={[
          { key: 'period', label: t('portal.callPeriod'), children: `${c.opensOn} 至 ${c.closesOn}` },
          { key: 'status', label: t('portal.callStatus'), children: <Tag color="blue">{c.statusLabel}</Tag> },
          { key: 'policy', label: t('portal.policies'), children: <Link to={c.policy.path}>{c.policy.title}（{c.policy.documentNumber}）</Link> },
          { key: 'issuer', label: t('portal.issuer'), children: c.issuer },
          { key: 'contact', label: t('portal.contact'), children: c.contact },
        ]} />
        <Space style={{ marginBottom: 16 }}>
          <Link to="/login?next=/applications"><Button type="primary">{t('portal.apply')}</Button></Link>
          {c.publicNoticePath && <Link to={c.publicNoticePath}><Button>{t('portal.seePublicNotice')}</Button></Link>}
          <Link to="/guides"><Button>{t('portal.guides')}</Button></Link>
        </Space>
        <Typography.Title level={4}>{t('portal.clauses')}</Typography.Title>
        <ClauseList clauses={c.clauses} />
      </article>
    </div>
  );
}
