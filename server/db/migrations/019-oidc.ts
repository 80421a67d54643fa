/**
 * Single sign-on (OIDC) handshakes kept on the server: a login on its way to the provider (state,
 * nonce and PKCE verifier, keyed by the hash of a token in an httpOnly cookie, minutes long), and a
 * first-time identity waiting for its unit registration (issuer + subject and the claims that pre-fill
 * the form, encrypted by the data protector, hours long). Neither references an account: the first
 * has none yet, the second never had one. Frozen in time like 001–018.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oidc_authorization')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the token in the browser's cookie
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('oidc_pending_identity')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the token in the browser's cookie
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('claims_cipher', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oidc_pending_identity').execute();
  await db.schema.dropTable('oidc_authorization').execute();
}
