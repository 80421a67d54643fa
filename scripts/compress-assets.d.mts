/** Writes .br and .gz siblings of the text files under dir; returns raw and brotli byte totals. */
export function compressAssets(dir: string): { raw: number; brotli: number };
