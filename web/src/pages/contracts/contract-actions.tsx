/**
 * The workflow's buttons on a contract's page: one per move the server lists as legal from the
 * current status (`nextStatuses`) that the user's permissions allow. Each opens a small form with
 * what that move needs (registration number, date and office; a coded reason; a note) and sends
 * it with the contract's version; a stale version shows the warning the registry's forms show.
 */
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import { REJECTION_REASONS, type ContractStatus } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { FormProblems } from '../../components/page.js';
import { useRequiredRule } from '../../components/use-edit-form.js';
import { useServerForm } from '../../components/use-server-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem, today } from '../../format.js';
import { useI18n, type MessageKey } from '../../i18n.js';
import { allowedTransitions } from '../../permissions.js';
import { useTransitionContract } from '../../queries.js';
import type { ContractDetail, ContractTransition } from '../../types.js';

const FIELDS = ['registrationNumber', 'registeredOn', 'registrationOfficeId', 'reason', 'note'] as const;

interface ActionValues {
  registrationNumber?: string;
  registeredOn?: string;
  registrationOfficeId?: string;
  reason?: string;
  note?: string;
}

export function actionLabel(contract: { status: ContractStatus }, to: ContractStatus): MessageKey {
  if (to === 'submitted' && contract.status === 'materials_requested') return 'contract.action.resubmit';
  return `contract.action.${to}` as MessageKey;
}

/** The buttons; renders nothing when the user may make no move. */
export function ContractActions({ contract, onReload }: { contract: ContractDetail; onReload: () => void }) {
  const { t } = useI18n();
  const user = useUser();
  const [target, setTarget] = useState<ContractStatus | null>(null);
  const moves = allowedTransitions(user, contract.nextStatuses);
  if (moves.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="contract-actions">
        {moves.map((to) => (
          <Button
            key={to}
            type={to === 'submitted' || to === 'registered' ? 'primary' : 'default'}
            danger={to === 'rejected' || to === 'revoked' || to === 'cancelled'}
            onClick={() => setTarget(to)}
            data-testid={`action-${to}`}
          >
            {t(actionLabel(contract, to))}
          </Button>
        ))}
      </Space>
      {target && <ActionModal contract={contract} to={target} onClose={() => setTarget(null)} onReload={onReload} />}
    </>
  );
}

function ActionModal({ contract, to, onClose, onReload }: { contract: ContractDetail; to: ContractStatus; onClose: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const required = useRequiredRule();
  const transition = useTransitionContract(contract.id);
  const { form, problems, conflict, submit } = useServerForm<ActionValues>(FIELDS);
  const reason = Form.useWatch('reason', form);
  const label = t(actionLabel(contract, to));
  const noteRequired = to === 'materials_requested' || to === 'amended' || to === 'cancelled' || to === 'revoked' || (to === 'rejected' && reason === 'other');

  const onFinish = (values: ActionValues) => {
    const body: ContractTransition = { to, version: contract.version };
    if (values.note?.trim()) body.note = values.note.trim();
    if (to === 'registered') {
      body.registrationNumber = values.registrationNumber?.trim();
      body.registeredOn = values.registeredOn;
      body.registrationOfficeId = values.registrationOfficeId;
    }
    if (to === 'rejected') body.reason = values.reason as ContractTransition['reason'];
    void submit(async () => {
      await transition.mutateAsync(body);
      void message.success(t('contract.actionDone', { action: label }));
      onClose();
    }, { versioned: true });
  };

  return (
    <Modal
      open
      title={label}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={label}
      cancelText={t('common.cancel')}
      confirmLoading={transition.isPending}
      okButtonProps={{ danger: to === 'rejected' || to === 'revoked' || to === 'cancelled', 'data-testid': 'action-confirm' }}
      destroyOnHidden
    >
      <Form<ActionValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={to === 'registered' ? { registeredOn: today(), registrationOfficeId: user.organizationIds[0] } : {}}
        data-testid="action-form"
      >
        <FormProblems
          problems={problems}
          conflict={conflict}
          onReload={() => {
            onReload();
            onClose();
          }}
        />
        {to === 'submitted' && <Typography.Paragraph type="secondary">{t('contract.submitConfirm')}</Typography.Paragraph>}
        {to === 'registered' && (
          <>
            <Form.Item
              name="registrationNumber"
              label={t('contract.registrationNumber')}
              rules={[required(t('contract.registrationNumber'))]}
            >
              <Input maxLength={16} style={{ fontFamily: 'monospace' }} placeholder="2026410411000001" data-testid="registration-number" />
            </Form.Item>
            <Form.Item name="registeredOn" label={t('contract.registeredOn')} rules={[required(t('contract.registeredOn'))]} {...dateItem}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="registrationOfficeId" label={t('contract.registrationOffice')} rules={[required(t('contract.registrationOffice'))]}>
              <OrganizationSelect kind="government_department" initialLabel={user.organizations[0]?.name} />
            </Form.Item>
          </>
        )}
        {to === 'rejected' && (
          <Form.Item name="reason" label={t('contract.rejectionReason')} rules={[required(t('contract.rejectionReason'))]}>
            <VocabSelect vocabulary={REJECTION_REASONS} data-testid="rejection-reason" />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t('contract.statusNote')}
          rules={noteRequired ? [required(t('contract.statusNote'))] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} placeholder={t('contract.notePlaceholder')} data-testid="action-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
