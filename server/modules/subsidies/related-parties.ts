/**
 * Step 3 of SUBSIDY-CASES.md: related parties. X's holding of Z is the sum over all holding paths
 * of the product of the percentages along the path; two organizations are related when either
 * holds ≥ threshold of the other, a third party holds ≥ threshold of both, one person is legal
 * representative or controller of both (either role), or the contract declares it.
 */
import type { Organization } from './model.js';
import { ZERO, add, cmp, div, mul, rat, ratToDisplay, type Rational } from './rational.js';

/** Holdings over the case's graph: X's holding of Z as the sum of path products (fractions of 1). */
export class Holdings {
  /** holder → [(held org, fraction)] */
  private readonly edges = new Map<string, { held: string; fraction: Rational }[]>();
  /** held org → its direct holders */
  private readonly holdersOf = new Map<string, string[]>();
  private readonly memo = new Map<string, Rational>();

  constructor(organizations: Organization[]) {
    for (const o of organizations) {
      for (const h of o.holders) {
        const list = this.edges.get(h.holder) ?? [];
        list.push({ held: o.ref, fraction: div(h.percent, rat(100n)) });
        this.edges.set(h.holder, list);
        const up = this.holdersOf.get(o.ref) ?? [];
        up.push(h.holder);
        this.holdersOf.set(o.ref, up);
      }
    }
  }

  isHeld(z: string): boolean {
    return this.holdersOf.has(z);
  }

  /** Everyone holding `z` directly or through a chain, sorted: the only candidates for a common holder. */
  ancestors(z: string): string[] {
    const seen = new Set<string>();
    const stack = [z];
    while (stack.length) {
      for (const h of this.holdersOf.get(stack.pop()!) ?? []) {
        if (h === z || seen.has(h)) continue;
        seen.add(h);
        stack.push(h);
      }
    }
    return [...seen].sort();
  }

  /** Sum over simple paths from `x` to `z` of the product of the fractions along the path. */
  of(x: string, z: string): Rational {
    // Most organizations hold nothing and are held by no one: no path, nothing to remember.
    if (!this.edges.has(x) || !this.holdersOf.has(z)) return ZERO;
    const key = `${x}\u0000${z}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const visited = new Set<string>([x]);
    const walk = (node: string, product: Rational): Rational => {
      let sum = ZERO;
      for (const e of this.edges.get(node) ?? []) {
        if (visited.has(e.held)) continue;
        const p = mul(product, e.fraction);
        if (e.held === z) sum = add(sum, p);
        else {
          visited.add(e.held);
          sum = add(sum, walk(e.held, p));
          visited.delete(e.held);
        }
      }
      return sum;
    };
    const result = x === z ? ZERO : walk(x, rat(1n));
    this.memo.set(key, result);
    return result;
  }
}

/** Step 3: why two organizations are related, or null. `threshold` is a percent. */
export function relation(
  a: Organization,
  b: Organization,
  holdings: Holdings,
  threshold: Rational,
  declared: boolean,
): string | null {
  // Every holding relation needs one of the two to be held; most organizations are held by no one,
  // and this runs for every candidate contract of a national year.
  if (holdings.isHeld(a.ref) || holdings.isHeld(b.ref)) {
    const held = heldRelation(a, b, holdings, div(threshold, rat(100n)));
    if (held !== null) return held;
  }
  const shared = sharedPerson(a, b);
  if (shared !== undefined) return `${shared} 同为双方的法定代表人或实际控制人`;
  if (declared) return '合同声明为关联方';
  return null;
}

/** Either holds ≥ t (a fraction of 1) of the other, or a third party holds ≥ t of both. */
function heldRelation(a: Organization, b: Organization, holdings: Holdings, t: Rational): string | null {
  const pct = (r: Rational) => `${ratToDisplay(mul(r, rat(100n)))}%`;
  const ab = holdings.of(a.ref, b.ref);
  if (cmp(ab, t) >= 0) return `${a.ref} 持有 ${b.ref} ${pct(ab)}`;
  const ba = holdings.of(b.ref, a.ref);
  if (cmp(ba, t) >= 0) return `${b.ref} 持有 ${a.ref} ${pct(ba)}`;
  // A common holder holds both, so both must have holders.
  const aboveB = new Set(holdings.isHeld(a.ref) && holdings.isHeld(b.ref) ? holdings.ancestors(b.ref) : []);
  for (const x of aboveB.size ? holdings.ancestors(a.ref) : []) {
    if (x === a.ref || x === b.ref || !aboveB.has(x)) continue;
    const xa = holdings.of(x, a.ref);
    const xb = holdings.of(x, b.ref);
    if (cmp(xa, t) >= 0 && cmp(xb, t) >= 0) return `${x} 同时持有 ${a.ref} ${pct(xa)}、${b.ref} ${pct(xb)}`;
  }
  return null;
}

/** `p` if it is `b`'s legal representative or controller (a function, not a closure: this runs per candidate contract). */
function onBoth(p: string | undefined, b: Organization): string | undefined {
  return p !== undefined && (p === b.legalRep || p === b.controller) ? p : undefined;
}

/** The (smallest) person who is legal representative or controller of both, in either role. */
function sharedPerson(a: Organization, b: Organization): string | undefined {
  const rep = onBoth(a.legalRep, b);
  const controller = onBoth(a.controller, b);
  if (rep === undefined) return controller;
  return controller !== undefined && controller < rep ? controller : rep;
}
