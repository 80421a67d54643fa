/**
 * 编辑股东: the whole list of an organization's equity holders (organizations or people, with
 * percent), saved at once with PUT /api/organizations/:id/equity.
 */
import { App, Button, Form, type FormInstance, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { EquityHolderInput } from '../../../../common/registry-schema.js';
import { HOLDER_TYPES } from '../../../../common/vocabulary.js';
import { FormProblems } from '../../components/page.js';
import { OrganizationSelect, PersonSelect } from '../../components/pickers.js';
import { useServerForm } from '../../components/use-server-form.js';
import { useI18n } from '../../i18n.js';
import { useSetEquityHolders } from '../../queries.js';
import type { EquityHolder } from '../../types.js';

export interface HolderRow {
  holderType: 'organization' | 'person';
  holderId?: string;
  holderName?: string;
  percent?: number;
}

interface Values {
  holders: HolderRow[];
}

/** The form value of an organization's current holders (the rows the list starts from). */
export function holdersToRows(holders: EquityHolder[]): HolderRow[] {
  return holders.map((h) => ({
    holderType: h.holderType as HolderRow['holderType'],
    holderId: h.holderId ?? h.holderOrganizationId ?? h.holderPersonId ?? undefined,
    holderName: h.holderName ?? undefined,
    percent: h.percent,
  }));
}

/** The rows as the API takes them. */
export function rowsToHolders(rows: HolderRow[] | undefined): EquityHolderInput[] {
  return (rows ?? []).map((r) =>
    r.holderType === 'organization'
      ? { holderType: 'organization', holderOrganizationId: r.holderId!, percent: r.percent! }
      : { holderType: 'person', holderPersonId: r.holderId!, percent: r.percent! },
  );
}

/** The holder rows (type, organization or person, percent) with the running total, inside a Form holding `holders`. */
export function EquityHolderFields({ form, initial }: { form: FormInstance; initial: HolderRow[] }) {
  const { t } = useI18n();
  const rows = Form.useWatch('holders', form) as HolderRow[] | undefined;
  const total = (rows ?? []).reduce((sum, r) => sum + Math.round((r?.percent ?? 0) * 100), 0) / 100;
  return (
    <Form.List name="holders">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => {
            const type = rows?.[field.name]?.holderType ?? 'organization';
            const initialLabel = initial[field.name]?.holderName;
            return (
              <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[field.name, 'holderType']} rules={[{ required: true }]}>
                  <Select
                    style={{ width: 100 }}
                    options={HOLDER_TYPES.values.map((v) => ({ value: v, label: HOLDER_TYPES.label(v) }))}
                    onChange={() => form.setFieldValue(['holders', field.name, 'holderId'], undefined)}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'holderId']} rules={[{ required: true, message: t('equity.holder') }]}>
                  {type === 'organization' ? (
                    <OrganizationSelect initialLabel={initialLabel} style={{ width: 340 }} />
                  ) : (
                    <PersonSelect initialLabel={initialLabel} style={{ width: 340 }} />
                  )}
                </Form.Item>
                <Form.Item name={[field.name, 'percent']} rules={[{ required: true, message: t('equity.percent') }]}>
                  <InputNumber min={0.01} max={100} precision={2} step={1} suffix="%" style={{ width: 130 }} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="delete" />
              </Space>
            );
          })}
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Button icon={<PlusOutlined />} onClick={() => add({ holderType: 'organization' })}>
              {t('equity.add')}
            </Button>
            <Typography.Text type={total > 100 ? 'danger' : 'secondary'} data-testid="equity-total">
              {`${t('equity.total')} ${total}%`}
            </Typography.Text>
          </Space>
        </>
      )}
    </Form.List>
  );
}

export function EquityModal(props: { organizationId: string; holders: EquityHolder[]; open: boolean; onClose: () => void }) {
  const { organizationId, holders, open, onClose } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const save = useSetEquityHolders(organizationId);
  const { form, problems, submit, clearProblems } = useServerForm<Values>(['holders'] as const);
  const initial: Values = { holders: holdersToRows(holders) };

  const onOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    if (await submit(() => save.mutateAsync(rowsToHolders(values.holders)))) {
      void message.success(t('common.saved'));
      onClose();
    }
  };

  return (
    <Modal
      title={t('equity.edit')}
      open={open}
      width={760}
      onOk={() => void onOk()}
      onCancel={() => {
        clearProblems();
        onClose();
      }}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="equity-form">
        <FormProblems problems={problems} />
        <Typography.Paragraph type="secondary">{t('equity.hint')}</Typography.Paragraph>
        <EquityHolderFields form={form} initial={initial.holders} />
      </Form>
    </Modal>
  );
}
