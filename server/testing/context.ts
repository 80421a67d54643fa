/** Builds use-case contexts for tests: a fixed clock, a throwaway data key, any actor. */
import crypto from 'node:crypto';
import type { UserRole } from '../../common/vocabulary.js';
import { type Actor, type Ctx, systemActor } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { createProtector } from '../modules/registry/protect.js';

export const TEST_KEY = crypto.createHash('sha256').update('techtransfer tests').digest();

export function testCtx(handle: DbHandle, actor: Partial<Actor> & { roles?: UserRole[] } = {}, now = '2026-06-01T08:00:00.000Z'): Ctx {
  return {
    db: handle.db,
    dialect: handle.dialect,
    actor: { ...systemActor('410411', 'tester'), ...actor },
    ip: '127.0.0.1',
    clock: { now: () => new Date(now) },
    protector: createProtector(TEST_KEY),
    sqlite: handle.sqlite,
  };
}
