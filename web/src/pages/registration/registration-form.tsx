/**
 * The public registration form, for a unit or a broker, first submission or correction of a returned
 * one: the credit code checked as typed (GB 32100) and looked up (a unit the registry holds is
 * claimed — its name shown), the unit's details, the applicant, the account (the password rules
 * shown as one types), the evidence with the 授权委托书 template, and the captcha. The fields go as
 * JSON in the multipart field `data`, the files as `license` and `authorization`; the server's
 * answer is put beside the field it names, and any failure draws a new captcha (each is spent once).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Spin, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { PASSWORD_PROBLEM_TEXT, passwordProblems } from '../../../../common/password-rules.js';
import type { SubmittedApplication } from '../../../../common/registration-api.js';
import { LICENSE_KINDS, MOBILE_PATTERN, REGISTRABLE_KINDS, USERNAME_PATTERN, type ApplicantType } from '../../../../common/registration-vocabulary.js';
import { checkResidentId } from '../../../../common/resident-id.js';
import { checkUscc, normalizeUscc } from '../../../../common/uscc.js';
import { EMPLOYMENT, ORGANIZATION_KINDS } from '../../../../common/vocabulary.js';
import { DivisionSelect, useDebounced } from '../../components/pickers.js';
import { applyServerErrors } from '../../components/form-errors.js';
import { FormProblems } from '../../components/page.js';
import { formFieldError, type OidcPrefill, TEMPLATE_URL, useCaptcha, useCreditCodeLookup, usePublicAgencies, useRegistrationText } from './model.js';

export interface FormValues {
  creditCode?: string;
  orgName?: string;
  orgKind?: string;
  divisionCode?: string;
  address?: string;
  legalRepName?: string;
  legalRepIdNumber?: string;
  licenseKind?: string;
  agencyCreditCode?: string;
  idNumber?: string;
  employment?: string;
  certificateNumber?: string;
  applicantName?: string;
  mobile?: string;
  position?: string;
  username?: string;
  password?: string;
  confirmPassword?: string;
  license?: UploadFile[];
  authorization?: UploadFile[];
  captchaAnswer?: string;
}

const FIELDS = [
  'creditCode', 'orgName', 'orgKind', 'divisionCode', 'address', 'legalRepName', 'legalRepIdNumber', 'licenseKind', 'agencyCreditCode', 'idNumber',
  'employment', 'certificateNumber', 'applicantName', 'mobile', 'position', 'username', 'password', 'license', 'authorization', 'captchaAnswer',
] as const;

const trimmed = (v: string | undefined) => (v === undefined ? undefined : v.trim() || undefined);

/** The application as the server reads it (schema.ts): only the fields of its type, empty ones left out. */
function applicationOf(type: ApplicantType, v: FormValues) {
  const common = { applicantType: type, applicantName: trimmed(v.applicantName), mobile: trimmed(v.mobile), username: trimmed(v.username), position: trimmed(v.position), password: v.password || undefined };
  if (type === 'unit') {
    return {
      ...common, creditCode: v.creditCode ? normalizeUscc(v.creditCode) : undefined, orgName: trimmed(v.orgName), orgKind: v.orgKind, divisionCode: v.divisionCode,
      address: trimmed(v.address), legalRepName: trimmed(v.legalRepName), legalRepIdNumber: trimmed(v.legalRepIdNumber), licenseKind: v.licenseKind,
    };
  }
  return { ...common, agencyCreditCode: v.agencyCreditCode, idNumber: trimmed(v.idNumber), employment: v.employment, certificateNumber: trimmed(v.certificateNumber) };
}

function PasswordRules({ password, username }: { password: string; username: string }) {
  const problems = passwordProblems(password, username);
  if (!password) return null;
  return (
    <Space direction="vertical" size={0} data-testid="password-rules">
      {(['too_short', 'too_few_classes', 'contains_username'] as const).map((p) => (
        <Typography.Text key={p} type={problems.includes(p) ? 'danger' : 'success'}>
          {problems.includes(p) ? '✗' : '✓'} {PASSWORD_PROBLEM_TEXT[p].replace(/^密码/, '')}
        </Typography.Text>
      ))}
    </Space>
  );
}

