/**
 * Turns text into index terms, the same way for documents and for queries, for both databases.
 *
 * Chinese has no spaces and neither database ships a Chinese tokenizer, so runs of Han characters
 * become overlapping character bigrams (动力电池 → 动力 力电 电池) plus their single characters;
 * runs of letters and digits become words (NCM811 → ncm811, and its parts ncm and 811, so a search
 * for either part finds it). Text is NFKC-normalized first: full-width letters and digits (ＮＣＭ８１１)
 * match half-width ones, and case never matters. Measured on the CSL dev set (docs/decisions/
 * 009-market-search.md): bigrams with unigrams beat word segmentation (jieba) for known-item search
 * and, unlike trigrams, find two-character words (专利, 电池).
 *
 * Everything else — punctuation, quotes, AND, *, parentheses — is a separator, so nothing a user
 * types can reach a query language.
 */

const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const LETTERS_DIGITS = /\p{L}+|\p{N}+/gu;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A piece of text as the index sees it: Han runs and letter/digit words, in order. */
export interface Segment {
  han: boolean;
  text: string;
}

export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  for (const m of normalize(text).matchAll(RUNS)) {
    if (m[1]) out.push({ han: true, text: m[1] });
    else out.push({ han: false, text: m[2]! });
  }
  return out;
}

function bigramsOf(run: string, out: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    out.push(chars[0]!);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
}

function wordParts(word: string): string[] {
  const parts = word.match(LETTERS_DIGITS) ?? [];
  return parts.length > 1 ? parts : [];
}

/**
 * The terms of one field in the full-text index, in order: the bigrams of each Han run (positions
 * adjacent, so a phrase of bigrams means "contains this string"), each word, then — after all of
 * them — each Han run's last character and each word's letter/digit parts. The last characters let
 * a one-character search find every occurrence (as a prefix of a bigram, or a run's final character)
 * without indexing every character.
 */
export function indexTerms(text: string): string[] {
  const main: string[] = [];
  const tail: string[] = [];
  for (const s of segments(text)) {
    if (s.han) {
      bigramsOf(s.text, main);
      const chars = Array.from(s.text);
      if (chars.length > 1) tail.push(chars[chars.length - 1]!);
    } else {
      main.push(s.text);
      tail.push(...wordParts(s.text));
    }
  }
  return main.concat(tail);
}

/**
 * The terms ranking counts in a field: every bigram, every Han character, every word and word part.
 * A term repeats as often as it occurs (term frequency).
 */
export function rankingTerms(text: string): string[] {
  const out: string[] = [];
  for (const s of segments(text)) {
    if (s.han) {
      bigramsOf(s.text, out);
      const chars = Array.from(s.text);
      if (chars.length > 1) out.push(...chars);
    } else {
      out.push(s.text, ...wordParts(s.text));
    }
  }
  return out;
}

/** One word of a query (what the user separated by spaces or punctuation) as the index spells it. */
export interface QueryWord {
  /** As normalized, for display and highlighting. */
  text: string;
  /** Its full-text terms in order: consecutive bigrams, or the word itself; one Han character alone. */
  phrase: string[];
  /** True for a single Han character: found as a prefix of bigrams or as a run's last character. */
  singleHan: boolean;
}

export interface ParsedQuery {
  words: QueryWord[];
  /** Distinct ranking terms of the whole query. */
  terms: string[];
}

export function parseQuery(query: string): ParsedQuery {
  const words: QueryWord[] = [];
  for (const s of segments(query)) {
    if (s.han) {
      const phrase: string[] = [];
      bigramsOf(s.text, phrase);
      words.push({ text: s.text, phrase, singleHan: Array.from(s.text).length === 1 });
    } else {
      words.push({ text: s.text, phrase: [s.text], singleHan: false });
    }
  }
  return { words, terms: [...new Set(rankingTerms(query))] };
}

const HAN = /\p{Script=Han}/u;

export function isHanTerm(term: string): boolean {
  return HAN.test(term);
}

/** Occurrences of `term` in `text`, overlapping ones included (啊啊啊 holds 啊啊 twice). */
export function countOccurrences(text: string, term: string): number {
  let n = 0;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) n++;
  return n;
}

/**
 * How often each query term occurs in one field, as rankingTerms would count it, without
 * tokenizing the whole field: a Han bigram or character occurs exactly where its string does
 * (Han runs are maximal, so no bigram spans two of them); words and their parts come from the
 * field's letter/digit runs alone.
 */
export function termFrequencies(field: string, terms: readonly string[]): Map<string, number> {
  const text = normalize(field);
  const tf = new Map<string, number>();
  let words: Map<string, number> | undefined;
  for (const term of terms) {
    let n: number;
    if (isHanTerm(term)) n = countOccurrences(text, term);
    else {
      if (!words) {
        words = new Map();
        for (const s of segments(text)) {
          if (s.han) continue;
          for (const w of [s.text, ...wordParts(s.text)]) words.set(w, (words.get(w) ?? 0) + 1);
        }
      }
      n = words.get(term) ?? 0;
    }
    if (n > 0) tf.set(term, n);
  }
  return tf;
}
