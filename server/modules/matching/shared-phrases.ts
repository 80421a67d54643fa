/**
 * The words two texts share, as people would name them: the longest runs of Han characters (or
 * letter/digit words) of one text that occur in the other, at least two characters long, the most
 * distinctive first. "正极材料的包覆改性" and "高镍正极材料表面包覆" share 正极材料 and 包覆 — the
 * "why" of a match, in words rather than bigram scores.
 */
import { normalize, segments } from '../search/analyzer.js';

export interface SharedPhrase {
  text: string;
  /** Higher is more distinctive (longer, and made of rarer bigrams). */
  weight: number;
}

/**
 * `rarity(bigram)` says how distinctive a bigram is (e.g. its idf); a phrase weighs the sum over
 * its bigrams. Phrases inside a longer shared phrase are not repeated.
 */
export function sharedPhrases(a: string, b: string, rarity: (bigram: string) => number, limit = 5): SharedPhrase[] {
  const other = normalize(b);
  const found = new Map<string, number>();
  for (const s of segments(a)) {
    const chars = Array.from(s.text);
    if (!s.han) {
      if (s.text.length >= 2 && other.includes(s.text)) found.set(s.text, Math.max(found.get(s.text) ?? 0, 2 + s.text.length / 4));
      continue;
    }
    let i = 0;
    while (i + 1 < chars.length) {
      // The longest run starting at i that the other text contains.
      let j = i + 2;
      if (!other.includes(chars.slice(i, j).join(''))) {
        i += 1;
        continue;
      }
      while (j < chars.length && other.includes(chars.slice(i, j + 1).join(''))) j += 1;
      const phrase = chars.slice(i, j).join('');
      let weight = 0;
      for (let k = i; k + 1 < j; k++) weight += rarity(chars[k]! + chars[k + 1]!);
      found.set(phrase, Math.max(found.get(phrase) ?? 0, weight));
      i = j - 1;
    }
  }
  const ranked = [...found].map(([text, weight]) => ({ text, weight })).sort((x, y) => y.weight - x.weight || (x.text < y.text ? -1 : 1));
  const out: SharedPhrase[] = [];
  for (const p of ranked) {
    if (out.some((o) => o.text.includes(p.text))) continue;
    out.push(p);
    if (out.length === limit) break;
  }
  return out;
}
