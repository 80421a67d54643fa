/**
 * What a reader of the audit log would trip over in a set of events: an id, a code, an unlabelled
 * field or action. Shared by the tests of every module that writes the log, so a new action or
 * field without its words fails where it is written (see common/audit-vocabulary.ts).
 */
import type { Executor } from '../context.js';
import { UNLABELLED_FIELD, describeEvents } from '../modules/audit/describe.js';
import { findInternals } from './internals.js';

/** Each problem once, as `action #seq: what`; empty when every event reads as words. */
export async function unwordedAuditEvents(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
  // Usernames are the users' own words (zhang_san is a fine username), not codes.
  const accounts = await db.selectFrom('app_user').select('username').execute();
  const applied = await db.selectFrom('unit_registration').select('username').execute();
  const usernames = [...new Set([...accounts, ...applied].map((u) => u.username))].sort((a, b) => b.length - a.length);
  const withoutUsernames = (text: string) => usernames.reduce((t, u) => t.split(u).join('用户名'), text);
  const problems: string[] = [];
  for (let i = 0; i < rows.length; i += 400) {
    for (const e of await describeEvents(db, rows.slice(i, i + 400))) {
      const text = [e.summary, e.actionLabel, e.subject.typeLabel, e.subject.name, ...e.changes.flatMap((c) => [c.label, c.before ?? '', c.after])].join('\n');
      for (const p of findInternals(withoutUsernames(text))) problems.push(`${e.action} #${e.seq}: ${p}`);
      for (const c of e.changes) if (c.label === UNLABELLED_FIELD) problems.push(`${e.action} #${e.seq}: field ${c.field} has no label`);
      if (e.summary.includes('进行了操作')) problems.push(`${e.action} #${e.seq}: action has no label`);
    }
  }
  return [...new Set(problems)];
}
