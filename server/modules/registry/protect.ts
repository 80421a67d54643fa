/**
 * Protection of personal data at rest: resident ID numbers are stored encrypted (AES-256-GCM) with
 * a keyed digest (HMAC-SHA-256) for exact lookups, and shown masked. The key comes from
 * TT_DATA_KEY (64 hex characters) or, on a single machine, a key file created on first use.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface DataProtector {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
  digest(plain: string): string;
}

export function createProtector(key: Buffer): DataProtector {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  const encKey = crypto.createHmac('sha256', key).update('encrypt').digest();
  const macKey = crypto.createHmac('sha256', key).update('digest').digest();
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split(':');
      if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown cipher format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    digest(plain) {
      return crypto.createHmac('sha256', macKey).update(plain).digest('hex');
    },
  };
}

/** TT_DATA_KEY, else ./data/secret.key (created with mode 600 when missing). */
export function loadDataKey(env: NodeJS.ProcessEnv = process.env, keyFile = './data/secret.key'): Buffer {
  if (env.TT_DATA_KEY) {
    if (!/^[0-9a-fA-F]{64}$/.test(env.TT_DATA_KEY)) throw new Error('TT_DATA_KEY must be 64 hex characters');
    return Buffer.from(env.TT_DATA_KEY, 'hex');
  }
  if (fs.existsSync(keyFile)) return Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex');
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(keyFile, key.toString('hex'), { mode: 0o600 });
  return key;
}
