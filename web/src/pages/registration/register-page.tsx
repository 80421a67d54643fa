/**
 * /register (public): a unit's or a broker's registration; afterwards the 申请编号 and the query code,
 * shown once to copy. A first-time single sign-on identity (GET /api/auth/oidc/pending) pre-fills the
 * credit code, the applicant's name and mobile; so may the address (?creditCode=&name=&mobile=).
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Result, Segmented, Space, Typography } from 'antd';
import type { ApplicantType } from '../../../../common/registration-vocabulary.js';
import { FullPageSpin } from '../../auth.js';
import { type OidcPrefill, type SubmittedRegistration, useOidcPrefill, useRegistrationText, useSubmitRegistration } from './model.js';
import { PublicShell } from './public-shell.js';
import { RegistrationForm } from './registration-form.js';

function Submitted({ result, type }: { result: SubmittedRegistration; type: ApplicantType }) {
  const { m } = useRegistrationText();
  return (
    <Result
      status="success"
      title={m('submitted')}
      subTitle={type === 'unit' ? m('waitReview') : m('waitAgency')}
      extra={<Space><Link to={`/register/status?number=${result.number}`}><Button type="primary">{m('status')}</Button></Link><Link to="/login"><Button>{m('login')}</Button></Link></Space>}
    >
      <Descriptions column={1} bordered size="middle">
        <Descriptions.Item label={m('number')}>
          <Typography.Text copyable strong data-testid="registration-number">{result.number}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={m('queryCode')}>
          <Typography.Text copyable strong code data-testid="registration-query-code">{result.queryCode}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Alert type="warning" showIcon message={m('queryCodeOnce')} style={{ marginTop: 16 }} />
    </Result>
  );
}

export default function RegisterPage() {
  const { m } = useRegistrationText();
  const [params] = useSearchParams();
  const [type, setType] = useState<ApplicantType>(params.get('type') === 'broker' ? 'broker' : 'unit');
  const [result, setResult] = useState<SubmittedRegistration | null>(null);
  const submit = useSubmitRegistration();
  const oidc = useOidcPrefill();
  const prefill = useMemo<OidcPrefill | null>(() => {
    const fromAddress: OidcPrefill = {
      ...(params.get('creditCode') ? { creditCode: params.get('creditCode')! } : {}),
      ...(params.get('name') ? { personName: params.get('name')! } : {}),
      ...(params.get('mobile') ? { mobile: params.get('mobile')! } : {}),
    };
    const merged = { ...fromAddress, ...(oidc.data ?? {}) };
    return Object.keys(merged).length ? merged : null;
  }, [params, oidc.data]);

  if (oidc.isPending) return <FullPageSpin />;
  return (
    <PublicShell title={m('register')} hint={m('registerHint')}>
      {result ? (
        <Card><Submitted result={result} type={type} /></Card>
      ) : (
        <Card>
          <Segmented<ApplicantType>
            value={type}
            onChange={setType}
            options={[{ label: m('unitTab'), value: 'unit' }, { label: m('brokerTab'), value: 'broker' }]}
            style={{ marginBottom: 16 }}
            data-testid="registration-type"
          />
          <RegistrationForm key={type} type={type} prefill={prefill} submitLabel={m('submit')} pending={submit.isPending} send={async (form) => setResult(await submit.mutateAsync(form))} />
        </Card>
      )}
    </PublicShell>
  );
}
