/**
 * 对接项目 page: the pipeline (对接 → 洽谈 → 签约 | 终止) with its history, the moves the broker or
 * operator may make (洽谈, 终止 with a reason, 签约 with the agreed amount → the contract draft),
 * the notes with next steps, and — once signed — the contract's registration status and turnover.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Row, Select, Space, Steps, Tag, Timeline, Typography, message } from 'antd';
import { errorText } from '../../api.js';
import { DEAL_STAGES, TERMINATION_REASONS, type DealStage } from '../../../../common/deal-vocabulary.js';
import { TRANSFER_MODES, type TransferMode } from '../../../../common/market-vocabulary.js';
import { TECH_FIELDS, type ContractStatus } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem, EMPTY, formatFen, formatInstant, today } from '../../format.js';
import { can } from '../../permissions.js';
import { StatusTag, YuanInput, useYuanRule } from '../contracts/contract-bits.js';
import { StageTag } from './deal-bits.js';
import { type DealDetail, useAddDealNote, useDeal, useDealText, useDealTransition, useSignDeal } from './model.js';

function StageSteps({ deal }: { deal: DealDetail }) {
  const { vocab } = useDealText();
  const order: DealStage[] = ['contacting', 'negotiating', deal.stage === 'terminated' ? 'terminated' : 'signed'];
  const reached = new Set(deal.steps.map((s) => s.to));
  const current = order.indexOf(deal.stage);
  return (
    <Steps
      size="small"
      current={current}
      status={deal.stage === 'terminated' ? 'error' : deal.stage === 'signed' ? 'finish' : 'process'}
      items={order.map((s) => ({ title: vocab(DEAL_STAGES, s), description: deal.steps.find((x) => x.to === s)?.onDate ?? (reached.has(s) ? '' : undefined) }))}
      data-testid="deal-steps"
    />
  );
}

function SignDialog({ deal, open, onClose }: { deal: DealDetail; open: boolean; onClose: () => void }) {
  const { d, vocab } = useDealText();
  const sign = useSignDeal();
  const yuanRule = useYuanRule();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ amountFen: number; transferMode?: TransferMode; licenseYears?: number; signedOn?: string }>();
  const modes = deal.achievement?.transferModes ?? [];
  const mode = Form.useWatch('transferMode', form) ?? modes[0];
  return (
    <Modal
      open={open}
      title={d('sign')}
      okText={d('sign')}
      confirmLoading={sign.isPending}
      okButtonProps={{ 'data-testid': 'deal-sign-ok' }}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        setError(null);
        try {
          await sign.mutateAsync({ id: deal.id, version: deal.version, amountFen: values.amountFen, transferMode: values.transferMode, licenseYears: values.licenseYears, signedOn: values.signedOn });
          message.success(d('contractDraft'));
          onClose();
        } catch (e) {
          setError(errorText(e));
        }
      }}
    >
      <Typography.Paragraph type="secondary">{d('signHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="deal-sign-error" />}
      <Form form={form} layout="vertical" initialValues={{ transferMode: modes[0], signedOn: today() }}>
        <Form.Item name="amountFen" label={d('amount')} rules={[{ required: true, message: d('amountRequired') }, yuanRule]}>
          <YuanInput data-testid="deal-sign-amount" />
        </Form.Item>
        <Form.Item name="transferMode" label={d('transferMode')} rules={[{ required: modes.length === 0, message: d('transferMode') }]}>
          <Select
            options={(modes.length ? modes : TRANSFER_MODES.values).map((m) => ({ value: m, label: vocab(TRANSFER_MODES, m) }))}
            data-testid="deal-sign-mode"
          />
        </Form.Item>
        {mode === 'license' && (
          <Form.Item name="licenseYears" label={d('licenseYears')} rules={[{ required: true, message: d('licenseYears') }]}>
            <InputNumber min={1} max={99} data-testid="deal-sign-license-years" />
          </Form.Item>
        )}
        <Form.Item name="signedOn" label={d('signedOn')} {...dateItem}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TerminateDialog({ deal, open, onClose }: { deal: DealDetail; open: boolean; onClose: () => void }) {
  const { d } = useDealText();
  const move = useDealTransition();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string; note?: string }>();
  return (
    <Modal
      open={open}
      title={d('terminate')}
      okText={d('terminate')}
      okButtonProps={{ danger: true, 'data-testid': 'deal-terminate-ok' }}
      confirmLoading={move.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        try {
          await move.mutateAsync({ id: deal.id, to: 'terminated', version: deal.version, reason: values.reason, note: values.note || undefined });
          onClose();
        } catch (e) {
          setError(errorText(e));
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={d('terminateReason')} rules={[{ required: true, message: d('reasonRequired') }]}>
          <VocabSelect vocabulary={TERMINATION_REASONS} data-testid="deal-terminate-reason" />
        </Form.Item>
        <Form.Item name="note" label={d('terminateNote')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Actions({ deal }: { deal: DealDetail }) {
  const { d } = useDealText();
  const user = useUser();
  const move = useDealTransition();
  const [signing, setSigning] = useState(false);
  const [terminating, setTerminating] = useState(false);
  if (!can(user, 'deals.deal.update') || deal.nextStages.length === 0) return null;
  return (
    <Space>
      {deal.nextStages.includes('negotiating') && (
        <Button
          type="primary"
          loading={move.isPending}
          data-testid="deal-to-negotiating"
          onClick={async () => {
            try {
              await move.mutateAsync({ id: deal.id, to: 'negotiating', version: deal.version });
            } catch (e) {
              message.error(errorText(e));
            }
          }}
        >
          {d('toNegotiating')}
        </Button>
      )}
      {deal.nextStages.includes('signed') && can(user, 'deals.deal.sign') && (
        <Button type="primary" onClick={() => setSigning(true)} data-testid="deal-sign">{d('sign')}</Button>
      )}
      {deal.nextStages.includes('terminated') && (
        <Button danger onClick={() => setTerminating(true)} data-testid="deal-terminate">{d('terminate')}</Button>
      )}
      <SignDialog deal={deal} open={signing} onClose={() => setSigning(false)} />
      <TerminateDialog deal={deal} open={terminating} onClose={() => setTerminating(false)} />
    </Space>
  );
}

/** Contracts are read by their parties and the jurisdiction-wide roles (server/modules/contracts). */
const JURISDICTION_READERS = ['operator', 'admin', 'evaluator', 'finance', 'department'];

