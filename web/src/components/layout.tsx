import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { useI18n } from '../i18n';
import { mayUse, PAGE_PATHS, PAGE_ROLES, pageOfLocation, useSession, type PageKey } from '../session';
import { firstScreen } from '../hooks';
import { ConfirmDialog } from './confirm';

/**
 * The sync indicator reads the offline store (Dexie) and asks for the conflict queue: neither is
 * needed for the first screen, so its code is fetched once that screen is up (or after a few
 * seconds on a page that loads nothing), not with the app's entry.
 */
let syncStatus: Promise<ComponentType> | undefined;
const loadSyncStatus = () =>
  (syncStatus ??= Promise.race([firstScreen, new Promise((resolve) => setTimeout(resolve, 3000))])
    .then(() => import('./sync-status'))
    .then((m) => m.SyncStatus)
    .catch((error: unknown) => {
      syncStatus = undefined;
      throw error;
    }));

function LazySyncStatus() {
  const [Status, setStatus] = useState<{ component: ComponentType } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadSyncStatus().then(
      (component) => live && setStatus({ component }),
      () => undefined,
    );
    return () => void (live = false);
  }, []);
  return Status ? <Status.component /> : null;
}

/** Pages on a phone's bottom bar before the rest go under "more": five cells of at least 72 px fit a 358 px screen. */
const BAR_SLOTS = 4;

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <button type="button" class="secondary outline lang" lang={lang === 'th' ? 'en' : 'th'} onClick={() => setLang(lang === 'th' ? 'en' : 'th')}>
      {t.switchLanguage}
    </button>
  );
}

/**
 * The frame of every signed-in page. On a phone: a one-line header (name, who is signed in, the
 * language switch and sign-out) and the role's pages on a bar at the bottom, within thumb's reach;
 * a role with more pages than the bar holds gets "more", which lists the rest. From 900 px the
 * same menu sits in the header. The active page is marked for eyes and for screen readers.
 */
export function Layout({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const [location] = useLocation();
  const [moreOpen, setMoreOpen] = useState(false);
  // Sign-out deletes actions not yet sent: with any waiting, the official is asked first.
  const [losing, setLosing] = useState<{ waiting: number; answer(signOut: boolean): void } | undefined>(undefined);
  const answer = (out: boolean) => (losing?.answer(out), setLosing(undefined));
  const pages = (Object.keys(PAGE_ROLES) as PageKey[]).filter((page) => mayUse(user.role, page));
  const active = pageOfLocation(location, user.role);
  const overflow = pages.length > BAR_SLOTS + 1;
  const activeIsExtra = overflow && !!active && pages.indexOf(active) >= BAR_SLOTS;
  // Choosing a page closes the "more" list.
  useEffect(() => setMoreOpen(false), [location]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t.skipToContent}
      </a>
      <header class="site">
        <Link href="/" class="brand">
          <strong>{t.appName}</strong>
          <small class="who">
            {user.username} · {t.roles[user.role]}
          </small>
        </Link>
        {/* The connection indicator of the offline work: online or not, waiting actions, last sync. */}
        <div class="header-status">
          <LazySyncStatus />
        </div>
        <nav class={`menu${overflow ? ' has-more' : ''}${moreOpen ? ' more-open' : ''}`} aria-label={t.shell.menu}>
          <ul id="menu-pages">
            {pages.map((page, i) => (
              <li key={page} class={overflow && i >= BAR_SLOTS ? 'extra' : undefined}>
                <Link href={PAGE_PATHS[page]} aria-current={page === active ? 'page' : undefined}>
                  {t.nav[page]}
                </Link>
              </li>
            ))}
          </ul>
          {overflow && (
            <button type="button" class={`more${activeIsExtra ? ' current' : ''}`} aria-expanded={moreOpen} aria-controls="menu-pages" onClick={() => setMoreOpen(!moreOpen)}>
              {t.shell.more}
            </button>
          )}
        </nav>
        <div class="account">
          <LanguageSwitch />
          <button type="button" class="secondary" onClick={() => signOut((waiting) => new Promise((resolve) => setLosing({ waiting, answer: resolve })))}>
            {t.signOut}
          </button>
        </div>
      </header>
      <main id="main" class="container" tabIndex={-1}>
        {children}
      </main>
      {losing && <ConfirmDialog open text={t.offline.confirmSignOut(losing.waiting)} confirmLabel={t.signOut} onConfirm={() => answer(true)} onCancel={() => answer(false)} />}
    </>
  );
}
