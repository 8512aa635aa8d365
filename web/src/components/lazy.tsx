import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from './ui';

/**
 * A page whose code loads when it is first opened (esbuild splits each dynamic import into its
 * own file), so a phone on a slow line downloads only the pages its role opens, and chart.js only
 * with the pages that draw charts. Once loaded, a page is kept for the rest of the visit.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> & { preload(): void; load(): Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = () => (pending ??= load().then((component) => (loaded = component)));
  function LazyPage(props: P) {
    const [page, setPage] = useState<{ component?: ComponentType<P>; error?: unknown }>({ component: loaded });
    useEffect(() => {
      // Not `loaded`: the code may arrive between this render and this effect (the landing page's
      // preload often does), and the page would then wait on its spinner for good.
      if (page.component) return;
      start().then(
        (component) => setPage({ component }),
        (error: unknown) => ((pending = undefined), setPage({ error })),
      );
    }, []);
    if (page.error) return <ErrorMessage error={page.error} />;
    if (!page.component) return <Loading />;
    const Page = page.component;
    return <Page {...props} />;
  }
  /** Starts fetching the page's code before it is shown (the landing page, while the session loads). */
  const preload = () => void start().catch(() => (pending = undefined));
  /** The page's code, for a caller that must not render before it (hydrating the server's HTML: main.tsx). */
  return Object.assign(LazyPage, { preload, load: start });
}
