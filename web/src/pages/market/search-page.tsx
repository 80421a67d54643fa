/**
 * 技术市场 (/market): the public search over published achievements and demands — Chinese full
 * text, facet filters with counts, sorting by relevance or date, pages. Everything the visitor
 * chooses lives in the address (?kind=&q=&field=…), so a search can be bookmarked and shared.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Empty, Input, List, Pagination, Row, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PRICE_BANDS, SEARCH_SORTS, type Facet, type SearchHit, type SearchResult } from '../../../../common/market-search.js';
import { ACHIEVEMENT_STAGES, LISTING_TAGS, ORIGIN_REGIONS, TRANSFER_MODES, type ListingKind } from '../../../../common/market-vocabulary.js';
import { INDUSTRIES, TECH_FIELDS } from '../../../../common/vocabulary.js';
import { api, withQuery } from '../../api.js';
import { formatFen } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { publicPath } from './model.js';
import { PublicFrame } from './public-listing.js';

const PAGE_SIZE = 10;
const VOCABS = { field: TECH_FIELDS, stage: ACHIEVEMENT_STAGES, mode: TRANSFER_MODES, region: ORIGIN_REGIONS, price: PRICE_BANDS, tag: LISTING_TAGS, industry: INDUSTRIES };
/** The facets shown for each kind, in order (a demand has no stage or transfer mode). */
const FACETS_OF: Record<ListingKind, Facet[]> = {
  achievement: ['field', 'stage', 'mode', 'region', 'price', 'tag', 'industry'],
  demand: ['field', 'region', 'price', 'tag', 'industry'],
};

const zh = {
  title: '技术市场',
  subtitle: '检索已发布的科技成果与技术需求；对接通过平台进行，不公开电话。',
  achievement: '科技成果',
  demand: '技术需求',
  placeholder: '输入技术名称、关键词或问题，如：锂电池 正极材料、5G 基站',
  search: '搜索',
  total: '共 {n} 条',
  capped: '按相关度列出最相关的 {n} 条',
  clear: '清除筛选',
  none: '没有找到符合条件的{kind}',
  matched: '命中',
  untitled: '（无标题）',
  facet_field: '技术领域',
  facet_stage: '成熟度',
  facet_mode: '转化方式',
  facet_region: '来源地区',
  facet_price: '价格区间',
  facet_tag: '专题',
  facet_industry: '产业',
  negotiable: '面议',
  published: '发布于 {d}',
  error: '检索失败：{e}',
};
const en: typeof zh = {
  title: 'Technology market',
  subtitle: 'Search published achievements and demands; contact goes through the platform, never by public phone numbers.',
  achievement: 'Achievements',
  demand: 'Demands',
  placeholder: 'Technology, keywords or the problem, e.g. 锂电池 正极材料, 5G 基站',
  search: 'Search',
  total: '{n} results',
  capped: 'The {n} most relevant, by relevance',
  clear: 'Clear filters',
  none: 'No matching {kind}',
  matched: 'Matched',
  untitled: '(untitled)',
  facet_field: 'Technical field',
  facet_stage: 'Maturity',
  facet_mode: 'Transfer mode',
  facet_region: 'Origin',
  facet_price: 'Price',
  facet_tag: 'Topic',
  facet_industry: 'Industry',
  negotiable: 'Negotiable',
  published: 'Published {d}',
  error: 'Search failed: {e}',
};

function useText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const t = (key: keyof typeof zh, vars: Record<string, string | number> = {}) => dict[key].replace(/\{(\w+)\}/g, (s, k: string) => (k in vars ? String(vars[k]) : s));
  return { t, vocab };
}

