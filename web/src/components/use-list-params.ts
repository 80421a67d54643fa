import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

type Patch<K extends string> = Partial<Record<K | 'page' | 'pageSize', string | number | null | undefined>>;

export interface ListParams<K extends string> {
  values: Record<K, string | undefined>;
  page: number;
  pageSize: number;
  update: (patch: Patch<K>) => void;
  reset: () => void;
}

/**
 * List filters and paging kept in the URL (?q=…&kind=…&page=2), so a detail page's Back
 * and a shared link return to the same list. Changing a filter goes back to page 1.
 * `keys` must be a constant (module-level) array.
 */
export function useListParams<K extends string>(keys: readonly K[]): ListParams<K> {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const out = {} as Record<K, string | undefined>;
    for (const key of keys) out[key] = params.get(key) ?? undefined;
    return out;
  }, [params, keys]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || 20));

  const update = useCallback(
    (patch: Patch<K>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          if (next.get('page') === '1') next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return { values, page, pageSize, update, reset };
}
