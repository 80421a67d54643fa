/**
 * How far a running import has got, for the web page to poll. Kept in the memory of the instance
 * running the import (an import's transaction is invisible to others until it commits); behind a
 * load balancer, the poll must reach the same instance (sticky sessions).
 */
export type ImportPhase = 'reading' | 'validating' | 'writing' | 'done' | 'failed';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

interface Entry extends ImportProgress {
  userId: string;
  updatedAt: number;
}

const KEEP_MS = 10 * 60_000;
const entries = new Map<string, Entry>();

export function reportImportProgress(progressId: string, userId: string, progress: ImportProgress): void {
  const now = Date.now();
  entries.set(progressId, { ...progress, userId, updatedAt: now });
  // Forget finished or abandoned imports after a while.
  for (const [id, e] of entries) if (now - e.updatedAt > KEEP_MS) entries.delete(id);
}

/** The progress of the user's own import, or null when unknown. */
export function readImportProgress(progressId: string, userId: string): ImportProgress | null {
  const e = entries.get(progressId);
  if (!e || e.userId !== userId) return null;
  return { phase: e.phase, done: e.done, total: e.total };
}
