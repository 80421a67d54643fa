/**
 * 匹配推荐: a published listing's matches — the listings on the other side of the market, the
 * organizations behind them and the brokers with a record in its field — each with its score and
 * the reasons in words (GET /api/market/{achievements|demands}/:id/matches).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Progress, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ListingKind } from '../../../../common/market-vocabulary.js';
import { ORGANIZATION_KINDS } from '../../../../common/vocabulary.js';
import { api, isApiError } from '../../api.js';
import { useI18n } from '../../i18n.js';
import { publicPath, SEGMENT } from './model.js';

interface Matches {
  listing: { kind: ListingKind; id: string; title: string };
  listings: { kind: ListingKind; entityId: string; title: string; organizationName: string | null; score: number; why: string[] }[];
  organizations: { organizationId: string; name: string; kind: string; score: number; why: string[] }[];
  brokers: { personId: string; name: string; score: number; why: string[] }[];
}

const zh = {
  title: '匹配推荐',
  achievements: '相关科技成果',
  demands: '相关技术需求',
  organizations: '相关机构',
  brokers: '推荐技术经纪人',
  none: '暂无匹配',
  hint: '匹配度由文本相关度（70）、同一技术领域（15）和成熟度（15）相加；理由列出双方共有的关键词。',
};
const en: typeof zh = {
  title: 'Matches',
  achievements: 'Matching achievements',
  demands: 'Matching demands',
  organizations: 'Organizations',
  brokers: 'Brokers',
  none: 'No matches yet',
  hint: 'The score adds text relevance (70), the same technical field (15) and maturity (15); the reasons name the words both share.',
};

function Why({ items }: { items: string[] }) {
  return (
    <Space direction="vertical" size={0}>
      {items.map((w) => (
        <Typography.Text key={w} type="secondary">{w}</Typography.Text>
      ))}
    </Space>
  );
}

export function MatchesPanel({ kind, id }: { kind: ListingKind; id: string }) {
  const { lang, vocab } = useI18n();
  const t = lang === 'en' ? en : zh;
  const query = useQuery({ queryKey: ['matches', kind, id], queryFn: () => api<Matches>(`/api/market/${SEGMENT[kind]}/${id}/matches`), retry: false });
  // An enterprise may ask only about its own listings: elsewhere the panel is simply not there.
  if (query.isError && isApiError(query.error) && query.error.code === 'FORBIDDEN') return null;
  if (query.isError) return <Alert type="error" showIcon message={isApiError(query.error) ? query.error.message : String(query.error)} />;
  const m = query.data;
  return (
    <Card title={t.title} loading={query.isPending} style={{ marginBottom: 16 }} data-testid="matches-panel">
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      <Typography.Title level={5}>{kind === 'demand' ? t.achievements : t.demands}</Typography.Title>
      {m && m.listings.length === 0 ? (
        <Empty description={t.none} />
      ) : (
        <List
          dataSource={m?.listings ?? []}
          renderItem={(l) => (
            <List.Item data-testid="match-listing">
              <List.Item.Meta
                avatar={<Progress type="circle" percent={l.score} size={48} format={(p) => `${p}`} />}
                title={<Space><Link to={publicPath(l.kind, l.entityId)}>{l.title}</Link>{l.organizationName && <Tag>{l.organizationName}</Tag>}</Space>}
                description={<Why items={l.why} />}
              />
            </List.Item>
          )}
        />
      )}
      <Row gutter={16} style={{ marginTop: 8 }}>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t.organizations}</Typography.Title>
          <List
            size="small"
            dataSource={m?.organizations ?? []}
            locale={{ emptyText: t.none }}
            renderItem={(o) => (
              <List.Item data-testid="match-organization">
                <List.Item.Meta title={<Space>{o.name}<Tag>{vocab(ORGANIZATION_KINDS, o.kind)}</Tag></Space>} description={<Why items={o.why} />} />
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t.brokers}</Typography.Title>
          <List
            size="small"
            dataSource={m?.brokers ?? []}
            locale={{ emptyText: t.none }}
            renderItem={(b) => (
              <List.Item data-testid="match-broker">
                <List.Item.Meta title={b.name} description={<Why items={b.why} />} />
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}
