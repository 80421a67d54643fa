/** 关联关系: whether seller and buyer are related, and the chain that makes them so, in words. */
import { Alert, Card, Space, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n.js';
import { useRelatedParties } from '../../queries.js';

export function RelatedPartiesCard({ contractId }: { contractId: string }) {
  const { t } = useI18n();
  const query = useRelatedParties(contractId);
  const answer = query.data;
  return (
    <Card size="small" title={t('contract.relatedParties')} loading={query.isPending} data-testid="related-parties">
      {query.isError && <Alert type="error" showIcon title={query.error.message} />}
      {answer && !answer.related && (
        <Alert type="success" showIcon title={t('contract.notRelated', { threshold: answer.thresholdPercent })} />
      )}
      {answer?.related && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('contract.related', { threshold: answer.thresholdPercent })} />
          {answer.pairs.map((pair) => (
            <div key={`${pair.seller.id}-${pair.buyer.id}`}>
              <Typography.Text strong>{t('contract.pair', { seller: pair.seller.name, buyer: pair.buyer.name })}</Typography.Text>
              <ul className="tt-relation-chain">
                {pair.relations.map((r, i) => (
                  <li key={i}>
                    <Tag color={r.kind === 'declared' ? 'orange' : 'red'}>{t(`contract.relation.${r.kind}` as MessageKey)}</Tag>
                    {r.chain}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
