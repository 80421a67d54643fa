/** MRR@k and Recall@k of ranked results against each query's relevant ids. */
export interface Judged {
  queryId: string;
  relevant: readonly string[];
  results: readonly string[];
}

export function mrrAndRecall(judged: readonly Judged[], k = 10): { mrr: number; recall: number; queries: number } {
  let mrr = 0;
  let recall = 0;
  for (const j of judged) {
    const top = j.results.slice(0, k);
    const rank = top.findIndex((id) => j.relevant.includes(id));
    if (rank >= 0) mrr += 1 / (rank + 1);
    recall += j.relevant.length ? top.filter((id) => j.relevant.includes(id)).length / j.relevant.length : 0;
  }
  const n = judged.length || 1;
  return { mrr: mrr / n, recall: recall / n, queries: judged.length };
}
