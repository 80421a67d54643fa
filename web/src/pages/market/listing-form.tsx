/**
 * The create / edit form of an achievement (科技成果) or a demand (技术需求): every field the server
 * takes. Money is typed in yuan and kept as integer fen (YuanInput); errors the server names by
 * field are shown on that field.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Upload, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ACHIEVEMENT_STAGES, LISTING_TAGS, PRICE_KINDS, TRANSFER_MODES, type ListingKind } from '../../../../common/market-vocabulary.js';
import { INDUSTRIES, IP_KINDS, TECH_FIELDS } from '../../../../common/vocabulary.js';
import { isApiError } from '../../api.js';
import { useUser } from '../../auth.js';
import { useI18n } from '../../i18n.js';
import { PageHeader } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem } from '../../format.js';
import { YuanInput, useYuanRule } from '../contracts/contract-bits.js';
import { type Attachment, type Listing, useMarketText, useSaveListing, useUploadAttachment, WORKBENCH } from './model.js';

type Values = Record<string, unknown>;

/** Fields that a patch clears with null. */
const NULLABLE: Record<ListingKind, string[]> = {
  achievement: ['trl', 'stage', 'priceFen', 'originCountry', 'expiresOn'],
  demand: ['technicalField', 'budgetMinFen', 'budgetMaxFen', 'deadline', 'rewardFen'],
};

function initialValues(kind: ListingKind, listing: Listing | undefined, organizationIds: string[]): Values {
  if (!listing) {
    return kind === 'achievement'
      ? { keywords: [], industries: [], ipItems: [], transferModes: ['transfer'], priceKind: 'negotiable', team: [], tags: [], ownerOrganizationId: organizationIds[0] }
      : { keywords: [], industries: [], tags: [], isChallenge: false, organizationId: organizationIds[0] };
  }
  const { owner, attachments: _a, ...rest } = listing as Listing & Values;
  return { ...rest, [kind === 'achievement' ? 'ownerOrganizationId' : 'organizationId']: owner?.id };
}

/** The request body from the form's values. */
function bodyOf(kind: ListingKind, v: Values, attachments: Attachment[], editing: boolean): Values {
  const pick = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, v[k]]));
  const body: Values =
    kind === 'achievement'
      ? {
          ...pick(['title', 'description', 'keywords', 'technicalField', 'industries', 'trl', 'stage', 'transferModes', 'priceKind', 'priceFen', 'ownerOrganizationId', 'originCountry', 'tags', 'expiresOn']),
          ipItems: ((v.ipItems as Values[] | undefined) ?? []).map((i) => ({ kind: i.kind, number: i.number || undefined, title: i.title || undefined })),
          team: ((v.team as Values[] | undefined) ?? []).map((t) => ({ name: t.name, role: t.role || undefined })),
        }
      : pick(['title', 'problem', 'indicators', 'keywords', 'technicalField', 'industries', 'budgetMinFen', 'budgetMaxFen', 'deadline', 'organizationId', 'isChallenge', 'rewardFen', 'tags']);
  if (kind === 'achievement' && body.priceKind === 'negotiable') body.priceFen = undefined;
  if (kind === 'demand' && !body.isChallenge) body.rewardFen = undefined;
  if (kind === 'achievement' && typeof body.originCountry === 'string') body.originCountry = body.originCountry.trim().toUpperCase() || undefined;
  body.attachments = attachments.map((a) => ({ hash: a.hash, name: a.name }));
  for (const [k, value] of Object.entries(body)) {
    if (value === '' || value === null) body[k] = undefined;
    if (editing && body[k] === undefined && NULLABLE[kind].includes(k)) body[k] = null;
  }
  return body;
}

