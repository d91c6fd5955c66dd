import { ApiError, toApiError } from "@/lib/api/client";

export interface Entry<T = unknown> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
}

const EMPTY: Entry = { data: undefined, error: null, loading: true };

/**
 * A small shared cache of GET results keyed by string, so the sidebar and a page that show the
 * same list stay in step and a mutation can refresh every view of it with one `invalidate`.
 */
export class QueryCache {
  private entries = new Map<string, Entry>();
  private fetchers = new Map<string, () => Promise<unknown>>();
  private inflight = new Map<string, Promise<void>>();
  private listeners = new Map<string, Set<() => void>>();

  get<T>(key: string): Entry<T> {
    return (this.entries.get(key) as Entry<T> | undefined) ?? (EMPTY as Entry<T>);
  }

  subscribe(key: string, fn: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(fn);
    return () => {
      set!.delete(fn);
      if (set!.size === 0) this.listeners.delete(key);
    };
  }

  /** Fetches unless a value or a request for `key` already exists (or `force`). */
  ensure<T>(key: string, fetcher: () => Promise<T>, force = false): Promise<void> {
    this.fetchers.set(key, fetcher);
    const current = this.entries.get(key);
    if (!force && current && (current.data !== undefined || current.error)) return Promise.resolve();
    const running = this.inflight.get(key);
    if (running) return running;
    this.write(key, { data: current?.data, error: null, loading: true });
    const p = fetcher()
      .then(
        (data) => this.write(key, { data, error: null, loading: false }),
        (e) => this.write(key, { data: current?.data, error: toApiError(e), loading: false }),
      )
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  set<T>(key: string, data: T): void {
    this.write(key, { data, error: null, loading: false });
  }

  /** Refetches every watched key starting with `prefix`; drops unwatched ones. */
  invalidate(prefix: string): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const key of [...this.entries.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const fetcher = this.fetchers.get(key);
      if (this.listeners.has(key) && fetcher) jobs.push(this.ensure(key, fetcher, true));
      else this.entries.delete(key);
    }
    return Promise.all(jobs).then(() => undefined);
  }

  private write(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    for (const fn of [...(this.listeners.get(key) ?? [])]) fn();
  }
}

export const queryCache = new QueryCache();
