/**
 * Runs a query over a long list of keys a chunk at a time (IN lists stay under both databases'
 * bound-parameter limits) and concatenates the answers.
 */
export async function inChunks<T, R>(keys: T[], size: number, query: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += size) out.push(...(await query(keys.slice(i, i + size))));
  return out;
}
