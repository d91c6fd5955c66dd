"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";
import { queryCache, type Entry } from "@/lib/query-cache";

const SERVER_ENTRY: Entry = { data: undefined, error: null, loading: true };

/**
 * Reads `key` from the shared query cache, fetching it with `fetcher` on first use.
 * `key` null means "nothing to load yet" (e.g. no data source chosen).
 */
export function useApi<T>(key: string | null, fetcher: () => Promise<T>) {
  const subscribe = useCallback((fn: () => void) => (key ? queryCache.subscribe(key, fn) : () => {}), [key]);
  const entry = useSyncExternalStore(
    subscribe,
    () => (key ? queryCache.get<T>(key) : (SERVER_ENTRY as Entry<T>)),
    () => SERVER_ENTRY as Entry<T>,
  );

  useEffect(() => {
    if (key) void queryCache.ensure(key, fetcher);
    // The fetcher is recreated every render; the key says what it fetches.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const reload = useCallback(() => (key ? queryCache.ensure(key, fetcher, true) : Promise.resolve()), [key, fetcher]);
  const mutate = useCallback((data: T) => key && queryCache.set(key, data), [key]);

  return {
    data: key ? entry.data : undefined,
    error: key ? entry.error : null,
    loading: key ? entry.loading && entry.data === undefined : false,
    refreshing: key ? entry.loading : false,
    reload,
    mutate,
  };
}

export function invalidate(prefix: string) {
  return queryCache.invalidate(prefix);
}