function CaptchaField({ captcha }: { captcha: ReturnType<typeof useCaptcha> }) {
  const { m } = useRegistrationText();
  return (
    <Form.Item label={m('captcha')} required extra={m('captchaHint')}>
      <Space align="start">
        <Form.Item name="captchaAnswer" noStyle rules={[{ required: true, message: m('required', { what: m('captcha') }) }]}>
          <Input style={{ width: 140 }} maxLength={8} autoComplete="off" />
        </Form.Item>
        {captcha.data ? (
          <img src={captcha.data.image} alt={m('captcha')} width={120} height={40} style={{ cursor: 'pointer', border: '1px solid #d9d9d9', borderRadius: 4 }} onClick={() => void captcha.refetch()} data-testid="captcha-image" />
        ) : (
          <Spin />
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void captcha.refetch()} aria-label={m('captchaHint')} />
      </Space>
    </Form.Item>
  );
}

function AgencyPicker({ value, onChange, id, initialLabel }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; initialLabel?: string }) {
  const { m } = useRegistrationText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const agencies = usePublicAgencies(q);
  const [picked, setPicked] = useState<{ value: string; label: string } | undefined>(value && initialLabel ? { value, label: `${initialLabel}（${value}）` } : undefined);
  const options = useMemo(() => {
    const list = (agencies.data ?? []).map((a) => ({ value: a.creditCode, label: `${a.name}（${a.creditCode}）` }));
    const typed = normalizeUscc(search);
    if (checkUscc(typed).ok && !list.some((o) => o.value === typed)) list.unshift({ value: typed, label: m('byCode', { code: typed }) });
    if (picked && !list.some((o) => o.value === picked.value)) list.unshift(picked);
    return list;
  }, [agencies.data, search, picked, m]);
  return (
    <Select
      id={id}
      value={value}
      options={options}
      onChange={(next, option) => {
        setPicked(option as { value: string; label: string } | undefined);
        onChange?.(next ?? undefined);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={agencies.isFetching}
      allowClear
      placeholder={m('agencyHint')}
    />
  );
}

function CreditCodeFacts({ code, onName }: { code: string | null; onName: (name: string) => void }) {
  const { m } = useRegistrationText();
  const lookup = useCreditCodeLookup(code);
  const found = lookup.data;
  useEffect(() => {
    if (found?.registered && found.name) onName(found.name);
  }, [found, onName]);
  if (!code || !found) return null;
  if (found.refusal) return <Alert type="error" showIcon message={found.refusal} style={{ marginBottom: 16 }} data-testid="credit-code-lookup" />;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="credit-code-lookup">
      {found.registered ? <Alert type="info" showIcon message={m('registered', { name: found.name ?? '' })} /> : <Alert type="info" showIcon message={m('newUnit')} />}
      {found.hasUnitAdmin && <Alert type="warning" showIcon message={m('hasAdmin')} />}
      {found.pending && <Alert type="warning" showIcon message={m('pendingCode')} />}
    </Space>
  );
}

export interface RegistrationFormProps {
  type: ApplicantType;
  /** A returned application being corrected: its values, and the password and files may be left as they were. */
  earlier?: SubmittedApplication;
  prefill?: OidcPrefill | null;
  submitLabel: string;
  pending: boolean;
  /** Sends the multipart form; rejects with the server's error. */
  send: (form: FormData) => Promise<unknown>;
}

export function RegistrationForm({ type, earlier, prefill, submitLabel, pending, send }: RegistrationFormProps) {
  const { m, vocab } = useRegistrationText();
  const [form] = Form.useForm<FormValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const captcha = useCaptcha();
  const resubmit = !!earlier;
  const creditCode = Form.useWatch('creditCode', form) ?? '';
  const password = Form.useWatch('password', form) ?? '';
  const username = Form.useWatch('username', form) ?? '';
  const validCode = checkUscc(creditCode).ok ? normalizeUscc(creditCode) : null;

  const initialValues = useMemo<FormValues>(() => {
    if (earlier) {
      const { divisionName: _d, agencyName: _a, legalRepIdMasked: _l, idNumberMasked: _i, applicantType: _t, ...rest } = earlier;
      return { ...rest, licenseKind: earlier.licenseKind ?? 'business_license', employment: earlier.employment ?? 'full_time' };
    }
    return {
      licenseKind: 'business_license',
      employment: 'full_time',
      ...(prefill?.creditCode ? { creditCode: prefill.creditCode } : {}),
      ...(prefill?.unitName ? { orgName: prefill.unitName } : {}),
      ...(prefill?.personName ? { applicantName: prefill.personName } : {}),
      ...(prefill?.mobile ? { mobile: prefill.mobile } : {}),
    };
  }, [earlier, prefill]);
  // The prefill (single sign-on) may answer after the form mounted.
  useEffect(() => {
    if (!earlier && prefill) form.setFieldsValue(initialValues);
  }, [earlier, prefill, form, initialValues]);

  const required = (what: string) => [{ required: true, whitespace: true, message: m('required', { what }) }];
  const chosen = (what: string) => [{ required: true, message: m('chooseRequired', { what }) }];
  const fileRules = (what: string) => (resubmit ? [] : [{ required: true, message: m('uploadRequired', { what }) }]);
  const upload = (name: 'license' | 'authorization', label: string, extra?: React.ReactNode) => (
    <Form.Item name={name} label={label} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e?.fileList?.slice(-1)} rules={fileRules(label)} extra={<>{m('fileHint')}{resubmit && <div>{m('keepFile')}</div>}{extra}</>}>
      <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" data-testid={`upload-${name}`}>
        <Button icon={<UploadOutlined />}>{m('chooseFile')}</Button>
      </Upload>
    </Form.Item>
  );

  const onFinish = async (values: FormValues) => {
    setProblems([]);
    const data = { captchaId: captcha.data?.id ?? '', captchaAnswer: values.captchaAnswer ?? '', application: applicationOf(type, values) };
    const body = new FormData();
    body.append('data', JSON.stringify(data));
    for (const name of ['license', 'authorization'] as const) {
      const file = values[name]?.[0]?.originFileObj;
      if (type === 'unit' && file) body.append(name, file, file.name);
    }
    try {
      await send(body);
    } catch (error) {
      setProblems(applyServerErrors(form, formFieldError(error), FIELDS));
      form.setFieldValue('captchaAnswer', '');
      void captcha.refetch();
    }
  };

  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError data-testid="registration-form" requiredMark>
      {prefill && !earlier && <Alert type="info" showIcon message={m('prefilled')} style={{ marginBottom: 16 }} />}
      {type === 'unit' ? (
        <Card size="small" title={m('unitSection')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="creditCode"
            label={m('creditCode')}
            extra={m('creditCodeHint')}
            normalize={(v: string) => v?.toUpperCase()}
            rules={[
              ...required(m('creditCode')),
              { validator: async (_, v: string) => { const r = checkUscc(v ?? ''); if (v && !r.ok) throw new Error(`${m('creditCode')}${r.message}`); } },
            ]}
          >
            <Input maxLength={20} disabled={resubmit} />
          </Form.Item>
          <CreditCodeFacts code={resubmit ? null : validCode} onName={(name) => { if (!form.getFieldValue('orgName')) form.setFieldValue('orgName', name); }} />
          <Form.Item name="orgName" label={m('orgName')} rules={required(m('orgName'))}><Input maxLength={100} /></Form.Item>
          <Form.Item name="orgKind" label={m('orgKind')} rules={chosen(m('orgKind'))}>
            <Select options={REGISTRABLE_KINDS.map((k) => ({ value: k, label: vocab(ORGANIZATION_KINDS, k) }))} />
          </Form.Item>
          <Form.Item name="divisionCode" label={m('division')} rules={chosen(m('division'))} extra={m('divisionHint')}>
            <DivisionSelect initialLabel={earlier?.divisionName ?? null} placeholder={m('divisionHint')} />
          </Form.Item>
          <Form.Item name="address" label={m('address')} rules={required(m('address'))}><Input maxLength={200} /></Form.Item>
          <Form.Item name="legalRepName" label={m('legalRepName')} rules={required(m('legalRepName'))}><Input maxLength={30} /></Form.Item>
          <Form.Item
            name="legalRepIdNumber"
            label={m('legalRepIdNumber')}
            extra={earlier?.legalRepIdMasked ? `${m('legalRepId')}：${earlier.legalRepIdMasked}` : m('legalRepIdHint')}
            rules={[{ validator: async (_, v: string) => { const r = checkResidentId(v ?? ''); if (v && !r.ok) throw new Error(`身份证号码${r.message}`); } }]}
          >
            <Input maxLength={18} />
          </Form.Item>
        </Card>
      ) : (
        <Card size="small" title={m('brokerSection')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{m('brokerHint')}</Typography.Paragraph>
          <Form.Item name="agencyCreditCode" label={m('agency')} rules={chosen(m('agency'))}>
            <AgencyPicker {...(earlier?.agencyName ? { initialLabel: earlier.agencyName } : {})} />
          </Form.Item>
        </Card>
      )}

      <Card size="small" title={m('applicantSection')} style={{ marginBottom: 16 }}>
        <Form.Item name="applicantName" label={m('applicantName')} rules={required(m('applicantName'))}><Input maxLength={30} /></Form.Item>
        {type === 'broker' && (
          <Form.Item
            name="idNumber"
            label={m('idNumber')}
            extra={earlier?.idNumberMasked ?? undefined}
            rules={[...required(m('idNumber')), { validator: async (_, v: string) => { const r = checkResidentId(v ?? ''); if (v && !r.ok) throw new Error(`身份证号码${r.message}`); } }]}
          >
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item name="mobile" label={m('mobile')} rules={[...required(m('mobile')), { pattern: MOBILE_PATTERN, message: '手机号码应为 11 位数字，以 1 开头' }]}>
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="position" label={m('position')} rules={type === 'unit' ? required(m('position')) : []}><Input maxLength={50} /></Form.Item>
        {type === 'broker' && (
          <>
            <Form.Item name="employment" label={m('employment')} rules={chosen(m('employment'))}>
              <Radio.Group options={EMPLOYMENT.values.map((e) => ({ value: e, label: vocab(EMPLOYMENT, e) }))} />
            </Form.Item>
            <Form.Item name="certificateNumber" label={m('certificateNumber')}><Input maxLength={60} /></Form.Item>
          </>
        )}
      </Card>

      <Card size="small" title={m('accountSection')} style={{ marginBottom: 16 }}>
        <Form.Item name="username" label={m('username')} extra={m('usernameHint')} rules={[...required(m('username')), { pattern: USERNAME_PATTERN, message: m('usernameHint') }]}>
          <Input maxLength={32} autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={m('password')} extra={resubmit ? m('keepPassword') : <PasswordRules password={password} username={username} />} rules={resubmit ? [] : required(m('password'))}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={m('confirmPassword')}
          dependencies={['password']}
          rules={[
            ...(resubmit ? [] : required(m('confirmPassword'))),
            ({ getFieldValue }) => ({ validator: async (_, v: string) => { if ((getFieldValue('password') || '') !== (v || '')) throw new Error(m('passwordMismatch')); } }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Card>

      {type === 'unit' && (
        <Card size="small" title={m('evidenceSection')} style={{ marginBottom: 16 }}>
          <Form.Item name="licenseKind" label={m('licenseKind')} rules={chosen(m('licenseKind'))}>
            <Radio.Group options={LICENSE_KINDS.values.map((k) => ({ value: k, label: vocab(LICENSE_KINDS, k) }))} />
          </Form.Item>
          {upload('license', m('license'))}
          {upload('authorization', m('authorization'), <div><a href={TEMPLATE_URL} data-testid="template-link"><DownloadOutlined /> {m('template')}</a></div>)}
        </Card>
      )}

      <CaptchaField captcha={captcha} />
      <FormProblems problems={problems} />
      <Button type="primary" htmlType="submit" size="large" loading={pending} data-testid="registration-submit">
        {submitLabel}
      </Button>
    </Form>
  );
}
