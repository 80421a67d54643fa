/**
 * 发起复查, on a decision's own page (a 变更申请, a 单位注册): asks for the grounds, says what will be
 * frozen, opens the case and offers to go to it. Shown to those who may open cases.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Input, Modal } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import type { DecisionKind } from '../../../../common/reexamination.js';
import { errorText } from '../../api.js';
import { useUser } from '../../auth.js';
import { can } from '../../permissions.js';
import { useOpenReexamination, useReexaminationText } from './model.js';

export function OpenReexaminationButton({ kind, decisionId, subject }: { kind: DecisionKind; decisionId: string; subject: string }) {
  const { r } = useReexaminationText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const open = useOpenReexamination();
  const [asking, setAsking] = useState(false);
  const [grounds, setGrounds] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!can(user, 'reexamination.case.open')) return null;
  const confirm = async () => {
    if (grounds.trim().length < 4) return setProblem(r('groundsRequired'));
    try {
      const view = await open.mutateAsync({ decisionKind: kind, decisionId, grounds: grounds.trim() });
      setAsking(false);
      void message.success(r('opened'));
      navigate(`/reexaminations/${encodeURIComponent(view.id)}`);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <>
      <Button icon={<FileSearchOutlined />} onClick={() => { setGrounds(''); setProblem(null); setAsking(true); }} data-testid="reexamination-open">{r('open')}</Button>
      <Modal open={asking} title={r('openTitle')} okText={r('open')} cancelText={r('cancel')} confirmLoading={open.isPending} onOk={() => void confirm()} onCancel={() => setAsking(false)}
        okButtonProps={{ 'data-testid': 'reexamination-open-ok' } as never}>
        <p data-testid="reexamination-open-text">{r('openBody', { subject })}</p>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={r('groundsPlaceholder')} value={grounds} onChange={(e) => setGrounds(e.target.value)} data-testid="reexamination-grounds" />
        {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 8 }} data-testid="reexamination-open-problem" />}
      </Modal>
    </>
  );
}
