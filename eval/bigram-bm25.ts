/**
 * The reference the search is measured against: BM25 (k1 1.2, b 0.75) over character bigrams of
 * the whole record, as Elasticsearch's `cjk` analyzer indexes Chinese, computed in memory here so
 * it shares nothing with the platform's own search.
 */
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

export function cjkBigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(RUNS)) {
    if (m[1]) {
      const s = Array.from(m[1]);
      if (s.length === 1) out.push(s[0]!);
      else for (let i = 0; i + 1 < s.length; i++) out.push(s[i]! + s[i + 1]!);
    } else out.push(m[2]!);
  }
  return out;
}

export class BigramBm25 {
  private readonly postings = new Map<string, { doc: number[]; tf: number[] }>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];

  add(id: string, text: string): void {
    const doc = this.ids.length;
    this.ids.push(id);
    const tokens = cjkBigrams(text);
    this.lengths.push(tokens.length);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = { doc: [], tf: [] }));
      p.doc.push(doc);
      p.tf.push(n);
    }
  }

  search(query: string, limit: number): string[] {
    const n = this.ids.length;
    const avg = this.lengths.reduce((a, b) => a + b, 0) / n;
    const scores = new Float64Array(n);
    for (const t of new Set(cjkBigrams(query))) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = Math.max(1e-6, Math.log((n - p.doc.length + 0.5) / (p.doc.length + 0.5)));
      for (let i = 0; i < p.doc.length; i++) {
        const d = p.doc[i]!;
        const f = p.tf[i]!;
        scores[d]! += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * this.lengths[d]!) / avg));
      }
    }
    const order = [...scores.keys()].filter((d) => scores[d]! > 0).sort((a, b) => scores[b]! - scores[a]! || a - b);
    return order.slice(0, limit).map((d) => this.ids[d]!);
  }
}