export function ListingForm({ kind, listing }: { kind: ListingKind; listing?: Listing }) {
  const { m, vocab } = useMarketText();
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const save = useSaveListing(kind, listing?.id);
  const upload = useUploadAttachment();
  const yuanRule = useYuanRule();
  const [attachments, setAttachments] = useState<Attachment[]>(listing?.attachments ?? []);
  const [problem, setProblem] = useState<string | null>(null);
  const priceKind = Form.useWatch('priceKind', form) as string | undefined;
  const isChallenge = Form.useWatch('isChallenge', form) as boolean | undefined;
  const achievement = kind === 'achievement';

  const onFinish = async (values: Values) => {
    setProblem(null);
    try {
      const body = bodyOf(kind, values, attachments, !!listing);
      const saved = await save.mutateAsync(listing ? { ...body, version: listing.version } : body);
      void message.success(m('saved'));
      navigate(`${WORKBENCH[kind]}/${saved.id}`);
    } catch (error) {
      if (isApiError(error) && error.field && error.field !== 'version') {
        const name = error.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        form.setFields([{ name, errors: [error.message] }]);
        form.scrollToField(name);
        setProblem(error.message);
      } else {
        setProblem(error instanceof Error ? error.message : String(error));
      }
    }
  };

  const uploadFile = async (file: File) => {
    try {
      const stored = await upload.mutateAsync({ file, onProgress: () => {} });
      setAttachments((list) => (list.some((a) => a.hash === stored.hash) ? list : [...list, { ...stored, name: file.name }]));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
    return false;
  };

  const options = (v: { values: readonly string[]; label: (c: string) => string }) => v.values.map((c) => ({ value: c, label: vocab(v, c) }));
  const title = listing ? (achievement ? m('editAchievement') : m('editDemand')) : achievement ? m('newAchievement') : m('newDemand');

  return (
    <>
      <PageHeader title={title} back={WORKBENCH[kind]} />
      <Form form={form} layout="vertical" initialValues={initialValues(kind, listing, user.organizationIds)} onFinish={onFinish} data-testid="listing-form" scrollToFirstError>
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} data-testid="listing-form-error" />}
        <Card>
          <Form.Item name="title" label={achievement ? m('achievementTitle') : m('demandTitle')} rules={[{ required: true, min: 2, max: 200 }]}>
            <Input data-testid="listing-title" />
          </Form.Item>
          {achievement ? (
            <Form.Item name="description" label={m('description')} rules={[{ required: true, min: 10 }]}>
              <Input.TextArea rows={5} data-testid="listing-description" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="problem" label={m('problem')} rules={[{ required: true, min: 10 }]}>
                <Input.TextArea rows={5} data-testid="listing-problem" />
              </Form.Item>
              <Form.Item name="indicators" label={m('indicators')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name={achievement ? 'ownerOrganizationId' : 'organizationId'} label={achievement ? m('owner') : m('demander')} rules={[{ required: true }]}>
                <OrganizationSelect initialLabel={listing?.owner?.name} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="keywords" label={m('keywords')} extra={m('keywordsHelp')}>
                <Select mode="tags" tokenSeparators={['；', ';', '，', ',']} open={false} data-testid="listing-keywords" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="technicalField" label={m('field')} rules={achievement ? [{ required: true }] : []}>
                <VocabSelect vocabulary={TECH_FIELDS} data-testid="listing-field" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="industries" label={m('industries')}>
                <VocabSelect vocabulary={INDUSTRIES} mode="multiple" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        {achievement ? (
          <Card style={{ marginTop: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="stage" label={m('stage')}>
                  <VocabSelect vocabulary={ACHIEVEMENT_STAGES} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="trl" label={m('trl')}>
                  <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="expiresOn" label={m('expiresOn')} {...dateItem}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="transferModes" label={m('modes')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Checkbox.Group options={options(TRANSFER_MODES)} data-testid="listing-modes" />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="priceKind" label={m('priceKind')} rules={[{ required: true }]}>
                  <Radio.Group options={options(PRICE_KINDS)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                {priceKind && priceKind !== 'negotiable' && (
                  <Form.Item name="priceFen" label={priceKind === 'auction' ? m('reserve') : m('price')} rules={[{ required: true }, yuanRule]}>
                    <YuanInput data-testid="listing-price" />
                  </Form.Item>
                )}
              </Col>
            </Row>
            <Form.Item label={m('ipItems')}>
              <Form.List name="ipItems">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                          <Select options={options(IP_KINDS)} placeholder={m('ipKind')} style={{ width: 170 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'number']}>
                          <Input placeholder={m('ipNumber')} style={{ width: 200 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'title']}>
                          <Input placeholder={m('ipTitle')} style={{ width: 220 }} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'patent' })}>{m('ipItems')}</Button>
                  </>
                )}
              </Form.List>
            </Form.Item>
            <Form.Item label={m('team')}>
              <Form.List name="team">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline">
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                          <Input placeholder={m('memberName')} style={{ width: 160 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'role']}>
                          <Input placeholder={m('memberRole')} style={{ width: 160 }} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{m('team')}</Button>
                  </>
                )}
              </Form.List>
            </Form.Item>
            <Form.Item name="originCountry" label={m('originCountry')} extra={m('originCountryHelp')}>
              <Input maxLength={2} style={{ width: 120 }} />
            </Form.Item>
          </Card>
        ) : (
          <Card style={{ marginTop: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="budgetMinFen" label={m('budgetMin')} rules={[yuanRule]}>
                  <YuanInput />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="budgetMaxFen" label={m('budgetMax')} rules={[yuanRule]}>
                  <YuanInput data-testid="listing-budget-max" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="deadline" label={m('deadline')} {...dateItem}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="isChallenge" label={m('challenge')} valuePropName="checked">
                  <Switch data-testid="listing-challenge" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                {isChallenge && (
                  <Form.Item name="rewardFen" label={m('reward')} rules={[{ required: true }, yuanRule]}>
                    <YuanInput />
                  </Form.Item>
                )}
              </Col>
            </Row>
          </Card>
        )}

        <Card style={{ marginTop: 16 }}>
          <Form.Item name="tags" label={m('tags')}>
            <Checkbox.Group options={options(LISTING_TAGS)} />
          </Form.Item>
          <Form.Item label={m('attachments')}>
            <Space direction="vertical">
              <Upload beforeUpload={(file) => uploadFile(file)} showUploadList={false} accept=".pdf,.jpg,.jpeg,.png,.ofd">
                <Button icon={<UploadOutlined />} loading={upload.isPending}>{m('upload')}</Button>
              </Upload>
              {attachments.map((a) => (
                <Space key={a.hash}>
                  <span>{a.name}</span>
                  <MinusCircleOutlined onClick={() => setAttachments((list) => list.filter((x) => x.hash !== a.hash))} />
                </Space>
              ))}
            </Space>
          </Form.Item>
        </Card>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="listing-save">{m('save')}</Button>
          <Button onClick={() => navigate(listing ? `${WORKBENCH[kind]}/${listing.id}` : WORKBENCH[kind])}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
