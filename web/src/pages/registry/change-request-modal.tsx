/**
 * 申请变更: an organization's own user asks to change a verified fact — its registered facts, a new
 * qualification, its equity structure, a new platform or recognition — with evidence (PDF/JPG/PNG)
 * and an explanation. POST /api/change-requests; nothing changes until the operator approves.
 */
import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Progress, Row, Space, Switch, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { ChangeRequestGroup, ChangeRequestInput, EvidenceRef } from '../../../../common/change-request.js';
import { LEVELS, ORGANIZATION_KINDS, PLATFORM_TYPES, QUALIFICATION_TYPES } from '../../../../common/vocabulary.js';
import { checkUscc } from '../../../../common/uscc.js';
import { isApiError } from '../../api.js';
import { cleanRecord } from '../../components/form-values.js';
import { FormProblems } from '../../components/page.js';
import { DivisionSelect, PersonSelect } from '../../components/pickers.js';
import { useRequiredRule } from '../../components/use-edit-form.js';
import { useServerForm } from '../../components/use-server-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem } from '../../format.js';
import { useI18n } from '../../i18n.js';
import type { Organization } from '../../types.js';
import { EquityHolderFields, holdersToRows, rowsToHolders, type HolderRow } from './equity-modal.js';
import { useChangeText, useSubmitChangeRequest, useUploadChangeEvidence } from './change-request-model.js';

const FACT_FIELDS = ['name', 'uscc', 'kind', 'divisionCode', 'rdFiled', 'rdFiledOn', 'legalRepresentativeId', 'actualControllerId'] as const;
const FORM_FIELDS = ['changes', 'qualification', 'holders', 'platform', 'explanation', 'evidence'] as const;

interface Values {
  changes?: Record<string, unknown>;
  qualification?: Record<string, unknown>;
  holders?: HolderRow[];
  platform?: Record<string, unknown>;
  explanation?: string;
  evidence?: EvidenceRef[];
}

function currentFacts(o: Organization): Record<string, unknown> {
  return {
    name: o.name,
    uscc: o.uscc,
    kind: o.kind,
    divisionCode: o.divisionCode,
    rdFiled: o.rdFiled ?? undefined,
    rdFiledOn: o.rdFiledOn ?? undefined,
    legalRepresentativeId: o.legalRepresentativeId ?? o.legalRepresentative?.id ?? undefined,
    actualControllerId: o.actualControllerId ?? o.actualController?.id ?? undefined,
  };
}

/** The facts that differ from the registry; an emptied optional fact is sent as null. */
function factChanges(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FACT_FIELDS) {
    const a = after[field] === '' ? undefined : after[field];
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(a ?? null)) out[field] = a ?? null;
  }
  return out;
}

/** The evidence list: uploads each file, shows its name, holds `{hash, fileName}[]` as the form value. */
function EvidenceList({ value = [], onChange }: { value?: EvidenceRef[]; onChange?: (next: EvidenceRef[]) => void }) {
  const { c } = useChangeText();
  const upload = useUploadChangeEvidence();
  const [percent, setPercent] = useState<number | null>(null);
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="change-evidence">
      <Upload
        accept=".pdf,.jpg,.jpeg,.png"
        showUploadList={false}
        multiple
        customRequest={(options) => {
          const file = options.file as File;
          setPercent(0);
          upload.mutate(
            { file, onProgress: setPercent },
            {
              onSuccess: (stored) => {
                setPercent(null);
                onChange?.([...value.filter((v) => v.hash !== stored.hash), { hash: stored.hash, fileName: file.name }]);
              },
              onError: () => setPercent(null),
            },
          );
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="change-evidence-upload">
          {upload.isPending ? c('uploading') : c('upload')}
        </Button>
      </Upload>
      {percent !== null && <Progress percent={percent} size="small" style={{ width: 200 }} />}
      <Space wrap>
        {value.map((v) => (
          <Tag key={v.hash} icon={<PaperClipOutlined />} closable onClose={() => onChange?.(value.filter((x) => x.hash !== v.hash))} data-testid="change-evidence-file">
            {v.fileName}
          </Tag>
        ))}
      </Space>
      {upload.isError ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>{isApiError(upload.error) ? upload.error.message : String(upload.error)}</Typography.Text>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c('evidenceHint')}</Typography.Text>
      )}
    </Space>
  );
}

