/**
 * Signed checkpoints of the audit chain, kept outside the database (defect 9 of issue 12).
 *
 * The chain alone cannot notice a cut tail: whoever can write the database can delete the last
 * events and set the head row to the last one left, and the shorter chain still links. A checkpoint
 * records the head (sequence number, hash, time) signed with an Ed25519 key that only the operator
 * holds; verifying against it proves the checkpointed event is still in the chain with the same hash,
 * so a truncation or a rewrite before the checkpoint is named. The database never sees the key.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { verifyAuditChain, type ChainReport } from './verify-chain.js';

export const SIGNING_KEY_FILE_ENV = 'TT_AUDIT_SIGNING_KEY_FILE';
export const SIGNING_KEY_ENV = 'TT_AUDIT_SIGNING_KEY';
export const VERIFY_KEY_FILE_ENV = 'TT_AUDIT_VERIFY_KEY_FILE';

const FORMAT = 'techtransfer-audit-checkpoint';
const FORMAT_VERSION = 1;

/** What is signed: the chain head at one moment. */
export interface CheckpointBody {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  /** Sequence number of the head event (the number of events: the chain starts at 1). */
  seq: number;
  /** Hash of the head event. */
  hash: string;
  /** When the head event was written. */
  headAt: string | null;
  /** When the checkpoint was taken. */
  createdAt: string;
  /** First 16 hex digits of the SHA-256 of the public key (DER), so a wrong key is named as such. */
  keyId: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 signature of the canonical body, base64. */
  signature: string;
}

export type CheckpointProblem =
  | { kind: 'chain'; message: string }
  | { kind: 'truncated'; seq: number; message: string }
  | { kind: 'rewritten'; seq: number; message: string };

export interface CheckpointReport {
  ok: boolean;
  events: number;
  checkpoint: { seq: number; hash: string; createdAt: string };
  problem?: CheckpointProblem;
}

/** The body in a fixed key order, so signer and verifier hash the same bytes. */
function canonical(body: CheckpointBody): Buffer {
  return Buffer.from(JSON.stringify([body.format, body.version, body.seq, body.hash, body.headAt, body.createdAt, body.keyId]), 'utf8');
}

export function keyIdOf(publicKey: crypto.KeyObject): string {
  return crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function generateSigningKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Writes a new key pair: the private key mode 0600, the public key beside it as FILE.pub. Refuses to
 * overwrite either, so an existing key (and the checkpoints it signed) is never lost by a slip.
 */
export function writeSigningKeyPair(privateFile: string): { privateFile: string; publicFile: string; keyId: string } {
  const publicFile = `${privateFile}.pub`;
  for (const file of [privateFile, publicFile]) {
    if (fs.existsSync(file)) throw new AppError('VALIDATION', `文件已存在，不覆盖：${file}（旧密钥签过的检查点仍需用它核验）`, { field: 'file' });
  }
  const { privatePem, publicPem } = generateSigningKeyPair();
  fs.mkdirSync(path.dirname(path.resolve(privateFile)), { recursive: true });
  // 'wx' fails if the file appeared meanwhile; the mode applies at creation, so the key is never readable by others.
  fs.writeFileSync(privateFile, privatePem, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(privateFile, 0o600);
  fs.writeFileSync(publicFile, publicPem, { mode: 0o644, flag: 'wx' });
  return { privateFile, publicFile, keyId: keyIdOf(crypto.createPublicKey(publicPem)) };
}

function parsePrivateKey(pem: string, where: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(pem);
  } catch {
    throw new AppError('VALIDATION', `${where} 不是可读的私钥（应为 PEM 格式的 Ed25519 私钥，可用 techtransfer audit keygen 生成）`, { field: where });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('VALIDATION', `${where} 不是 Ed25519 私钥（而是 ${key.asymmetricKeyType}）`, { field: where });
  return key;
}

function parsePublicKey(pem: string, where: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(pem);
  } catch {
    throw new AppError('VALIDATION', `${where} 不是可读的公钥（应为 PEM 格式的 Ed25519 公钥，即 audit keygen 生成的 .pub 文件）`, { field: where });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('VALIDATION', `${where} 不是 Ed25519 公钥（而是 ${key.asymmetricKeyType}）`, { field: where });
  return key;
}

function readKeyFile(file: string, label: string): string {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `${label}文件不存在：${file}`, { field: label });
  return fs.readFileSync(file, 'utf8');
}

/**
 * The signing key from TT_AUDIT_SIGNING_KEY_FILE (a PEM file, preferred) or TT_AUDIT_SIGNING_KEY (the
 * PEM itself). `warn` is told when the file is readable by others than its owner.
 */
export function loadSigningKey(env: NodeJS.ProcessEnv, warn: (line: string) => void = () => {}): crypto.KeyObject {
  const file = env[SIGNING_KEY_FILE_ENV];
  if (file) {
    const pem = readKeyFile(file, '签名私钥');
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
      warn(`警告：签名私钥 ${file} 可被属主以外的用户读取，请执行 chmod 600 ${file}`);
    }
    return parsePrivateKey(pem, SIGNING_KEY_FILE_ENV);
  }
  const inline = env[SIGNING_KEY_ENV];
  // Secret stores and .env files often carry the PEM on one line with literal \n.
  if (inline) return parsePrivateKey(inline.includes('\\n') ? inline.replace(/\\n/g, '\n') : inline, SIGNING_KEY_ENV);
  throw new AppError('VALIDATION', `未配置审计签名私钥：请设置环境变量 ${SIGNING_KEY_FILE_ENV}（私钥文件路径）或 ${SIGNING_KEY_ENV}（私钥内容）；可用 techtransfer audit keygen FILE 生成密钥对`, { field: SIGNING_KEY_FILE_ENV });
}

