/**
 * 发起对接 on a public listing page (or from an inquiry received on it), for brokers and the operator:
 * pick the other side (a published demand for an achievement, or the reverse; optional), the
 * registered broker, a first note; the new deal's page opens, and records the inquiry it came from.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { errorText } from '../../api.js';
import type { ListingKind } from '../../../../common/market-vocabulary.js';
import { useMe } from '../../queries.js';
import { useDebounced } from '../../components/pickers.js';
import { can } from '../../permissions.js';
import { useBrokerPeople, useCreateDeal, useDealText, useListingOptions } from './model.js';

export function StartDealButton({ kind, id, inquiryId }: { kind: ListingKind; id: string; inquiryId?: string }) {
  const me = useMe();
  const { d } = useDealText();
  const navigate = useNavigate();
  const create = useCreateDeal();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const other: ListingKind = kind === 'achievement' ? 'demand' : 'achievement';
  const options = useListingOptions(other, q, open);
  const brokers = useBrokerPeople(open);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ otherId?: string; brokerPersonId?: string; note?: string }>();
  if (!can(me.data, 'deals.deal.create')) return null;
  return (
    <>
      <Button size={inquiryId ? 'small' : undefined} onClick={() => setOpen(true)} data-testid={inquiryId ? 'inquiry-start-deal' : 'start-deal'}>{d('startDeal')}</Button>
      <Modal
        open={open}
        title={d('startDeal')}
        okText={d('startDeal')}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'start-deal-ok' }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const values = await form.validateFields();
          setError(null);
          try {
            const deal = await create.mutateAsync({
              ...(kind === 'achievement' ? { achievementId: id, demandId: values.otherId } : { demandId: id, achievementId: values.otherId }),
              brokerPersonId: values.brokerPersonId,
              ...(inquiryId ? { inquiryId } : {}),
              note: values.note || undefined,
            });
            setOpen(false);
            navigate(`/deals/${deal.id}`);
          } catch (e) {
            setError(errorText(e));
          }
        }}
      >
        <Typography.Paragraph type="secondary">{d('startDealHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="start-deal-error" />}
        <Form form={form} layout="vertical">
          <Form.Item name="otherId" label={other === 'demand' ? d('pickDemand') : d('pickAchievement')}>
            <Select
              showSearch
              allowClear
              filterOption={false}
              placeholder={d('searchListings')}
              onSearch={setSearch}
              loading={options.isFetching}
              options={(options.data?.hits ?? []).map((h) => ({ value: h.entityId, label: h.title }))}
              data-testid="start-deal-other"
            />
          </Form.Item>
          <Form.Item name="brokerPersonId" label={d('brokerPerson')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={brokers.isFetching}
              options={(brokers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              data-testid="start-deal-broker"
            />
          </Form.Item>
          <Form.Item name="note" label={d('firstNote')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
