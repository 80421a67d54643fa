/**
 * The platform as an OpenID Connect relying party (openid-client v6): the provider's metadata found
 * once by discovery and kept for the process (a failed discovery is not kept, so a provider that was
 * down is tried again on the next login), the authorization address with state, nonce and PKCE (S256),
 * and the code exchanged for verified claims (the ID token's signature, issuer, audience, nonce and
 * the returned state checked by the library; the UserInfo answer, when the provider has one, joined
 * to the ID token's claims for the same subject).
 */
import * as oidc from 'openid-client';
import type { OidcSettings } from './oidc-config.js';

const discovered = new WeakMap<OidcSettings, Promise<oidc.Configuration>>();

function configurationOf(settings: OidcSettings): Promise<oidc.Configuration> {
  let found = discovered.get(settings);
  if (!found) {
    const auth = settings.tokenAuthMethod === 'client_secret_post' ? oidc.ClientSecretPost(settings.clientSecret) : oidc.ClientSecretBasic(settings.clientSecret);
    // Plain http is allowed only to this machine (oidc-config.ts checks the issuer): the test provider.
    const insecure = new URL(settings.issuer).protocol === 'http:';
    found = oidc.discovery(new URL(settings.issuer), settings.clientId, { client_secret: settings.clientSecret }, auth, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
    found.catch(() => discovered.delete(settings));
    discovered.set(settings, found);
  }
  return found;
}

/** The provider cannot be reached or does not answer as an OIDC provider. */
export class ProviderUnavailable extends Error {}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function authorizationRequest(settings: OidcSettings, redirectUri: string): Promise<AuthorizationRequest> {
  const config = await configurationOf(settings).catch((error: unknown) => {
    throw new ProviderUnavailable(String(error));
  });
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: settings.scope,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
}

/** Exchanges the code of `callbackUrl` (the redirect address with the provider's query) and verifies what comes back. */
export async function verifiedIdentity(
  settings: OidcSettings,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedIdentity> {
  const config = await configurationOf(settings).catch((error: unknown) => {
    throw new ProviderUnavailable(String(error));
  });
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims()!;
  let claims: Record<string, unknown> = { ...idClaims };
  if (config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    claims = { ...info, ...claims };
  }
  return { issuer: config.serverMetadata().issuer, subject: idClaims.sub, claims };
}