/**
 * The key that checks checkpoints: the given public-key file, else TT_AUDIT_VERIFY_KEY_FILE, else
 * the public half of the configured signing key.
 */
export function loadVerifyKey(env: NodeJS.ProcessEnv, publicKeyFile?: string): crypto.KeyObject {
  const file = publicKeyFile ?? env[VERIFY_KEY_FILE_ENV];
  if (file) return parsePublicKey(readKeyFile(file, '公钥'), publicKeyFile ? '--public-key' : VERIFY_KEY_FILE_ENV);
  if (env[SIGNING_KEY_FILE_ENV] || env[SIGNING_KEY_ENV]) return crypto.createPublicKey(loadSigningKey(env));
  throw new AppError('VALIDATION', `未指定核验检查点的公钥：请用 --public-key FILE，或设置环境变量 ${VERIFY_KEY_FILE_ENV}`, { field: 'public-key' });
}

/**
 * Signs the current chain head. The whole chain is verified first: a checkpoint of a chain already
 * broken would vouch for the damage.
 */
export async function createCheckpoint(
  db: Executor,
  signingKey: crypto.KeyObject,
  now: Date,
): Promise<{ ok: true; checkpoint: Checkpoint; chain: ChainReport } | { ok: false; chain: ChainReport }> {
  const chain = await verifyAuditChain(db);
  if (!chain.ok) return { ok: false, chain };
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const headEvent = head.seq > 0 ? await db.selectFrom('audit_event').select('at').where('seq', '=', head.seq).executeTakeFirst() : undefined;
  const body: CheckpointBody = {
    format: FORMAT,
    version: FORMAT_VERSION,
    seq: head.seq,
    hash: head.hash,
    headAt: headEvent?.at ?? null,
    createdAt: now.toISOString(),
    keyId: keyIdOf(crypto.createPublicKey(signingKey)),
  };
  const signature = crypto.sign(null, canonical(body), signingKey).toString('base64');
  return { ok: true, checkpoint: { ...body, signature }, chain };
}

