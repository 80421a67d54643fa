/**
 * 展示项目 of an event, chosen by the operator: the achievements and demands a 对接会 or 路演 features,
 * picked from the market's search as one types, in the order chosen; saved with the event's version
 * (a concurrent change answers 409 and says so).
 */
import { useState } from 'react';
import { Alert, Button, Form, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventDetail, FeaturedListing } from '../../../../common/deal-api.js';
import type { ListingKind } from '../../../../common/market-vocabulary.js';
import { api, errorText } from '../../api.js';
import { useDebounced } from '../../components/pickers.js';
import { useDealText, useListingOptions } from './model.js';

type Picked = { value: string; label: string };

function ListingPicker({ kind, value, onChange, testId }: { kind: ListingKind; value?: Picked[]; onChange?: (v: Picked[]) => void; testId: string }) {
  const { d } = useDealText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const options = useListingOptions(kind, q, true);
  // The chosen ones stay listed whatever the search shows, so their labels never turn into ids.
  const found = (options.data?.hits ?? []).map((h) => ({ value: h.entityId, label: h.title }));
  const merged = [...(value ?? []), ...found.filter((o) => !(value ?? []).some((v) => v.value === o.value))];
  return (
    <Select
      mode="multiple"
      labelInValue
      showSearch
      filterOption={false}
      placeholder={d('searchListings')}
      onSearch={setSearch}
      loading={options.isFetching}
      value={value}
      onChange={(v) => onChange?.(v as Picked[])}
      options={merged}
      data-testid={testId}
    />
  );
}

const picked = (listings: FeaturedListing[], kind: ListingKind): Picked[] => listings.filter((l) => l.kind === kind).map((l) => ({ value: l.id, label: l.title }));

export function EditFeaturedButton({ event }: { event: EventDetail }) {
  const { d } = useDealText();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ achievements: Picked[]; demands: Picked[] }>();
  const save = useMutation({
    mutationFn: (listings: { kind: ListingKind; id: string }[]) =>
      api<EventDetail>(`/api/events/${encodeURIComponent(event.id)}`, { method: 'PATCH', body: { version: event.version, listings } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['events'] }),
  });
  return (
    <>
      <Button size="small" onClick={() => (setError(null), setOpen(true))} data-testid="event-featured-edit">{d('editFeatured')}</Button>
      <Modal
        open={open}
        title={d('editFeatured')}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'event-featured-save' }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const values = await form.validateFields();
          try {
            await save.mutateAsync([
              ...(values.achievements ?? []).map((p) => ({ kind: 'achievement' as const, id: p.value })),
              ...(values.demands ?? []).map((p) => ({ kind: 'demand' as const, id: p.value })),
            ]);
            setOpen(false);
          } catch (e) {
            setError(errorText(e));
          }
        }}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="event-featured-error" />}
        <Form form={form} layout="vertical" initialValues={{ achievements: picked(event.listings, 'achievement'), demands: picked(event.listings, 'demand') }}>
          <Form.Item name="achievements" label={d('featuredAchievements')}>
            <ListingPicker kind="achievement" testId="event-featured-achievements" />
          </Form.Item>
          <Form.Item name="demands" label={d('featuredDemands')}>
            <ListingPicker kind="demand" testId="event-featured-demands" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
