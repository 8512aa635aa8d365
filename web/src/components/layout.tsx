import type { ComponentChildren } from 'preact';
import { Link } from 'wouter-preact';
import { useI18n } from '../i18n';
import { mayUse, PAGE_ROLES, useSession, type PageKey } from '../session';

const PAGE_PATHS: Record<PageKey, string> = {
  inbox: '/',
  tasks: '/tasks',
  households: '/households',
  meetings: '/meetings',
  supervisor: '/supervisor',
  imports: '/imports',
  reports: '/reports',
  users: '/users',
  policies: '/policies',
  notifications: '/notifications',
};

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <button type="button" class="secondary outline lang" lang={lang === 'th' ? 'en' : 'th'} onClick={() => setLang(lang === 'th' ? 'en' : 'th')}>
      {t.switchLanguage}
    </button>
  );
}

/** The frame of every signed-in page: the role's own menu, the language switch and sign-out. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const pages = (Object.keys(PAGE_ROLES) as PageKey[]).filter((page) => mayUse(user.role, page));
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t.skipToContent}
      </a>
      <header class="container-fluid site">
        <nav aria-label={t.appName}>
          <ul>
            <li>
              <Link href="/" class="brand">
                <strong>{t.appName}</strong>
              </Link>
            </li>
          </ul>
          <ul class="menu">
            {pages.map((page) => (
              <li key={page}>
                <Link href={PAGE_PATHS[page]}>{t.nav[page]}</Link>
              </li>
            ))}
          </ul>
          <ul>
            <li class="who">
              <small>
                {user.username} · {t.roles[user.role]}
              </small>
            </li>
            <li>
              <LanguageSwitch />
            </li>
            <li>
              <button type="button" class="secondary" onClick={signOut}>
                {t.signOut}
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" class="container" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
