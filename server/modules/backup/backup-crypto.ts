/**
 * Encrypted backups: AES-256-GCM under a key derived from the operator's passphrase by scrypt
 * (node:crypto, no dependency). The file is
 *   MAGIC (8 bytes) · salt (16) · IV (12) · ciphertext of the gzip stream · tag (16)
 * with MAGIC, salt and IV authenticated as associated data. Restore checks the tag at the end of
 * the stream; the rows are inserted in one transaction, so a wrong passphrase or an altered byte
 * restores nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Transform, type Readable } from 'node:stream';

const MAGIC = Buffer.from('TTBKENC1');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + IV_BYTES;
/** scrypt cost: 2^15 × 8 × 128 B = 32 MiB and about 0.1 s per derivation. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function deriveKey(passphrase: string, salt: Buffer): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
}

export function isEncryptedBackup(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    const n = fs.readSync(fd, head, 0, MAGIC.length, 0);
    return n === MAGIC.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** A stream that turns the gzip bytes into the encrypted file's bytes, header first and tag last. */
export function encryptingStream(passphrase: string): Transform {
  const salt = crypto.randomBytes(SALT_BYTES);
  const iv = crypto.randomBytes(IV_BYTES);
  const header = Buffer.concat([MAGIC, salt, iv]);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  cipher.setAAD(header);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const out = cipher.update(chunk);
      if (!started) {
        started = true;
        this.push(header);
      }
      done(null, out);
    },
    flush(done) {
      if (!started) this.push(header);
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/** The gzip bytes of an encrypted backup file; errors at the end when the tag does not match. */
export function decryptingStream(file: string, passphrase: string): Readable {
  const size = fs.statSync(file).size;
  if (size < HEADER_BYTES + TAG_BYTES) {
    const empty = new PassThrough();
    process.nextTick(() => empty.destroy(new Error('backup file too short')));
    return empty;
  }
  const fd = fs.openSync(file, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    fs.readSync(fd, header, 0, HEADER_BYTES, 0);
    fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    fs.closeSync(fd);
  }
  const salt = header.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const iv = header.subarray(MAGIC.length + SALT_BYTES);
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const body = fs.createReadStream(file, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 });
  body.on('error', (e) => decipher.destroy(e));
  return body.pipe(decipher);
}
