/**
 * 科研人员: the researchers named on a contract with their role (项目负责人, 主要完成人, 参与人员), each
 * leading to the person's 转化贡献; those who may write them (the contract's parties, the operator)
 * edit the list in a modal — registry people, each once, one 项目负责人 at most (the server says so
 * on the row's field). Counted in contributions once the contract is registered.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Form, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { RESEARCHER_ROLES } from '../../../../common/talent-vocabulary.js';
import { useUser } from '../../auth.js';
import { FormProblems } from '../../components/page.js';
import { PersonSelect } from '../../components/pickers.js';
import { useRequiredRule } from '../../components/use-edit-form.js';
import { useServerForm } from '../../components/use-server-form.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { useI18n } from '../../i18n.js';
import { can } from '../../permissions.js';
import { type ContractResearcher, useContractResearchers, useSetContractResearchers, useTalentText } from '../talent/model.js';

export function ResearchersTab({ contractId }: { contractId: string }) {
  const { t } = useTalentText();
  const user = useUser();
  const query = useContractResearchers(contractId);
  const [editing, setEditing] = useState(false);
  const researchers = query.data?.researchers ?? [];
  const columns: ColumnsType<ContractResearcher> = [
    {
      title: t('person'),
      dataIndex: 'personName',
      render: (name: string, r) =>
        can(user, 'talent.contribution.read') ? <Link to={`/practitioners/people/${encodeURIComponent(r.personId)}/contributions`}>{name}</Link> : name,
    },
    { title: t('researcherRole'), dataIndex: 'roleLabel', width: 160, render: (label: string) => <Tag>{label}</Tag> },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="researchers-tab">
      <Space>
        {can(user, 'talent.researcher.write') && (
          <Button icon={<EditOutlined />} disabled={!query.data} onClick={() => setEditing(true)} data-testid="researchers-edit">
            {t('editResearchers')}
          </Button>
        )}
        <Typography.Text type="secondary">{t('researchersHint')}</Typography.Text>
      </Space>
      {query.isError && <Alert type="error" showIcon title={query.error.message} />}
      <Table<ContractResearcher>
        size="small"
        rowKey="personId"
        columns={columns}
        dataSource={researchers}
        loading={query.isFetching}
        pagination={false}
        locale={{ emptyText: t('noResearchers') }}
        data-testid="researchers-table"
      />
      {editing && <ResearchersModal contractId={contractId} researchers={researchers} onClose={() => setEditing(false)} />}
    </Space>
  );
}

interface Values {
  researchers?: { personId?: string; role?: string }[];
}

function ResearchersModal({ contractId, researchers, onClose }: { contractId: string; researchers: ContractResearcher[]; onClose: () => void }) {
  const { t } = useTalentText();
  const common = useI18n().t;
  const { message } = App.useApp();
  const required = useRequiredRule();
  const save = useSetContractResearchers(contractId);
  const { form, problems, submit } = useServerForm<Values>(['researchers']);
  const names = new Map(researchers.map((r) => [r.personId, r.personName]));

  const onFinish = (values: Values) => {
    const body = { researchers: (values.researchers ?? []).map((r) => ({ personId: r.personId!, role: r.role! })) };
    void submit(async () => {
      await save.mutateAsync(body);
      void message.success(t('saved'));
      onClose();
    });
  };

  return (
    <Modal
      open
      width={720}
      title={t('editResearchers')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={common('common.save')}
      cancelText={common('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'researchers-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ researchers: researchers.map((r) => ({ personId: r.personId, role: r.role })) }}
        onFinish={onFinish}
        data-testid="researchers-form"
      >
        <FormProblems problems={problems} />
        <Form.List name="researchers">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="start" wrap style={{ display: 'flex' }} data-testid="researcher-row">
                  <Form.Item name={[name, 'personId']} label={t('person')} rules={[required(t('person'))]}>
                    <PersonSelect style={{ width: 320 }} initialLabel={names.get(form.getFieldValue(['researchers', name, 'personId']) as string)} />
                  </Form.Item>
                  <Form.Item name={[name, 'role']} label={t('researcherRole')} rules={[required(t('researcherRole'))]}>
                    <VocabSelect vocabulary={RESEARCHER_ROLES} allowClear={false} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item label=" ">
                    <MinusCircleOutlined onClick={() => remove(name)} aria-label={common('common.remove')} data-testid="researcher-remove" />
                  </Form.Item>
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                // The first one named is usually the project leader; the rest principal researchers.
                onClick={() => add({ role: fields.length === 0 ? 'project_leader' : 'principal' })}
                data-testid="researcher-add"
              >
                {t('addResearcher')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
