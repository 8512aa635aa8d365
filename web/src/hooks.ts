import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';

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

/**
 * The landing page's first answer, which the server wrote into the page (web/src/first-screen.ts):
 * the page that asks for that path first renders with it at once, on the server (the page's HTML
 * comes with its data, web/src/server-render.tsx) and in the browser (which hydrates that HTML
 * without a render in between). Taken once: a later visit to the page asks the server.
 */
export interface Seed {
  path: string;
  data: unknown;
  taken?: boolean;
}
export const SeedContext = createContext<Seed | undefined>(undefined);

/**
 * Loads data for a page and reloads when `deps` change; a late answer for old deps is dropped.
 * `seedPath`: the request `load` makes, when it may be the first screen's (SeedContext).
 */
export function useResource<T>(load: () => Promise<T>, deps: unknown[], seedPath?: string): Resource<T> {
  const seed = useContext(SeedContext);
  const seeded = useRef(false);
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>(() => {
    if (!seed || seed.taken || seed.path !== seedPath) return { loading: true };
    seed.taken = true;
    seeded.current = true;
    // The server's answer to the very request `load` makes, as api.get<T> would have returned it.
    return { data: seed.data as T, loading: false };
  });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    if (seeded.current) {
      seeded.current = false;
      markFirstScreen();
      return;
    }
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

/** A list shown a page at a time: every row so far, and how to ask for the next page (`MoreButton`). */
export interface MoreList<T> {
  items: T[];
  total: number;
  busy: boolean;
  error?: unknown;
  more(): void;
}

/**
 * The rest of a list the API pages (limit and offset), a page at a time on demand, after the first
 * page a `useResource` loaded: a long inbox is never cut at its first page. Starts over with a new
 * first page (a new filter, a reload).
 */
export function useMore<T>(first: { items: T[]; total: number } | undefined, loadAt: (offset: number) => Promise<{ items: T[] }>): MoreList<T> {
  const [state, setState] = useState<{ items: T[]; busy: boolean; error?: unknown }>({ items: [], busy: false });
  const generation = useRef(0);
  useEffect(() => {
    generation.current++;
    setState({ items: [], busy: false });
  }, [first]);
  const items = [...(first?.items ?? []), ...state.items];
  const more = () => {
    const mine = generation.current;
    setState((s) => ({ ...s, busy: true, error: undefined }));
    loadAt(items.length).then(
      (page) => mine === generation.current && setState((s) => ({ items: [...s.items, ...page.items], busy: false })),
      (error: unknown) => mine === generation.current && setState((s) => ({ ...s, busy: false, error })),
    );
  };
  return { items, total: first?.total ?? 0, busy: state.busy, error: state.error, more };
}