function OrganizationFactFields({ organization }: { organization: Organization }) {
  const { t } = useI18n();
  const required = useRequiredRule();
  const kind = Form.useWatch(['changes', 'kind']);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={['changes', 'name']} label={t('org.name')} rules={[required(t('org.name'))]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['changes', 'uscc']}
          label={t('org.uscc')}
          normalize={(value: string) => value?.toUpperCase()}
          rules={[
            required(t('org.uscc')),
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value) return;
                const result = checkUscc(value);
                if (!result.ok) throw new Error(`统一社会信用代码${result.message}`);
              },
            },
          ]}
        >
          <Input maxLength={20} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['changes', 'kind']} label={t('org.kind')} rules={[required(t('org.kind'))]}>
          <VocabSelect vocabulary={ORGANIZATION_KINDS} data-testid="change-kind" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['changes', 'divisionCode']} label={t('org.division')} rules={[required(t('org.division'))]}>
          <DivisionSelect initialLabel={organization.divisionName} />
        </Form.Item>
      </Col>
      {kind === 'new_rd_institution' && (
        <>
          <Col xs={24} md={12}>
            <Form.Item name={['changes', 'rdFiled']} label={t('org.rdFiled')} valuePropName="checked">
              <Switch data-testid="change-rd-filed" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['changes', 'rdFiledOn']} label={t('org.rdFiledOn')} {...dateItem}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </>
      )}
      <Col xs={24} md={12}>
        <Form.Item name={['changes', 'legalRepresentativeId']} label={t('org.legalRepresentative')}>
          <PersonSelect initialLabel={organization.legalRepresentative?.name} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['changes', 'actualControllerId']} label={t('org.actualController')}>
          <PersonSelect initialLabel={organization.actualController?.name} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function QualificationFields() {
  const { t } = useI18n();
  const required = useRequiredRule();
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name={['qualification', 'type']} label={t('qual.type')} rules={[required(t('qual.type'))]}>
          <VocabSelect vocabulary={QUALIFICATION_TYPES} data-testid="change-qualification-type" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['qualification', 'level']} label={t('qual.level')}>
          <VocabSelect vocabulary={LEVELS} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={['qualification', 'number']} label={t('qual.number')} rules={[required(t('qual.number'))]}>
          <Input maxLength={60} data-testid="change-qualification-number" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['qualification', 'issuedOn']} label={t('qual.issuedOn')} rules={[required(t('qual.issuedOn'))]} {...dateItem}>
          <DatePicker style={{ width: '100%' }} data-testid="change-qualification-issued" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['qualification', 'validUntil']} label={t('qual.validUntil')} extra={t('qual.validUntilHint')} {...dateItem}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function PlatformFields() {
  const { t } = useI18n();
  const required = useRequiredRule();
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item name={['platform', 'name']} label={t('platform.name')} rules={[required(t('platform.name'))]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['platform', 'type']} label={t('platform.type')} rules={[required(t('platform.type'))]}>
          <VocabSelect vocabulary={PLATFORM_TYPES} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['platform', 'level']} label={t('platform.level')} rules={[required(t('platform.level'))]}>
          <VocabSelect vocabulary={LEVELS} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['platform', 'recognizedOn']} label={t('platform.recognizedOn')} rules={[required(t('platform.recognizedOn'))]} {...dateItem}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['platform', 'documentNumber']} label={t('platform.documentNumber')}>
          <Input maxLength={60} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function ChangeRequestModal({ organization, group, onClose }: { organization: Organization; group: ChangeRequestGroup; onClose: () => void }) {
  const { c, groupAction } = useChangeText();
  const { message } = App.useApp();
  const submitRequest = useSubmitChangeRequest();
  const { form, problems, submit, clearProblems } = useServerForm<Values>(FORM_FIELDS);
  const facts = currentFacts(organization);
  const initialHolders = holdersToRows(organization.equityHolders ?? []);
  const initialValues: Values = { changes: facts, holders: initialHolders, evidence: [] };

  const onOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const common = {
      organizationId: organization.id,
      explanation: values.explanation?.trim() || undefined,
      evidence: values.evidence ?? [],
    };
    let input: ChangeRequestInput;
    if (group === 'organization') {
      const changes = factChanges(facts, (values.changes ?? {}) as Record<string, unknown>);
      if (changes.kind !== undefined && changes.kind !== 'new_rd_institution') {
        delete changes.rdFiled;
        delete changes.rdFiledOn;
      }
      if (Object.keys(changes).length === 0) {
        form.setFields([{ name: ['changes', 'name'], errors: [c('changesRequired')] }]);
        return;
      }
      input = { group, ...common, changes: changes as never };
    } else if (group === 'qualification') {
      input = { group, ...common, qualification: cleanRecord(values.qualification ?? {}) as never };
    } else if (group === 'equity') {
      input = { group, ...common, holders: rowsToHolders(values.holders) };
    } else {
      input = { group, ...common, platform: cleanRecord(values.platform ?? {}) as never };
    }
    if (await submit(() => submitRequest.mutateAsync(input))) {
      void message.success(c('submitted'));
      onClose();
    }
  };

  return (
    <Modal
      title={`${c('request')}：${groupAction(group)}`}
      open
      width={group === 'equity' ? 820 : 720}
      onOk={() => void onOk()}
      onCancel={() => {
        clearProblems();
        onClose();
      }}
      confirmLoading={submitRequest.isPending}
      okText={c('submit')}
      okButtonProps={{ 'data-testid': 'change-request-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid="change-request-form">
        <Alert type="info" showIcon title={c('submitConfirm')} style={{ marginBottom: 12 }} />
        <FormProblems problems={problems} />
        {group === 'organization' && <OrganizationFactFields organization={organization} />}
        {group === 'qualification' && <QualificationFields />}
        {group === 'equity' && <EquityHolderFields form={form} initial={initialHolders} />}
        {group === 'platform' && <PlatformFields />}
        <Form.Item name="explanation" label={c('explanation')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="change-explanation" />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={c('evidence')}
          rules={[{ validator: async (_rule, value: EvidenceRef[] | undefined) => { if (!value?.length) throw new Error(c('evidenceRequired')); } }]}
        >
          <EvidenceList />
        </Form.Item>
      </Form>
    </Modal>
  );
}
