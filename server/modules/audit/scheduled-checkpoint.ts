/**
 * Daily audit checkpoints written by the server when TT_AUDIT_CHECKPOINT_DIR is set (with the signing
 * key of checkpoint.ts). Each run first checks the chain against the newest checkpoint already in the
 * directory — so a truncation since then stops the series instead of being signed over — and writes
 * a new file named by its time; no file is ever overwritten. Point the directory at storage the
 * database's administrators cannot rewrite (another machine, write-once storage).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock, Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { createCheckpoint, loadSigningKey, readCheckpointFile, verifyAgainstCheckpoint, writeCheckpointFile, type Checkpoint } from './checkpoint.js';

export const CHECKPOINT_DIR_ENV = 'TT_AUDIT_CHECKPOINT_DIR';

const DAY_MS = 24 * 3600_000;
const FILE_PATTERN = /^audit-checkpoint-\d{8}T\d{6}Z\.json$/;

export interface CheckpointSchedule {
  dir: string;
  signingKey: crypto.KeyObject;
}

/**
 * The schedule from the environment: null when TT_AUDIT_CHECKPOINT_DIR is unset; a missing key or an
 * unwritable directory stops the start with its name, before anything is served.
 */
export function readCheckpointSchedule(env: NodeJS.ProcessEnv, warn: (line: string) => void = () => {}): CheckpointSchedule | null {
  const dir = env[CHECKPOINT_DIR_ENV]?.trim();
  if (!dir) return null;
  const signingKey = loadSigningKey(env, warn);
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new AppError('VALIDATION', `${CHECKPOINT_DIR_ENV} 指定的目录不可写：${dir}`, { field: CHECKPOINT_DIR_ENV });
  }
  return { dir, signingKey };
}

function fileNameFor(at: Date): string {
  return `audit-checkpoint-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}.json`;
}

/** The newest checkpoint in the directory (names sort by time), if any. */
export function latestCheckpoint(dir: string): { file: string; checkpoint: Checkpoint } | null {
  const names = fs.readdirSync(dir).filter((n) => FILE_PATTERN.test(n)).sort();
  const newest = names[names.length - 1];
  if (!newest) return null;
  const file = path.join(dir, newest);
  return { file, checkpoint: readCheckpointFile(file) };
}

export type ScheduledResult = { ok: true; file: string; seq: number } | { ok: false; message: string };

/** One run: check against the newest checkpoint, then sign the head into a new file. */
export async function writeScheduledCheckpoint(db: Executor, schedule: CheckpointSchedule, now: Date): Promise<ScheduledResult> {
  const previous = latestCheckpoint(schedule.dir);
  if (previous) {
    const report = await verifyAgainstCheckpoint(db, previous.checkpoint, crypto.createPublicKey(schedule.signingKey));
    if (!report.ok) return { ok: false, message: `与上一个检查点 ${path.basename(previous.file)} 不符，未写新检查点：${report.problem!.message}` };
  }
  const created = await createCheckpoint(db, schedule.signingKey, now);
  if (!created.ok) return { ok: false, message: `审计链已被破坏，未写新检查点：${created.chain.problem!.message}` };
  const file = path.join(schedule.dir, fileNameFor(now));
  if (fs.existsSync(file)) return { ok: false, message: `检查点文件已存在，不覆盖：${file}` };
  writeCheckpointFile(file, created.checkpoint);
  return { ok: true, file, seq: created.checkpoint.seq };
}

/** Runs now and then daily; the timer never keeps the process alive. Returns a stop function. */
export function startAuditCheckpoints(db: Executor, schedule: CheckpointSchedule, clock: Clock, log: (line: string, failed: boolean) => void): () => void {
  const run = () => {
    writeScheduledCheckpoint(db, schedule, clock.now())
      .then((r) => (r.ok ? log(`audit: checkpoint ${path.basename(r.file)} at event ${r.seq}`, false) : log(`audit: ${r.message}`, true)))
      .catch((error: unknown) => log(`audit: checkpoint failed: ${(error as Error).message}`, true));
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
