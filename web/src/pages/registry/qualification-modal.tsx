import { Col, DatePicker, Form, Input, Modal, Row, App } from 'antd';
import type { QualificationInput } from '../../../../common/registry-schema.js';
import { LEVELS, QUALIFICATION_TYPES } from '../../../../common/vocabulary.js';
import { FormProblems } from '../../components/page.js';
import { cleanRecord } from '../../components/form-values.js';
import { useRequiredRule } from '../../components/use-edit-form.js';
import { useServerForm } from '../../components/use-server-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { useAddQualification } from '../../queries.js';

const FIELDS = ['type', 'number', 'level', 'issuedOn', 'validUntil'] as const;

/** 添加资质: POST /api/organizations/:id/qualifications. */
export function QualificationModal({ organizationId, open, onClose }: { organizationId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const add = useAddQualification(organizationId);
  const { form, problems, submit, clearProblems } = useServerForm<Partial<QualificationInput>>(FIELDS);
  const required = useRequiredRule();

  const onOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const ok = await submit(() => add.mutateAsync(cleanRecord(values) as QualificationInput));
    if (ok) {
      void message.success(t('common.saved'));
      form.resetFields();
      onClose();
    }
  };

  return (
    <Modal
      title={t('org.addQualification')}
      open={open}
      onOk={() => void onOk()}
      onCancel={() => {
        clearProblems();
        onClose();
      }}
      confirmLoading={add.isPending}
      okText={t('common.save')}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical">
        <FormProblems problems={problems} />
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="type" label={t('qual.type')} rules={[required(t('qual.type'))]}>
              <VocabSelect vocabulary={QUALIFICATION_TYPES} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="level" label={t('qual.level')}>
              <VocabSelect vocabulary={LEVELS} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="number" label={t('qual.number')} rules={[required(t('qual.number'))]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="issuedOn" label={t('qual.issuedOn')} rules={[required(t('qual.issuedOn'))]} {...dateItem}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="validUntil" label={t('qual.validUntil')} extra={t('qual.validUntilHint')} {...dateItem}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
