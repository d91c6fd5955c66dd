"use client";

import { useCallback, useSyncExternalStore } from "react";

const EVENT = "querent:local-storage";

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** A string remembered in localStorage, shared by every component using the same key. */
export function useLocalStorage(key: string, fallback = ""): [string, (value: string) => void] {
  const subscribe = useCallback((fn: () => void) => {
    const onStorage = (e: Event) => {
      if (e instanceof StorageEvent ? e.key === key : (e as CustomEvent<string>).detail === key) fn();
    };
    window.addEventListener("storage", onStorage);
    window.addEventListener(EVENT, onStorage);
    return () => {
      window.removeEventListener("storage", onStorage);
      window.removeEventListener(EVENT, onStorage);
    };
  }, [key]);
  const value = useSyncExternalStore(subscribe, () => read(key) ?? fallback, () => fallback);
  const set = useCallback(
    (v: string) => {
      try {
        window.localStorage.setItem(key, v);
      } catch {
        // Private mode or quota: the value simply is not remembered.
      }
      window.dispatchEvent(new CustomEvent(EVENT, { detail: key }));
    },
    [key],
  );
  return [value, set];
}
