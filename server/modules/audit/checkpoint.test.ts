/**
 * Signed checkpoints against the attacks the chain alone cannot see (issue 12, defect 9): the tail cut
 * off with the head row rewritten to match, and the whole chain re-hashed after a forged event.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { makeOrganization } from '../../testing/builders.js';
import type { Executor } from '../../context.js';
import { hashEvent } from './audit.js';
import { verifyAuditChain } from './verify-chain.js';
import {
  createCheckpoint,
  generateSigningKeyPair,
  loadSigningKey,
  loadVerifyKey,
  readCheckpointFile,
  verifyAgainstCheckpoint,
  writeCheckpointFile,
  writeSigningKeyPair,
  type Checkpoint,
} from './checkpoint.js';
import { latestCheckpoint, readCheckpointSchedule, writeScheduledCheckpoint } from './scheduled-checkpoint.js';

const { privatePem, publicPem } = generateSigningKeyPair();
const signingKey = crypto.createPrivateKey(privatePem);
const publicKey = crypto.createPublicKey(publicPem);

async function checkpointNow(db: Executor): Promise<Checkpoint> {
  const created = await createCheckpoint(db, signingKey, new Date('2026-12-02T08:00:00Z'));
  if (!created.ok) throw new Error(created.chain.problem!.message);
  return created.checkpoint;
}

/** What someone with write access to the database does to hide the last events. */
async function cutTailAndRewriteHead(db: Executor, keep: number): Promise<void> {
  await db.deleteFrom('audit_event').where('seq', '>', keep).execute();
  const last = await db.selectFrom('audit_event').select('hash').where('seq', '=', keep).executeTakeFirstOrThrow();
  await db.updateTable('audit_head').set({ seq: keep, hash: last.hash }).where('id', '=', 1).execute();
}

/** Alters one event and re-hashes it and every later one, relinking the chain and the head. */
async function forgeFrom(db: Executor, seq: number): Promise<void> {
  const events = await db.selectFrom('audit_event').selectAll().where('seq', '>=', seq - 1).orderBy('seq').execute();
  let prev = events[0]!.hash;
  for (const event of events.slice(1)) {
    const { hash: _old, ...rest } = event;
    const forged = { ...rest, prev_hash: prev, actor_name: event.seq === seq ? 'mallory' : event.actor_name };
    const hash = hashEvent(forged);
    await db.updateTable('audit_event').set({ actor_name: forged.actor_name, prev_hash: prev, hash }).where('seq', '=', event.seq).execute();
    prev = hash;
  }
  await db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
}

