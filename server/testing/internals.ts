/**
 * What a person must never read (DEVELOPERS: "no UUID, enum code, rule id, parameter key, fen
 * amount, formula in code form or raw Markdown"): patterns over displayed text, shared by the unit
 * tests of what the server words (audit, traces) and the browser crawl over every page.
 */
const PATTERNS: [string, RegExp][] = [
  ['UUID', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
  ['code name', /(?<![\w./@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.@-])/],
  ['camelCase key', /(?<![\w./@-])[a-z]+(?:[A-Z][a-z0-9]+)+(?![\w.@-])/],
  ['dotted code', /(?<![\w./@-])[a-z]+(?:\.[a-z_]+)+(?![\w/@-])/],
  ['fen amount', /\d{3,}\s*分(?![钟类析配])/],
  ['formula in code form', /\b(?:floor|ceil|min|max)\(|[a-z_]+\s*=\s*["[]/],
  ['raw Markdown', /^(?:#{1,6} |\|\s*-{3}|\*\*\S)|\*\*[^*\n]+\*\*/m],
  ['English code in brackets', /（[a-z_]+）/],
];

/** Text that may look like a pattern and is fine: addresses, e-mail, file names. */
function cleaned(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.-]+@[\w.-]+/g, ' ')
    .replace(/[\w-]+\.(?:pdf|xlsx|csv|jsonl|png|jpg|jpeg|zip|yaml|md|txt)\b/gi, ' ');
}

/** Each internal found in the text, named and quoted with its surroundings; empty when clean. */
export function findInternals(text: string): string[] {
  const found: string[] = [];
  const body = cleaned(text);
  for (const [name, re] of PATTERNS) {
    const m = body.match(re);
    if (m) {
      const at = m.index ?? 0;
      found.push(`${name}: «${body.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, ' ')}»`);
    }
  }
  return found;
}

/**
 * What else a rendered page must not show, beyond what the server's words are held to: a machine
 * time (UTC ISO), a value that never arrived, a Markdown link, a rate written as code.
 */
const PAGE_PATTERNS: [string, RegExp][] = [
  ['ISO timestamp', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/],
  ['missing value', /(?<![\w-])(?:undefined|null|NaN)(?![\w-])|\[object Object\]/],
  ['raw Markdown', /\]\(|(?:^|\s)#{2,6}\s|\*\*/m],
  ['formula in code form', /分\/元|÷\s*\d+\s*分/],
];

export interface PageInternal {
  kind: string;
  /** The offending text itself. */
  match: string;
  /** It with its surroundings, to find it on the page. */
  snippet: string;
}

/**
 * Every internal a rendered page shows (findInternals' patterns and PAGE_PATTERNS), each distinct
 * one once with its first surroundings: the browser crawl reports them all, not the first.
 */
export function findPageInternals(text: string): PageInternal[] {
  // The stars of a masked ID number or name (410402********0150, 张**) are not Markdown's bold.
  const body = cleaned(text).replace(/(?<=[\p{L}\p{N}])\*{2,}|\*{3,}/gu, '＊');
  const found = new Map<string, PageInternal>();
  for (const [kind, re] of [...PATTERNS, ...PAGE_PATTERNS]) {
    for (const m of body.matchAll(new RegExp(re.source, `${re.flags}g`))) {
      const key = `${kind}\u0000${m[0]}`;
      if (found.has(key)) continue;
      const snippet = body.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30).replace(/\s+/g, ' ').trim();
      found.set(key, { kind, match: m[0].trim(), snippet });
    }
  }
  return [...found.values()];
}