/** Writes the checkpoint through a temporary file, so a crash never leaves half a checkpoint. */
export function writeCheckpointFile(file: string, checkpoint: Checkpoint): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/** Reads and checks the shape of a checkpoint file, naming the field that is wrong. */
export function readCheckpointFile(file: string): Checkpoint {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `检查点文件不存在：${file}`, { field: 'checkpoint' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('VALIDATION', `检查点文件不是有效的 JSON：${file}`, { field: 'checkpoint' });
  }
  const c = parsed as Record<string, unknown>;
  const bad = (field: string, reason: string) => new AppError('VALIDATION', `检查点文件 ${file} 的字段 ${field} ${reason}`, { field });
  if (typeof c !== 'object' || c === null || c.format !== FORMAT) throw new AppError('VALIDATION', `${file} 不是审计检查点文件`, { field: 'checkpoint' });
  if (c.version !== FORMAT_VERSION) throw bad('version', `为 ${String(c.version)}，本版本只认 ${FORMAT_VERSION}`);
  if (!Number.isSafeInteger(c.seq) || (c.seq as number) < 0) throw bad('seq', '应为非负整数');
  if (typeof c.hash !== 'string' || !/^[0-9a-f]{64}$/.test(c.hash)) throw bad('hash', '应为 64 位十六进制哈希');
  if (c.headAt !== null && typeof c.headAt !== 'string') throw bad('headAt', '应为时间或 null');
  if (typeof c.createdAt !== 'string' || Number.isNaN(Date.parse(c.createdAt))) throw bad('createdAt', '应为时间');
  if (typeof c.keyId !== 'string') throw bad('keyId', '缺失');
  if (typeof c.signature !== 'string' || c.signature.length === 0) throw bad('signature', '缺失');
  return c as unknown as Checkpoint;
}

/** Whether the checkpoint was signed by the private half of `publicKey` and is unaltered. */
export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey: crypto.KeyObject): boolean {
  const { signature, ...body } = checkpoint;
  return crypto.verify(null, canonical(body), publicKey, Buffer.from(signature, 'base64'));
}

/**
 * Verifies the chain against a checkpoint: the signature first (refused with VALIDATION when it does
 * not hold — nothing in the file can then be trusted), then the chain itself, then that the
 * checkpointed event is still there with the same hash.
 */
export async function verifyAgainstCheckpoint(db: Executor, checkpoint: Checkpoint, publicKey: crypto.KeyObject): Promise<CheckpointReport> {
  if (!checkpointSignatureValid(checkpoint, publicKey)) {
    const otherKey = checkpoint.keyId !== keyIdOf(publicKey);
    throw new AppError(
      'VALIDATION',
      otherKey
        ? `检查点的签名无效：它由另一把密钥（编号 ${checkpoint.keyId}）签发，而给定的公钥编号为 ${keyIdOf(publicKey)}`
        : '检查点的签名无效：检查点文件在签发后被改动过',
      { field: 'checkpoint' },
    );
  }
  const summary = { seq: checkpoint.seq, hash: checkpoint.hash, createdAt: checkpoint.createdAt };
  const chain = await verifyAuditChain(db);
  if (!chain.ok) return { ok: false, events: chain.events, checkpoint: summary, problem: { kind: 'chain', message: chain.problem!.message } };
  const taken = `检查点（${checkpoint.createdAt} 签发）`;
  if (chain.events < checkpoint.seq) {
    return {
      ok: false,
      events: chain.events,
      checkpoint: summary,
      problem: {
        kind: 'truncated',
        seq: chain.events + 1,
        message: `审计链被截断：${taken}记录至第 ${checkpoint.seq} 条事件，数据库中只剩 ${chain.events} 条，第 ${chain.events + 1} 至 ${checkpoint.seq} 条被删除（链头也被改写）`,
      },
    };
  }
  if (checkpoint.seq === 0) return { ok: true, events: chain.events, checkpoint: summary };
  const event = await db.selectFrom('audit_event').select('hash').where('seq', '=', checkpoint.seq).executeTakeFirstOrThrow();
  if (event.hash !== checkpoint.hash) {
    return {
      ok: false,
      events: chain.events,
      checkpoint: summary,
      problem: {
        kind: 'rewritten',
        seq: checkpoint.seq,
        message: `审计链在检查点之前被改写：第 ${checkpoint.seq} 条事件的哈希与${taken}不符，该条或其之前的事件被替换后重新计算了哈希`,
      },
    };
  }
  return { ok: true, events: chain.events, checkpoint: summary };
}
