/**
 * "The code starts with this prefix" as a range a B-tree index can serve on both databases
 * (LIKE 'prefix%' cannot, in general). Use: `.where(underPrefix('division_code', prefix))`.
 */
import type { ExpressionBuilder, ReferenceExpression } from 'kysely';
import { codeRange } from '../modules/registry/divisions.js';

export function underPrefix(column: string, prefix: string) {
  const { from, to } = codeRange(prefix);
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => {
    const ref = column as ReferenceExpression<DB, TB>;
    return eb.and([eb(ref, '>=', from), eb(ref, '<', to)]);
  };
}
