import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

let markFirstScreen: () => void = () => undefined;
/**
 * Settles when the first page has its data (or its error): background work (the phone's
 * caseload, the service worker's precache of the whole UI) waits for it, so on a slow line it
 * never competes with the official's first screen.
 */
export const firstScreen = new Promise<void>((resolve) => (markFirstScreen = resolve));

/** Loads data for a page and reloads when `deps` change; a late answer for old deps is dropped. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load()
      .then(
        (data) => mine === generation.current && setState({ data, loading: false }),
        (error: unknown) => mine === generation.current && setState({ error, loading: false }),
      )
      .finally(markFirstScreen);
    // The caller lists what the loader depends on; `tick` is a reload.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Calls `tick` every `ms` while `active`: import progress and meeting results update by themselves. */
export function useInterval(tick: () => void, ms: number, active: boolean): void {
  const saved = useRef(tick);
  saved.current = tick;
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => saved.current(), ms);
    return () => clearInterval(id);
  }, [ms, active]);
}

/** Sets the document title, so a screen reader and the browser's history name the page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · แก้จน Kaejon`;
  }, [title]);
}

/**
 * The rest of a list the API pages (limit and offset), a page at a time on demand, after the first
 * page a `useResource` loaded: a long inbox is never cut at its first page. Starts over when `deps`
 * change (a new filter, a new first page).
 */
export function useMore<T>(loadAt: (offset: number) => Promise<{ items: T[] }>, deps: unknown[]) {
  const [state, setState] = useState<{ items: T[]; busy: boolean; error?: unknown }>({ items: [], busy: false });
  const generation = useRef(0);
  useEffect(() => {
    generation.current++;
    setState({ items: [], busy: false });
  }, deps);
  const more = (offset: number) => {
    const mine = generation.current;
    setState((s) => ({ ...s, busy: true, error: undefined }));
    loadAt(offset).then(
      (page) => mine === generation.current && setState((s) => ({ items: [...s.items, ...page.items], busy: false })),
      (error: unknown) => mine === generation.current && setState((s) => ({ ...s, busy: false, error })),
    );
  };
  return { ...state, more };
}

