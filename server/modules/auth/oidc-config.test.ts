/** Single sign-on settings from the environment: off without an issuer, defaults, and a bad setting named at start. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { DEFAULT_OIDC_LABEL, readOidcSettings } from './oidc-config.js';

const base = { TT_OIDC_ISSUER: 'https://ids.henan.gov.cn/oidc', TT_OIDC_CLIENT_ID: 'zhanhe-tt', TT_OIDC_CLIENT_SECRET: 's3cret' };

describe('readOidcSettings', () => {
  it('is off without an issuer', () => {
    expect(readOidcSettings({})).toBeNull();
  });

  it('takes the defaults: the button text, the claims, the redirect address from the request', () => {
    expect(readOidcSettings(base)).toEqual({
      issuer: 'https://ids.henan.gov.cn/oidc',
      clientId: 'zhanhe-tt',
      clientSecret: 's3cret',
      tokenAuthMethod: 'client_secret_basic',
      redirectUri: null,
      scope: 'openid profile phone',
      label: DEFAULT_OIDC_LABEL,
      claims: { creditCode: 'credit_code', unitName: 'org_name', person: 'name', mobile: 'phone_number' },
    });
  });

  it('reads every setting given', () => {
    const s = readOidcSettings({
      ...base,
      TT_OIDC_REDIRECT_URI: 'https://kjj.zhanhe.gov.cn/api/auth/oidc/callback',
      TT_OIDC_LABEL: '河南政务服务网登录',
      TT_OIDC_CREDIT_CODE_CLAIM: 'corpCreditCode',
      TT_OIDC_PERSON_CLAIM: 'userName',
      TT_OIDC_UNIT_NAME_CLAIM: 'corpName',
      TT_OIDC_MOBILE_CLAIM: 'mobile',
      TT_OIDC_SCOPE: 'openid corp',
      TT_OIDC_TOKEN_AUTH_METHOD: 'client_secret_post',
    })!;
    expect(s).toMatchObject({
      redirectUri: 'https://kjj.zhanhe.gov.cn/api/auth/oidc/callback',
      label: '河南政务服务网登录',
      scope: 'openid corp',
      tokenAuthMethod: 'client_secret_post',
      claims: { creditCode: 'corpCreditCode', person: 'userName', unitName: 'corpName', mobile: 'mobile' },
    });
  });

  it.each([
    [{ TT_OIDC_CLIENT_ID: 'x' }, 'TT_OIDC_ISSUER', '没有设置 TT_OIDC_ISSUER'],
    [{ ...base, TT_OIDC_CLIENT_ID: '' }, 'TT_OIDC_CLIENT_ID', '没有设置 TT_OIDC_CLIENT_ID'],
    [{ ...base, TT_OIDC_CLIENT_SECRET: undefined }, 'TT_OIDC_CLIENT_SECRET', '没有设置 TT_OIDC_CLIENT_SECRET'],
    [{ ...base, TT_OIDC_ISSUER: 'ids.henan.gov.cn' }, 'TT_OIDC_ISSUER', 'TT_OIDC_ISSUER 不是有效的网址'],
    [{ ...base, TT_OIDC_ISSUER: 'http://ids.henan.gov.cn' }, 'TT_OIDC_ISSUER', 'TT_OIDC_ISSUER 须为 https'],
    [{ ...base, TT_OIDC_REDIRECT_URI: 'https://kjj.zhanhe.gov.cn/callback' }, 'TT_OIDC_REDIRECT_URI', '应指向本平台的 /api/auth/oidc/callback'],
    [{ ...base, TT_OIDC_SCOPE: 'profile' }, 'TT_OIDC_SCOPE', 'TT_OIDC_SCOPE 须包含 openid'],
    [{ ...base, TT_OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt' }, 'TT_OIDC_TOKEN_AUTH_METHOD', 'client_secret_basic 或 client_secret_post'],
    [{ ...base, TT_OIDC_PERSON_CLAIM: '姓名 字段' }, 'TT_OIDC_PERSON_CLAIM', '应为声明（claim）名称'],
  ])('refuses %o naming %s', (env, field, message) => {
    let thrown: unknown;
    try {
      readOidcSettings(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).options.field).toBe(field);
    expect((thrown as AppError).message).toContain(`单点登录配置有误：`);
    expect((thrown as AppError).message).toContain(message);
  });

  it('lets plain http reach this machine only (a provider under test)', () => {
    expect(readOidcSettings({ ...base, TT_OIDC_ISSUER: 'http://127.0.0.1:4000' })!.issuer).toBe('http://127.0.0.1:4000');
  });
});