function ContractCard({ deal }: { deal: DealDetail }) {
  const { d } = useDealText();
  const user = useUser();
  const c = deal.contract;
  if (!c) return null;
  // The parties, and the broker's agency (named on the draft as the intermediary, 中介方), open it.
  const readable =
    user.roles.some((r) => JURISDICTION_READERS.includes(r)) ||
    [deal.buyer?.id, deal.seller?.id, deal.broker?.organizationId].some((id) => !!id && user.organizationIds.includes(id));
  return (
    <Card
      size="small"
      title={d('contract')}
      data-testid="deal-contract"
      extra={readable ? <Link to={`/contracts/${c.id}`} data-testid="deal-contract-link">{d('openContract')}</Link> : <Typography.Text type="secondary">{d('contractByParties')}</Typography.Text>}
    >
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={d('contractName')} span={2}><span data-testid="deal-contract-name">{c.name}</span></Descriptions.Item>
        <Descriptions.Item label={d('registrationStatus')}>
          <StatusTag status={c.status as ContractStatus} />
        </Descriptions.Item>
        <Descriptions.Item label={d('registrationNumber')}>{c.registrationNumber ? <code>{c.registrationNumber}</code> : EMPTY}</Descriptions.Item>
        <Descriptions.Item label={d('amount')}><span data-testid="deal-contract-amount">{formatFen(c.amountFen)}</span></Descriptions.Item>
        <Descriptions.Item label={d('registeredOn')}>{c.registeredOn ?? EMPTY}</Descriptions.Item>
        {(c.status === 'registered' || c.status === 'amended') && (
          <Descriptions.Item label={d('turnover')}><span data-testid="deal-contract-turnover">{formatFen(c.techAmountFen)}</span></Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function Notes({ deal }: { deal: DealDetail }) {
  const { d } = useDealText();
  const user = useUser();
  const add = useAddDealNote();
  const [form] = Form.useForm<{ text: string; nextStep?: string; dueOn?: string }>();
  const writable = can(user, 'deals.deal.update') && deal.stage !== 'terminated';
  return (
    <Card size="small" title={d('notes')} data-testid="deal-notes">
      {writable && (
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values) => {
            try {
              await add.mutateAsync({ id: deal.id, text: values.text, nextStep: values.nextStep || undefined, dueOn: values.dueOn });
              form.resetFields();
            } catch (e) {
              message.error(errorText(e));
            }
          }}
        >
          <Form.Item name="text" label={d('noteText')} rules={[{ required: true, message: d('noteRequired') }]}>
            <Input.TextArea rows={2} data-testid="deal-note-text" />
          </Form.Item>
          <Space align="start" wrap>
            <Form.Item name="nextStep" label={d('nextStep')}>
              <Input style={{ width: 320 }} data-testid="deal-note-next" />
            </Form.Item>
            <Form.Item name="dueOn" label={d('dueOn')} {...dateItem}>
              <DatePicker data-testid="deal-note-due" />
            </Form.Item>
          </Space>
          <Button htmlType="submit" loading={add.isPending} data-testid="deal-note-add">{d('addNote')}</Button>
        </Form>
      )}
      <List
        dataSource={deal.notes}
        locale={{ emptyText: d('none') }}
        renderItem={(n) => (
          <List.Item data-testid="deal-note">
            <List.Item.Meta
              title={<Space><span>{n.authorName}</span><Typography.Text type="secondary">{formatInstant(n.createdAt)}</Typography.Text></Space>}
              description={
                <>
                  <div>{n.text}</div>
                  {n.nextStep && (
                    <div>
                      <Tag color="blue">{d('nextStep')}</Tag>
                      {n.nextStep}
                      {n.dueOn && <Typography.Text type="secondary">（{d('dueOn')}：{n.dueOn}）</Typography.Text>}
                    </div>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

export function DealDetailPage() {
  const { id } = useParams();
  const query = useDeal(id);
  const { d, vocab } = useDealText();
  return (
    <QueryGate query={query}>
      {(deal) => (
        <>
          <PageHeader title={<span data-testid="deal-title">{deal.title}</span>} back="/deals" tags={<><StageTag stage={deal.stage} /><DemoTag isDemo={deal.isDemo} /></>} extra={<Actions deal={deal} />} />
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small"><StageSteps deal={deal} /></Card>
            <Row gutter={16}>
              <Col xs={24} lg={14}>
                <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                  <Card size="small" data-testid="deal-facts">
                    <Descriptions size="small" column={1}>
                      <Descriptions.Item label={d('demand')}>{deal.demand ? <Link to={`/market/demands/${deal.demand.id}`}>{deal.demand.title}</Link> : EMPTY}</Descriptions.Item>
                      <Descriptions.Item label={d('achievement')}>{deal.achievement ? <Link to={`/market/achievements/${deal.achievement.id}`}>{deal.achievement.title}</Link> : EMPTY}</Descriptions.Item>
                      <Descriptions.Item label={d('buyer')}><span data-testid="deal-buyer">{deal.buyer?.name ?? EMPTY}</span></Descriptions.Item>
                      <Descriptions.Item label={d('seller')}><span data-testid="deal-seller">{deal.seller?.name ?? EMPTY}</span></Descriptions.Item>
                      <Descriptions.Item label={d('broker')}>
                        <span data-testid="deal-broker">
                          {[deal.broker.personName, deal.broker.userName && deal.broker.userName !== deal.broker.personName ? deal.broker.userName : null, deal.broker.organizationName].filter(Boolean).join(' · ') || EMPTY}
                        </span>
                      </Descriptions.Item>
                      <Descriptions.Item label={d('event')}>{deal.event ? <Link to={`/events/${deal.event.id}`}>{deal.event.title}</Link> : EMPTY}</Descriptions.Item>
                      <Descriptions.Item label={d('field')}>{deal.technicalField ? vocab(TECH_FIELDS, deal.technicalField) : EMPTY}</Descriptions.Item>
                      {deal.agreedAmountFen !== null && <Descriptions.Item label={d('amount')}>{formatFen(deal.agreedAmountFen)}</Descriptions.Item>}
                      {deal.signedOn && <Descriptions.Item label={d('signedOn')}>{deal.signedOn}</Descriptions.Item>}
                      {deal.terminationReason && (
                        <Descriptions.Item label={d('terminateReason')}>
                          {vocab(TERMINATION_REASONS, deal.terminationReason)}{deal.terminationNote ? `：${deal.terminationNote}` : ''}
                        </Descriptions.Item>
                      )}
                    </Descriptions>
                  </Card>
                  <ContractCard deal={deal} />
                  <Notes deal={deal} />
                </Space>
              </Col>
              <Col xs={24} lg={10}>
                <Card size="small" title={d('steps')}>
                  <Timeline
                    items={deal.steps.map((s) => ({
                      children: (
                        <>
                          <div>{vocab(DEAL_STAGES, s.to)}{s.reason ? `（${vocab(TERMINATION_REASONS, s.reason)}）` : ''}</div>
                          <Typography.Text type="secondary">{formatInstant(s.at)} · {s.actorName}</Typography.Text>
                          {s.note && <div>{s.note}</div>}
                        </>
                      ),
                    }))}
                  />
                </Card>
              </Col>
            </Row>
          </Space>
        </>
      )}
    </QueryGate>
  );
}
