import { useEffect, useState } from 'preact/hooks';

/**
 * The app's location lives in the hash, query included: `#/households?stage=analysis&overdue=true`.
 * wouter's own hash hook puts a query into the page's real search string instead, where it
 * outlives the page it was meant for (the menu's "ครัวเรือน" would open still filtered). Here
 * the path and the query both come from the hash, so a link names its whole list.
 */
const path = (): string => `/${location.hash.replace(/^#?\/?/, '')}`.split('?')[0];
const search = (): string => location.hash.split('?')[1] ?? '';

function useHashValue(read: () => string): string {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const update = () => setValue(read());
    addEventListener('hashchange', update);
    update();
    return () => removeEventListener('hashchange', update);
  }, []);
  return value;
}

function navigate(to: string, options?: { replace?: boolean }): void {
  const hash = `#${to.startsWith('/') ? to : `/${to}`}`;
  if (options?.replace) location.replace(hash);
  else location.hash = hash;
}

export const useHashPath = (): [string, typeof navigate] => [useHashValue(path), navigate];
useHashPath.hrefs = (href: string): string => `#${href}`;
export const useHashSearch = (): string => useHashValue(search);

/**
 * The location when the server renders the first screen (web/src/server-render.tsx): the hash
 * never reaches a server, so it renders the landing page, `#/`, with links as hashes like the app's.
 */
export const landingLocation = (): [string, typeof navigate] => ['/', navigate];
landingLocation.hrefs = useHashPath.hrefs;
export const noSearch = (): string => '';