/** The text with the matched words marked (<mark>), case- and width-insensitively for ASCII. */
function Highlighted({ text, words }: { text: string; words: string[] }) {
  const usable = words.filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  if (!usable.length || !text) return <>{text}</>;
  const pattern = new RegExp(`(${usable.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return <>{text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}

function HitItem({ hit, kind }: { hit: SearchHit; kind: ListingKind }) {
  const { t, vocab } = useText();
  const title = hit.title || hit.snippet.slice(0, 40) || t('untitled');
  const price = hit.priceFen !== null ? `${formatFen(hit.priceFen)} 元` : hit.priceKind === 'negotiable' ? t('negotiable') : null;
  return (
    <List.Item data-testid="search-hit">
      <List.Item.Meta
        title={<Link to={publicPath(kind, hit.entityId)} data-testid="search-hit-title"><Highlighted text={title} words={hit.matchedWords} /></Link>}
        description={
          <Space size={[4, 4]} wrap>
            {hit.field && <Tag color="blue">{vocab(TECH_FIELDS, hit.field)}</Tag>}
            {hit.stage && <Tag>{vocab(ACHIEVEMENT_STAGES, hit.stage)}</Tag>}
            {hit.region && <Tag>{vocab(ORIGIN_REGIONS, hit.region)}</Tag>}
            {price && <Tag color="gold">{price}</Tag>}
            <Typography.Text type="secondary">{t('published', { d: hit.publishedOn })}</Typography.Text>
          </Space>
        }
      />
      <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 2 }}>
        <Highlighted text={hit.snippet} words={hit.matchedWords} />
      </Typography.Paragraph>
      {hit.matchedWords.length > 0 && (
        <Typography.Text type="secondary" data-testid="search-hit-why">
          {t('matched')}：{hit.matchedWords.join('、')}
        </Typography.Text>
      )}
    </List.Item>
  );
}

function FacetBox({ facet, result, selected, onChange }: { facet: Facet; result: SearchResult | undefined; selected: string[]; onChange: (values: string[]) => void }) {
  const { t, vocab } = useText();
  const counts = result?.facets[facet] ?? [];
  // Selected values stay visible even when the current result set has none of them.
  const values = [...counts.map((c) => c.value), ...selected.filter((s) => !counts.some((c) => c.value === s))];
  if (!values.length) return null;
  return (
    <Card size="small" title={t(`facet_${facet}` as keyof typeof zh)} style={{ marginBottom: 12 }} data-testid={`facet-${facet}`}>
      <Checkbox.Group value={selected} onChange={(v) => onChange(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        {values.map((value) => (
          <Checkbox key={value} value={value} data-testid={`facet-${facet}-${value}`}>
            {vocab(VOCABS[facet], value)} <Typography.Text type="secondary">({counts.find((c) => c.value === value)?.count ?? 0})</Typography.Text>
          </Checkbox>
        ))}
      </Checkbox.Group>
    </Card>
  );
}

export function MarketSearchPage() {
  const { t, vocab } = useText();
  const [params, setParams] = useSearchParams();
  const kind: ListingKind = params.get('kind') === 'demand' ? 'demand' : 'achievement';
  const q = params.get('q') ?? '';
  const sort = params.get('sort') === 'date' ? 'date' : 'relevance';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const facets = FACETS_OF[kind];
  const selected = Object.fromEntries(facets.map((f) => [f, params.get(f)?.split(',').filter(Boolean) ?? []])) as Record<Facet, string[]>;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const query = useQuery({
    queryKey: ['market-search', kind, q, sort, page, selected],
    queryFn: () =>
      api<SearchResult>(
        withQuery('/api/public/market/search', {
          kind,
          q: q || undefined,
          sort,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
          ...Object.fromEntries(facets.filter((f) => selected[f].length).map((f) => [f, selected[f].join(',')])),
        }),
      ),
    placeholderData: (previous) => previous,
  });
  const result = query.data;
  const anyFilter = facets.some((f) => selected[f].length);

  return (
    <PublicFrame>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <Segmented
          value={kind}
          onChange={(v) => update({ kind: v === 'demand' ? 'demand' : null, ...Object.fromEntries(facets.map((f) => [f, null])) })}
          options={[{ label: t('achievement'), value: 'achievement' }, { label: t('demand'), value: 'demand' }]}
          data-testid="search-kind"
        />
        <Input.Search
          key={`${kind}:${q}`}
          defaultValue={q}
          placeholder={t('placeholder')}
          enterButton={t('search')}
          size="large"
          allowClear
          maxLength={200}
          onSearch={(value) => update({ q: value.trim() || null })}
          data-testid="search-input"
        />
      </Space>
      <Row gutter={16}>
        <Col xs={24} md={7}>
          {anyFilter && (
            <Button type="link" onClick={() => update(Object.fromEntries(facets.map((f) => [f, null])))} style={{ paddingLeft: 0 }}>
              {t('clear')}
            </Button>
          )}
          {facets.map((f) => (
            <FacetBox key={f} facet={f} result={result} selected={selected[f]} onChange={(values) => update({ [f]: values.join(',') || null })} />
          ))}
        </Col>
        <Col xs={24} md={17}>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
            <Typography.Text data-testid="search-total">
              {result ? (result.capped ? t('capped', { n: result.total }) : t('total', { n: result.total })) : ''}
            </Typography.Text>
            <Select
              value={sort}
              onChange={(v) => update({ sort: v === 'date' ? 'date' : null })}
              options={SEARCH_SORTS.values.map((s) => ({ value: s, label: vocab(SEARCH_SORTS, s) }))}
              style={{ width: 140 }}
              data-testid="search-sort"
            />
          </Space>
          {query.isError && <Alert type="error" showIcon message={t('error', { e: String((query.error as Error).message) })} />}
          {query.isPending ? (
            <Spin />
          ) : result && result.hits.length === 0 ? (
            <Empty description={t('none', { kind: t(kind) })} />
          ) : (
            <List itemLayout="vertical" dataSource={result?.hits ?? []} renderItem={(hit) => <HitItem hit={hit} kind={kind} />} data-testid="search-results" />
          )}
          {result && result.total > PAGE_SIZE && (
            <Pagination current={page} pageSize={PAGE_SIZE} total={result.total} showSizeChanger={false} onChange={(p) => update({ page: String(p) })} style={{ marginTop: 16 }} />
          )}
        </Col>
      </Row>
    </PublicFrame>
  );
}

export default MarketSearchPage;
