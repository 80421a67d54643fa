/** Pieces the market pages share: the status tag, price and budget in words, the facts of a listing. */
import { Descriptions, Space, Tag, Typography } from 'antd';
import {
  ACHIEVEMENT_STAGES,
  LISTING_STATUSES,
  LISTING_TAGS,
  ORIGIN_REGIONS,
  PRICE_KINDS,
  TRANSFER_MODES,
  type ListingKind,
  type ListingStatus,
} from '../../../../common/market-vocabulary.js';
import { INDUSTRIES, IP_KINDS, TECH_FIELDS } from '../../../../common/vocabulary.js';
import { EMPTY, formatFen, formatInstant } from '../../format.js';
import { attachmentUrl, type PublicListing, useMarketText } from './model.js';

const STATUS_COLORS: Record<ListingStatus, string> = {
  draft: 'default',
  pending: 'processing',
  returned: 'warning',
  published: 'success',
  withdrawn: 'default',
  expired: 'magenta',
};

export function ListingStatusTag({ status }: { status: ListingStatus }) {
  const { vocab } = useMarketText();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="listing-status">
      {vocab(LISTING_STATUSES, status)}
    </Tag>
  );
}

const yuan = (fen: number | null) => (fen === null ? null : `${formatFen(fen)} 元`);

/** 一口价 1,200,000.00 元 / 面议 / 拍卖（保留价）… */
export function priceText(l: PublicListing, vocab: (v: { label: (c: string) => string }, c: string | null | undefined) => string): string {
  if (l.kind === 'achievement') {
    if (!l.priceKind) return EMPTY;
    return l.priceFen === null ? vocab(PRICE_KINDS, l.priceKind) : `${vocab(PRICE_KINDS, l.priceKind)} ${yuan(l.priceFen)}`;
  }
  if (l.budgetMinFen === null && l.budgetMaxFen === null) return EMPTY;
  if (l.budgetMinFen !== null && l.budgetMaxFen !== null) return `${formatFen(l.budgetMinFen)} – ${formatFen(l.budgetMaxFen)} 元`;
  return l.budgetMaxFen !== null ? `≤ ${yuan(l.budgetMaxFen)}` : `≥ ${yuan(l.budgetMinFen)}`;
}

function Tags({ items }: { items: string[] }) {
  return items.length ? <Space size={[4, 4]} wrap>{items.map((i) => <Tag key={i}>{i}</Tag>)}</Space> : <>{EMPTY}</>;
}

/** Everything a listing says (no contact details: the server never sends them). */
export function ListingFacts({ listing: l, publicPage }: { listing: PublicListing; publicPage: boolean }) {
  const { m, vocab } = useMarketText();
  const kind: ListingKind = l.kind;
  const items = [
    { key: 'owner', label: kind === 'achievement' ? m('owner') : m('demander'), children: l.owner?.name || m('noOwner') },
    { key: 'field', label: m('field'), children: l.technicalField ? vocab(TECH_FIELDS, l.technicalField) : EMPTY },
    { key: 'industries', label: m('industries'), children: <Tags items={l.industries.map((c) => vocab(INDUSTRIES, c))} /> },
    { key: 'keywords', label: m('keywords'), children: <Tags items={l.keywords} /> },
    { key: 'region', label: m('region'), children: l.originRegion ? vocab(ORIGIN_REGIONS, l.originRegion) : EMPTY },
    { key: 'tags', label: m('tags'), children: <Tags items={l.tags.map((c) => vocab(LISTING_TAGS, c))} /> },
  ];
  if (l.kind === 'achievement') {
    items.push(
      { key: 'stage', label: m('stage'), children: l.stage ? vocab(ACHIEVEMENT_STAGES, l.stage) : EMPTY },
      { key: 'trl', label: m('trl'), children: l.trl ? `TRL ${l.trl}` : EMPTY },
      { key: 'modes', label: m('modes'), children: <Tags items={l.transferModes.map((c) => vocab(TRANSFER_MODES, c))} /> },
      { key: 'price', label: m('priceKind'), children: priceText(l, vocab) },
      { key: 'ip', label: m('ipItems'), children: <Tags items={l.ipItems.map((i) => `${vocab(IP_KINDS, i.kind)} ${[i.number, i.title].filter(Boolean).join(' ')}`)} /> },
      { key: 'team', label: m('team'), children: <Tags items={l.team.map((t) => (t.role ? `${t.name}（${t.role}）` : t.name))} /> },
      { key: 'expires', label: m('expiresOn'), children: l.expiresOn ?? EMPTY },
    );
  } else {
    items.push(
      { key: 'budget', label: m('budget'), children: priceText(l, vocab) },
      { key: 'deadline', label: m('deadline'), children: l.deadline ?? EMPTY },
      { key: 'challenge', label: m('challenge'), children: l.isChallenge ? `${m('reward')}：${formatFen(l.rewardFen)}` : EMPTY },
    );
  }
  items.push({ key: 'published', label: m('publishedAt'), children: formatInstant(l.publishedAt) });
  return (
    <>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="listing-text">
        {l.kind === 'achievement' ? l.description : l.problem}
      </Typography.Paragraph>
      {l.kind === 'demand' && l.indicators && (
        <Typography.Paragraph>
          <Typography.Text strong>{m('indicators')}：</Typography.Text>
          {l.indicators}
        </Typography.Paragraph>
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="listing-facts" />
      {l.attachments.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          <Typography.Text strong>{m('attachments')}：</Typography.Text>
          <Space wrap>
            {l.attachments.map((a) => (
              <a key={a.hash} href={attachmentUrl(kind, l.id, a.hash, publicPage)}>{a.name}</a>
            ))}
          </Space>
        </Typography.Paragraph>
      )}
    </>
  );
}
