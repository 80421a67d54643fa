/**
 * 付款记录: the contract's payments with their transfer vouchers and invoices, totals, and — for
 * users who may write payments, while the contract takes them — add, edit (with the payment's
 * version) and delete. Evidence files are uploaded first (/api/evidence answers their SHA-256),
 * then named by the payment; saved ones download through the contract.
 */
import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Divider, Form, Input, Modal, Popconfirm, Progress, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, DownloadOutlined, EditOutlined, MinusCircleOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { isApiError } from '../../api.js';
import { useUser } from '../../auth.js';
import { FormProblems } from '../../components/page.js';
import { cleanRecord } from '../../components/form-values.js';
import { useRequiredRule } from '../../components/use-edit-form.js';
import { useServerForm } from '../../components/use-server-form.js';
import { dateItem, formatFen, text } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { can, PERMISSIONS } from '../../permissions.js';
import { evidenceUrl, useDeletePayment, usePayments, useSavePayment, useUploadEvidence } from '../../queries.js';
import type { Contract, Invoice, Payment } from '../../types.js';
import { Yuan, YuanInput, useYuanRule } from './contract-bits.js';

/** The server refuses payments on these (payments.ts). */
const CLOSED = new Set(['draft', 'rejected']);

export function PaymentsTab({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const query = usePayments(contract.id);
  const remove = useDeletePayment(contract.id);
  const [editing, setEditing] = useState<Payment | 'new' | null>(null);
  const writable = can(user, PERMISSIONS.paymentWrite);
  const open = !CLOSED.has(contract.status);
  const payments = query.data ?? [];
  const paid = payments.reduce((sum, p) => sum + p.amountFen, 0);
  const invoiced = payments.reduce((sum, p) => sum + p.invoicedFen, 0);

  const fileLink = (hash: string | null) =>
    hash ? (
      <Tooltip title={hash}>
        <a href={evidenceUrl(contract.id, hash)} download data-testid="evidence-link">
          <DownloadOutlined /> {t('contract.download')}
        </a>
      </Tooltip>
    ) : null;

  const columns: ColumnsType<Payment> = [
    { title: t('contract.paidOn'), dataIndex: 'paidOn', width: 110 },
    { title: t('contract.paymentAmount'), dataIndex: 'amountFen', width: 140, align: 'right', render: (fen: number) => <Yuan fen={fen} /> },
    {
      title: t('contract.voucher'),
      key: 'voucher',
      width: 200,
      render: (_: unknown, p) =>
        p.hasVoucher ? (
          <Space size={4} wrap>
            {p.voucherNumber && <code>{p.voucherNumber}</code>}
            {fileLink(p.voucherFileHash)}
          </Space>
        ) : (
          <Tag color="warning">{t('contract.noVoucher')}</Tag>
        ),
    },
    {
      title: t('contract.invoices'),
      key: 'invoices',
      render: (_: unknown, p) =>
        p.invoices.length === 0 ? (
          <Tag color="warning">{t('contract.noInvoice')}</Tag>
        ) : (
          <Space orientation="vertical" size={2}>
            {p.invoices.map((inv: Invoice) => (
              <Space key={`${inv.code ?? ''}/${inv.number}`} size={6} wrap>
                <code>{inv.code ? `${inv.code} / ${inv.number}` : inv.number}</code>
                <span>{inv.issuedOn}</span>
                <Yuan fen={inv.amountFen} />
                {inv.namesContract && <Tag color="green">{t('contract.invoiceNamesContract')}</Tag>}
                {fileLink(inv.fileHash)}
              </Space>
            ))}
          </Space>
        ),
    },
    { title: t('contract.invoiced'), dataIndex: 'invoicedFen', width: 130, align: 'right', render: (fen: number) => <Yuan fen={fen} /> },
    { title: t('contract.paymentNote'), dataIndex: 'note', width: 140, render: (v: string | null) => text(v) },
  ];
  if (writable && open) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, p) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t('common.edit')} />
          <Popconfirm
            title={t('contract.deletePayment')}
            okText={t('common.remove')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync({ id: p.id, version: p.version }).then(
                () => void message.success(t('contract.deleted')),
                (error: unknown) => void message.error(error instanceof Error ? error.message : String(error)),
              )
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} />
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="payments-tab">
      {writable && (
        <Space>
          <Tooltip title={open ? undefined : t('contract.paymentsClosed')}>
            <Button type="primary" icon={<PlusOutlined />} disabled={!open} onClick={() => setEditing('new')} data-testid="add-payment">
              {t('contract.addPayment')}
            </Button>
          </Tooltip>
        </Space>
      )}
      {query.isError && <Alert type="error" showIcon title={query.error.message} />}
      {paid > contract.amountFen && (
        <Alert type="warning" showIcon data-testid="overpaid-warning" title={t('contract.overpaid', { paid: formatFen(paid), amount: formatFen(contract.amountFen) })} />
      )}
      <Table<Payment>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={payments}
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('common.none') }}
        data-testid="payments-table"
        summary={() =>
          payments.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('contract.paidTotal')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Yuan fen={paid} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={2} />
              <Table.Summary.Cell index={4} align="right">
                <Yuan fen={invoiced} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} colSpan={writable && open ? 2 : 1} />
            </Table.Summary.Row>
          )
        }
      />
      {editing && <PaymentModal contractId={contract.id} payment={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

const PAYMENT_FIELDS = ['paidOn', 'amountFen', 'voucherNumber', 'voucherFileHash', 'invoices', 'note'] as const;

interface PaymentValues {
  paidOn?: string;
  amountFen?: number | string;
  voucherNumber?: string;
  voucherFileHash?: string;
  invoices?: { code?: string; number?: string; issuedOn?: string; amountFen?: number | string; namesContract?: boolean; fileHash?: string }[];
  note?: string;
}

function PaymentModal({ contractId, payment, onClose }: { contractId: string; payment?: Payment; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const required = useRequiredRule();
  const yuanRule = useYuanRule();
  const save = useSavePayment(contractId);
  const { form, problems, conflict, submit } = useServerForm<PaymentValues>(PAYMENT_FIELDS);
  const initial: PaymentValues = payment
    ? {
        paidOn: payment.paidOn,
        amountFen: payment.amountFen,
        voucherNumber: payment.voucherNumber ?? undefined,
        voucherFileHash: payment.voucherFileHash ?? undefined,
        invoices: payment.invoices.map((i) => ({
          code: i.code ?? undefined,
          number: i.number,
          issuedOn: i.issuedOn,
          amountFen: i.amountFen,
          namesContract: i.namesContract,
          fileHash: i.fileHash ?? undefined,
        })),
        note: payment.note ?? undefined,
      }
    : { invoices: [] };

  const onFinish = (values: PaymentValues) => {
    const cleaned = cleanRecord(values) as PaymentValues;
    const body: Record<string, unknown> = {
      ...cleaned,
      invoices: (cleaned.invoices ?? []).map((i) => ({ ...i, namesContract: i.namesContract ?? false })),
    };
    if (payment) body.version = payment.version;
    void submit(async () => {
      const saved = await save.mutateAsync({ paymentId: payment?.id, body });
      // The server accepts an over-payment but says so; the tab's warning shows the figures.
      if (saved.warning) void message.warning(t('contract.overpaidSaved'));
      else void message.success(t('common.saved'));
      onClose();
    }, { versioned: !!payment });
  };

  return (
    <Modal
      open
      width={860}
      title={t(payment ? 'contract.editPayment' : 'contract.addPayment')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'payment-save' }}
      destroyOnHidden
    >
      <Form<PaymentValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} data-testid="payment-form">
        <FormProblems problems={problems} conflict={conflict} onReload={onClose} />
        <Space wrap align="start">
          <Form.Item name="paidOn" label={t('contract.paidOn')} rules={[required(t('contract.paidOn'))]} {...dateItem}>
            <DatePicker data-testid="payment-paid-on" />
          </Form.Item>
          <Form.Item name="amountFen" label={t('contract.paymentAmount')} rules={[required(t('contract.paymentAmount')), yuanRule]}>
            <YuanInput style={{ width: 180 }} data-testid="payment-amount" />
          </Form.Item>
          <Form.Item name="voucherNumber" label={t('contract.voucherNumber')}>
            <Input style={{ width: 180 }} maxLength={60} data-testid="payment-voucher-number" />
          </Form.Item>
          <Form.Item name="voucherFileHash" label={t('contract.voucherFile')}>
            <EvidenceUpload testId="voucher-upload" />
          </Form.Item>
        </Space>
        <Divider titlePlacement="start">{t('contract.invoices')}</Divider>
        <Form.List name="invoices">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="start" wrap style={{ display: 'flex' }} data-testid={`invoice-${name}`}>
                  <Form.Item name={[name, 'code']} label={t('contract.invoiceCode')}>
                    <Input style={{ width: 130 }} maxLength={12} data-testid="invoice-code" />
                  </Form.Item>
                  <Form.Item name={[name, 'number']} label={t('contract.invoiceNumber')} rules={[required(t('contract.invoiceNumber'))]}>
                    <Input style={{ width: 200 }} maxLength={20} data-testid="invoice-number" />
                  </Form.Item>
                  <Form.Item name={[name, 'issuedOn']} label={t('contract.invoiceIssuedOn')} rules={[required(t('contract.invoiceIssuedOn'))]} {...dateItem}>
                    <DatePicker style={{ width: 130 }} data-testid="invoice-issued-on" />
                  </Form.Item>
                  <Form.Item name={[name, 'amountFen']} label={t('contract.invoiceAmount')} rules={[required(t('contract.invoiceAmount')), yuanRule]}>
                    <YuanInput style={{ width: 150 }} data-testid="invoice-amount" />
                  </Form.Item>
                  <Form.Item name={[name, 'namesContract']} label=" " valuePropName="checked">
                    <Checkbox>{t('contract.invoiceNamesContract')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[name, 'fileHash']} label={t('contract.invoiceFile')}>
                    <EvidenceUpload testId="invoice-upload" />
                  </Form.Item>
                  <Form.Item label=" ">
                    <MinusCircleOutlined onClick={() => remove(name)} aria-label={t('common.remove')} />
                  </Form.Item>
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ namesContract: true })} data-testid="add-invoice">
                {t('contract.addInvoice')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('contract.paymentNote')} style={{ marginTop: 16 }}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Uploads one evidence file and holds its SHA-256 as the form value. */