for (const dialect of await testDialects()) {
  describe(`audit checkpoints on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeEach(async () => {
      handle = await createTestDatabase(dialect);
      const ctx = testCtx(handle);
      for (let i = 0; i < 5; i++) await makeOrganization(ctx);
    });
    afterEach(async () => handle.drop());

    it('signs the head and verifies it, also after the chain has grown', async () => {
      const checkpoint = await checkpointNow(handle.db);
      expect(checkpoint).toMatchObject({ seq: 5, createdAt: '2026-12-02T08:00:00.000Z' });
      expect(checkpoint.hash).toBe((await handle.db.selectFrom('audit_head').select('hash').executeTakeFirstOrThrow()).hash);
      expect(await verifyAgainstCheckpoint(handle.db, checkpoint, publicKey)).toMatchObject({ ok: true, events: 5 });
      await makeOrganization(testCtx(handle));
      expect(await verifyAgainstCheckpoint(handle.db, checkpoint, publicKey)).toMatchObject({ ok: true, events: 6 });
    });

    it('catches the tail cut off with the head row rewritten, which the chain alone passes', async () => {
      const checkpoint = await checkpointNow(handle.db);
      await cutTailAndRewriteHead(handle.db, 3);
      expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, events: 3 });
      const report = await verifyAgainstCheckpoint(handle.db, checkpoint, publicKey);
      expect(report.ok).toBe(false);
      expect(report.problem).toMatchObject({ kind: 'truncated', seq: 4 });
      expect(report.problem!.message).toContain('记录至第 5 条事件，数据库中只剩 3 条，第 4 至 5 条被删除');
    });

    it('catches the tail cut off and new events appended after it to reach the same length', async () => {
      const checkpoint = await checkpointNow(handle.db);
      await cutTailAndRewriteHead(handle.db, 3);
      for (let i = 0; i < 3; i++) await makeOrganization(testCtx(handle));
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
      expect((await verifyAgainstCheckpoint(handle.db, checkpoint, publicKey)).problem).toMatchObject({ kind: 'rewritten', seq: 5 });
    });

    it('catches a forged event re-hashed with all its successors before the checkpoint', async () => {
      const checkpoint = await checkpointNow(handle.db);
      await forgeFrom(handle.db, 2);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
      const report = await verifyAgainstCheckpoint(handle.db, checkpoint, publicKey);
      expect(report.problem).toMatchObject({ kind: 'rewritten', seq: 5 });
      expect(report.problem!.message).toContain('第 5 条事件的哈希与检查点');
    });

    it('still names a break the chain itself shows', async () => {
      const checkpoint = await checkpointNow(handle.db);
      await handle.db.updateTable('audit_event').set({ actor_name: 'mallory' }).where('seq', '=', 2).execute();
      const report = await verifyAgainstCheckpoint(handle.db, checkpoint, publicKey);
      expect(report.problem).toMatchObject({ kind: 'chain', message: '第 2 条事件内容被篡改' });
    });

    it('refuses to sign a chain that is already broken', async () => {
      await handle.db.deleteFrom('audit_event').where('seq', '=', 2).execute();
      const created = await createCheckpoint(handle.db, signingKey, new Date());
      expect(created.ok).toBe(false);
      expect(created.chain.problem).toMatchObject({ kind: 'missing', seq: 2 });
    });

    it('the daily checkpoint checks against the newest one before it writes, so a cut tail stops the series', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-daily-checkpoints-'));
      try {
        const schedule = { dir, signingKey };
        const first = await writeScheduledCheckpoint(handle.db, schedule, new Date('2026-12-01T16:00:00Z'));
        expect(first).toMatchObject({ ok: true, seq: 5 });
        await makeOrganization(testCtx(handle));
        const second = await writeScheduledCheckpoint(handle.db, schedule, new Date('2026-12-02T16:00:00Z'));
        expect(second).toMatchObject({ ok: true, seq: 6 });
        expect(fs.readdirSync(dir).sort()).toEqual(['audit-checkpoint-20261201T160000Z.json', 'audit-checkpoint-20261202T160000Z.json']);
        expect(latestCheckpoint(dir)!.checkpoint.seq).toBe(6);
        // The same moment again never overwrites.
        expect(await writeScheduledCheckpoint(handle.db, schedule, new Date('2026-12-02T16:00:00Z'))).toMatchObject({ ok: false, message: expect.stringContaining('不覆盖') });

        await cutTailAndRewriteHead(handle.db, 4);
        const refused = await writeScheduledCheckpoint(handle.db, schedule, new Date('2026-12-03T16:00:00Z'));
        expect(refused.ok).toBe(false);
        expect(refused).toMatchObject({ message: expect.stringContaining('与上一个检查点 audit-checkpoint-20261202T160000Z.json 不符，未写新检查点：审计链被截断') });
        expect(fs.readdirSync(dir)).toHaveLength(2);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses an altered checkpoint file and one signed by another key, saying which', async () => {
      const checkpoint = await checkpointNow(handle.db);
      await cutTailAndRewriteHead(handle.db, 3);
      const lowered = { ...checkpoint, seq: 3, hash: (await handle.db.selectFrom('audit_head').select('hash').executeTakeFirstOrThrow()).hash };
      await expect(verifyAgainstCheckpoint(handle.db, lowered, publicKey)).rejects.toThrow('检查点文件在签发后被改动过');
      const other = crypto.createPublicKey(generateSigningKeyPair().publicPem);
      await expect(verifyAgainstCheckpoint(handle.db, checkpoint, other)).rejects.toThrow(`由另一把密钥（编号 ${checkpoint.keyId}）签发`);
    });
  });
}

describe('checkpoint files and keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-checkpoint-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a key pair with the private key 0600, never over an existing key', () => {
    const file = path.join(dir, 'keys', 'audit-signing.pem');
    const written = writeSigningKeyPair(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(written.publicFile, 'utf8')).toContain('BEGIN PUBLIC KEY');
    const before = fs.readFileSync(file, 'utf8');
    expect(() => writeSigningKeyPair(file)).toThrow('文件已存在，不覆盖');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const key = loadSigningKey({ TT_AUDIT_SIGNING_KEY_FILE: file });
    const oneLine = fs.readFileSync(file, 'utf8').replace(/\n/g, '\\n');
    expect(loadSigningKey({ TT_AUDIT_SIGNING_KEY: oneLine }).export({ type: 'pkcs8', format: 'pem' })).toBe(before);
    expect(loadVerifyKey({}, written.publicFile).export({ type: 'spki', format: 'pem' })).toBe(crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' }));
  });

  it('warns when the private key is readable by others, and names a missing or wrong key', () => {
    const file = path.join(dir, 'audit-signing.pem');
    writeSigningKeyPair(file);
    fs.chmodSync(file, 0o644);
    const warnings: string[] = [];
    loadSigningKey({ TT_AUDIT_SIGNING_KEY_FILE: file }, (line) => warnings.push(line));
    expect(warnings).toEqual([`警告：签名私钥 ${file} 可被属主以外的用户读取，请执行 chmod 600 ${file}`]);
    expect(() => loadSigningKey({})).toThrow('未配置审计签名私钥：请设置环境变量 TT_AUDIT_SIGNING_KEY_FILE');
    expect(() => loadSigningKey({ TT_AUDIT_SIGNING_KEY: 'not a key' })).toThrow('TT_AUDIT_SIGNING_KEY 不是可读的私钥');
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey({ TT_AUDIT_SIGNING_KEY: rsa })).toThrow('不是 Ed25519 私钥（而是 rsa）');
    expect(() => loadVerifyKey({})).toThrow('未指定核验检查点的公钥');
  });

  it('the schedule is off without TT_AUDIT_CHECKPOINT_DIR, and a directory without a key stops the start naming the variable', () => {
    expect(readCheckpointSchedule({})).toBeNull();
    expect(() => readCheckpointSchedule({ TT_AUDIT_CHECKPOINT_DIR: dir })).toThrow('未配置审计签名私钥');
    const key = path.join(dir, 'k.pem');
    writeSigningKeyPair(key);
    expect(readCheckpointSchedule({ TT_AUDIT_CHECKPOINT_DIR: path.join(dir, 'daily'), TT_AUDIT_SIGNING_KEY_FILE: key })).toMatchObject({ dir: path.join(dir, 'daily') });
    expect(fs.existsSync(path.join(dir, 'daily'))).toBe(true);
  });

  it('round-trips a checkpoint file and names what is wrong in a bad one', () => {
    const file = path.join(dir, 'head.json');
    const checkpoint: Checkpoint = { format: 'techtransfer-audit-checkpoint', version: 1, seq: 7, hash: 'a'.repeat(64), headAt: null, createdAt: '2026-12-02T08:00:00.000Z', keyId: '0123456789abcdef', signature: 'c2ln' };
    writeCheckpointFile(file, checkpoint);
    expect(readCheckpointFile(file)).toEqual(checkpoint);
    expect(fs.readdirSync(dir)).toEqual(['head.json']);
    fs.writeFileSync(file, JSON.stringify({ ...checkpoint, seq: -1 }));
    expect(() => readCheckpointFile(file)).toThrow('字段 seq 应为非负整数');
    fs.writeFileSync(file, '{');
    expect(() => readCheckpointFile(file)).toThrow('不是有效的 JSON');
    expect(() => readCheckpointFile(path.join(dir, 'none.json'))).toThrow('检查点文件不存在');
  });
});
