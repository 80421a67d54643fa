/**
 * The 成果定价公示 card on an institution's transfer or licence contract: what blocks submission, the
 * form that publicizes the price decision (method, price in 元, valuation report, who decided and
 * when, the period in working days), each 公示 with its outcome, and its objections with the answers.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { PricingObjection } from '../../../../common/pricing-api.js';
import { DEFAULT_PUBLICITY_DAYS, PRICING_METHODS } from '../../../../common/pricing-vocabulary.js';
import { isApiError } from '../../api.js';
import { useUser } from '../../auth.js';
import { useServerForm } from '../../components/use-server-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem, formatInstant, formatFen, today } from '../../format.js';
import { can } from '../../permissions.js';
import type { ContractDetail } from '../../types.js';
import { YuanInput, useYuanRule } from '../contracts/contract-bits.js';
import { useAnswerObjection, useContractPricing, useCreatePublicity, usePricingText, useUploadValuationReport, useWithdrawPublicity } from './model.js';

const STAGE_COLORS: Record<string, string> = { upcoming: 'default', running: 'processing', awaiting_answers: 'warning', finished: 'success', withdrawn: 'default' };
const EDITABLE = new Set(['draft', 'materials_requested']);

export function ContractPricingCard({ contract }: { contract: ContractDetail }) {
  const { m } = usePricingText();
  const user = useUser();
  const query = useContractPricing(contract.id);
  const [publishing, setPublishing] = useState(false);
  const data = query.data;
  if (!data || (!data.required && !data.publicities.length)) return null;
  const live = data.publicities.find((p) => p.status === 'publicized');
  const mayWrite = can(user, 'pricing.publicity.write') && EDITABLE.has(contract.status);
  const mayAnswer = can(user, 'pricing.objection.answer');
  return (
    <Card
      size="small"
      title={m('title')}
      data-testid="pricing-card"
      extra={mayWrite && !live && <Button type="primary" onClick={() => setPublishing(true)} data-testid="pricing-publish">{m('publish')}</Button>}
    >
      {data.blocker ? <Alert type="warning" showIcon message={data.blocker} style={{ marginBottom: 12 }} data-testid="pricing-blocker" /> : data.required && !data.publicities.length && <Alert type="info" message={m('required')} />}
      {data.publicities.map((p) => (
        <div key={p.id} style={{ marginBottom: 16 }} data-testid="pricing-publicity">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'outcome', label: m('outcome'), span: 2, children: <Space><Tag color={STAGE_COLORS[p.stage]}>{p.stageLabel}</Tag><span data-testid="pricing-outcome">{p.outcome}</span></Space> },
              { key: 'method', label: m('method'), children: p.methodLabel },
              { key: 'price', label: m('price'), children: <Typography.Text strong>{formatFen(p.priceFen)} 元</Typography.Text> },
              { key: 'decision', label: m('decisionBody'), children: p.decisionBody },
              { key: 'decidedOn', label: m('decidedOn'), children: p.decidedOn },
              { key: 'period', label: m('period'), children: m('periodText', { start: p.startsOn, end: p.endsOn, days: p.periodDays }) },
              {
                key: 'valuation', label: m('valuation'),
                children: p.hasValuationReport && p.status === 'publicized' ? <a href={`/api/public/pricing/${encodeURIComponent(p.id)}/valuation-report`}>{p.valuationReportName}</a> : (p.valuationReportName ?? m('none')),
              },
            ]}
          />
          <Space style={{ margin: '8px 0' }}>
            {p.status === 'publicized' && <Link to={`/public/pricing/${encodeURIComponent(p.id)}`}>{m('publicLink')}</Link>}
            {mayWrite && p.status === 'publicized' && <WithdrawButton contractId={contract.id} id={p.id} version={p.version} />}
          </Space>
          <Table<PricingObjection>
            size="small"
            rowKey="id"
            pagination={false}
            locale={{ emptyText: m('noObjections') }}
            data-testid="pricing-objections"
            dataSource={p.objections}
            columns={[
              { title: m('submitter'), dataIndex: 'submitterName', width: 140 },
              { title: m('contact'), dataIndex: 'contact', width: 150, render: (v: string | null) => v ?? m('none') },
              { title: m('content'), dataIndex: 'content' },
              { title: m('answer'), key: 'answer', render: (_, o) => (o.answer ? <span>{o.answer}<br /><Typography.Text type="secondary">{o.answeredByName} {formatInstant(o.answeredAt)}</Typography.Text></span> : <Tag color="warning">{m('awaiting')}</Tag>) },
              ...(mayAnswer && p.status === 'publicized'
                ? [{ title: '', key: 'act', width: 110, render: (_: unknown, o: PricingObjection) => o.status === 'open' && <AnswerButton contractId={contract.id} objection={o} /> }]
                : []),
            ]}
          />
        </div>
      ))}
      {publishing && <PublishModal contract={contract} onClose={() => setPublishing(false)} />}
    </Card>
  );
}

const FIELDS = ['method', 'priceFen', 'valuationFileHash', 'decisionBody', 'decidedOn', 'periodDays', 'startsOn'] as const;

function PublishModal({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const { m } = usePricingText();
  const { message, modal } = App.useApp();
  const yuanRule = useYuanRule();
  const create = useCreatePublicity(contract.id);
  const { form, problems, submit } = useServerForm<Record<string, unknown>>(FIELDS);
  const [fileName, setFileName] = useState<string | undefined>();
  const onFinish = (values: Record<string, unknown>) => {
    modal.confirm({
      title: m('publish'),
      content: m('confirmPublish'),
      okButtonProps: { 'data-testid': 'pricing-publish-confirm' } as never,
      onOk: () =>
        submit(async () => {
          await create.mutateAsync({ ...values, ...(values.valuationFileHash ? { valuationFileName: fileName } : {}) });
          void message.success(m('published'));
          onClose();
        }),
    });
  };
  return (
    <Modal open title={m('publish')} onCancel={onClose} onOk={() => form.submit()} okText={m('publish')} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'pricing-form-ok' }} width={640}>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ periodDays: DEFAULT_PUBLICITY_DAYS, priceFen: contract.amountFen, startsOn: today() }} data-testid="pricing-form">
        <Form.Item name="method" label={m('method')} rules={[{ required: true, message: m('method') }]}>
          <VocabSelect vocabulary={PRICING_METHODS} data-testid="pricing-method" />
        </Form.Item>
        <Form.Item name="priceFen" label={m('price')} rules={[{ required: true, message: m('price') }, yuanRule]}>
          <YuanInput data-testid="pricing-price" />
        </Form.Item>
        <Form.Item name="valuationFileHash" label={m('valuation')} extra={m('valuationHint')}>
          <ValuationUpload onName={setFileName} />
        </Form.Item>
        <Form.Item name="decisionBody" label={m('decisionBody')} rules={[{ required: true, message: m('decisionBody') }]}>
          <Input maxLength={100} placeholder={m('decisionBodyPlaceholder')} data-testid="pricing-decision-body" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="decidedOn" label={m('decidedOn')} rules={[{ required: true, message: m('decidedOn') }]} {...dateItem}>
            <DatePicker data-testid="pricing-decided-on" />
          </Form.Item>
          <Form.Item name="startsOn" label={m('startsOn')} {...dateItem}>
            <DatePicker data-testid="pricing-starts-on" />
          </Form.Item>
          <Form.Item name="periodDays" label={m('periodDays')}>
            <InputNumber min={DEFAULT_PUBLICITY_DAYS} max={60} precision={0} data-testid="pricing-period" />
          </Form.Item>
        </Space>
        {problems.length > 0 && <Alert type="error" message={problems.join('；')} data-testid="pricing-form-problems" />}
      </Form>
    </Modal>
  );
}

function ValuationUpload({ value, onChange, onName }: { value?: string; onChange?: (hash: string | undefined) => void; onName: (name: string | undefined) => void }) {
  const { m } = usePricingText();
  const upload = useUploadValuationReport();
  const [percent, setPercent] = useState<number | null>(null);
  const [name, setName] = useState<string>();
  return (
    <Space orientation="vertical" size={2} data-testid="pricing-valuation-upload">
      <Space size={4}>
        <Upload
          accept=".pdf,.jpg,.jpeg,.png,.ofd"
          showUploadList={false}
          maxCount={1}
          customRequest={(options) => {
            setPercent(0);
            const file = options.file as File;
            upload.mutate({ file, onProgress: setPercent }, {
              onSuccess: (stored) => {
                onChange?.(stored.hash);
                setName(file.name);
                onName(file.name);
                setPercent(null);
              },
              onError: () => setPercent(null),
            });
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{m('upload')}</Button>
        </Upload>
        {value && (
          <Tag icon={<PaperClipOutlined />} closable onClose={() => { onChange?.(undefined); onName(undefined); }} data-testid="pricing-valuation-file">
            {m('uploaded')} {name}
          </Tag>
        )}
      </Space>
      {percent !== null && <Progress percent={percent} size="small" style={{ width: 160 }} />}
      {upload.isError && <Typography.Text type="danger" style={{ fontSize: 12 }}>{isApiError(upload.error) ? upload.error.message : String(upload.error)}</Typography.Text>}
    </Space>
  );
}

function AnswerButton({ contractId, objection }: { contractId: string; objection: PricingObjection }) {
  const { m } = usePricingText();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const answer = useAnswerObjection(contractId);
  const { form, problems, conflict, submit } = useServerForm<{ answer: string }>(['answer']);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="pricing-answer">{m('answerAction')}</Button>
      <Modal open={open} title={m('answerAction')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={answer.isPending} okButtonProps={{ 'data-testid': 'pricing-answer-ok' }} destroyOnHidden>
        <Typography.Paragraph type="secondary">{objection.submitterName}：{objection.content}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(async () => {
          await answer.mutateAsync({ id: objection.id, body: { version: objection.version, answer: v.answer } });
          void message.success(m('answerSaved'));
          setOpen(false);
        }, { versioned: true })}>
          <Form.Item name="answer" label={m('answer')} rules={[{ required: true, message: m('answer') }]}>
            <Input.TextArea rows={4} maxLength={2000} data-testid="pricing-answer-text" />
          </Form.Item>
          {(conflict || problems.length > 0) && <Alert type="error" message={conflict ?? problems.join('；')} />}
        </Form>
      </Modal>
    </>
  );
}

function WithdrawButton({ contractId, id, version }: { contractId: string; id: string; version: number }) {
  const { m } = usePricingText();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const withdraw = useWithdrawPublicity(contractId);
  const { form, problems, conflict, submit } = useServerForm<{ reason: string }>(['reason']);
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid="pricing-withdraw">{m('withdraw')}</Button>
      <Modal open={open} title={m('withdraw')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ danger: true }} confirmLoading={withdraw.isPending} destroyOnHidden>
        <Alert type="warning" message={m('withdrawConfirm')} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(async () => {
          await withdraw.mutateAsync({ id, body: { version, reason: v.reason } });
          void message.success(m('withdrawn'));
          setOpen(false);
        }, { versioned: true })}>
          <Form.Item name="reason" label={m('withdrawReason')} rules={[{ required: true, message: m('withdrawReason') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          {(conflict || problems.length > 0) && <Alert type="error" message={conflict ?? problems.join('；')} />}
        </Form>
      </Modal>
    </>
  );
}