function EvidenceUpload({ value, onChange, testId }: { value?: string; onChange?: (hash: string | undefined) => void; testId: string }) {
  const { t } = useI18n();
  const upload = useUploadEvidence();
  const [percent, setPercent] = useState<number | null>(null);
  return (
    <Space orientation="vertical" size={2} data-testid={testId}>
      <Space size={4}>
        <Upload
          accept=".pdf,.jpg,.jpeg,.png,.ofd"
          showUploadList={false}
          maxCount={1}
          customRequest={(options) => {
            setPercent(0);
            upload.mutate(
              { file: options.file as File, onProgress: setPercent },
              {
                onSuccess: (file) => {
                  onChange?.(file.hash);
                  setPercent(null);
                },
                onError: () => setPercent(null),
              },
            );
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
            {t('contract.upload')}
          </Button>
        </Upload>
        {value && (
          <Tooltip title={value}>
            <Tag icon={<PaperClipOutlined />} closable onClose={() => onChange?.(undefined)} data-testid="evidence-hash">
              {t('contract.uploaded')} {value.slice(0, 8)}
            </Tag>
          </Tooltip>
        )}
      </Space>
      {percent !== null && <Progress percent={percent} size="small" style={{ width: 160 }} />}
      {upload.isError && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {isApiError(upload.error) ? upload.error.message : String(upload.error)}
        </Typography.Text>
      )}
      {!value && !upload.isError && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('contract.uploadHint')}
        </Typography.Text>
      )}
    </Space>
  );
}
