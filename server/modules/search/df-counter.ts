/**
 * Document frequencies of ranking terms over many documents, fast enough to build the index of a
 * million listings: the counts analyzer.rankingTerms implies, without making a string per term.
 *
 * Each Han character gets a small number the first time it is seen; a bigram is then the pair of
 * numbers packed into one small integer (a V8 "Smi", which a Map hashes without allocating), and a
 * document's terms are deduplicated by sorting an integer array instead of filling a Set of
 * strings. Words of letters and digits, rare in Chinese text, and the characters past the packing
 * range keep string keys.
 */
import { segments } from './analyzer.js';

/** Characters numbered 0…LIMIT−1 pack into bigram keys below 2^30 (the largest Smi). */
const LIMIT = 32_767;
const BIGRAM_BASE = LIMIT + 1;

export class DfCounter {
  private readonly charIndex = new Map<number, number>();
  private readonly chars: string[] = [];
  private readonly numeric = new Map<number, number>();
  private readonly strings = new Map<string, number>();
  private keys = new Int32Array(4096);
  private readonly docStrings = new Set<string>();
  /** Documents counted. */
  documents = 0;
  /** Sum of the documents' lengths (ranking terms, with repeats). */
  totalLength = 0;

  private indexOf(char: string): number {
    const cp = char.codePointAt(0)!;
    let i = this.charIndex.get(cp);
    if (i === undefined) {
      i = this.chars.length;
      if (i >= LIMIT) return -1;
      this.charIndex.set(cp, i);
      this.chars.push(char);
    }
    return i;
  }

  private push(key: number, n: number): number {
    if (n === this.keys.length) {
      const grown = new Int32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[n] = key;
    return n + 1;
  }

  /** Counts one document (its fields' text) and returns its length in ranking terms. */
  addDocument(fields: readonly string[]): number {
    let n = 0;
    let length = 0;
    for (const field of fields) {
      for (const s of segments(field)) {
        if (!s.han) {
          this.docStrings.add(s.text);
          length += 1;
          const parts = s.text.match(/\p{L}+|\p{N}+/gu) ?? [];
          if (parts.length > 1) {
            for (const p of parts) this.docStrings.add(p);
            length += parts.length;
          }
          continue;
        }
        const chars = Array.from(s.text);
        const idx = chars.map((c) => this.indexOf(c));
        length += chars.length === 1 ? 1 : 2 * chars.length - 1;
        for (let i = 0; i < chars.length; i++) {
          if (idx[i]! >= 0) n = this.push(idx[i]!, n);
          else this.docStrings.add(chars[i]!);
          if (i + 1 < chars.length) {
            if (idx[i]! >= 0 && idx[i + 1]! >= 0) n = this.push(BIGRAM_BASE + idx[i]! * BIGRAM_BASE + idx[i + 1]!, n);
            else this.docStrings.add(chars[i]! + chars[i + 1]!);
          }
        }
      }
    }
    const keys = this.keys.subarray(0, n).sort();
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      if (i > 0 && keys[i - 1] === k) continue;
      this.numeric.set(k, (this.numeric.get(k) ?? 0) + 1);
    }
    for (const t of this.docStrings) this.strings.set(t, (this.strings.get(t) ?? 0) + 1);
    this.docStrings.clear();
    this.documents += 1;
    this.totalLength += length;
    return length;
  }

  /** Every term counted, with its document frequency. */
  *entries(): Generator<[string, number]> {
    for (const [k, df] of this.numeric) {
      if (k < BIGRAM_BASE) yield [this.chars[k]!, df];
      else {
        const pair = k - BIGRAM_BASE;
        yield [this.chars[Math.floor(pair / BIGRAM_BASE)]! + this.chars[pair % BIGRAM_BASE]!, df];
      }
    }
    yield* this.strings;
  }
}
