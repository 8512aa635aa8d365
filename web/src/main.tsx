import { hydrate, render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Redirect, Route, Router, Switch } from 'wouter-preact';
// Sarabun, the typeface, is web/src/fonts.css: linked by the page, not imported here.
import '@picocss/pico/css/pico.min.css';
import './styles.css';
import './shell.css';
import './dashboard.css';
import { onUnauthorized, prefetch } from './api';
import { takeFirstScreen } from './first-screen';
import { keepsCaseload } from './offline/keeps';
import { currentUser, keepCopy, referenceData, rememberUser, signOutClearing } from './offline/session-cache';
import { Layout } from './components/layout';
import { lazyPage } from './components/lazy';
import { Loading } from './components/ui';
import { firstScreen, SeedContext, type Seed } from './hooks';
import { useHashPath, useHashSearch } from './hash-location';
import { I18nContext, initialLang, MESSAGES, rememberLang, type Lang } from './i18n';
import { LANDING_DATA_PATH } from '../../common/landing';
import { landingDataPath, lastLanding, rememberLanding } from './landing-data';
import { preloadLanding } from './preload';
import { LoginPage } from './pages/login';
import { landingPage, SessionContext, type Session } from './session';
import type { Principal, Reference } from './types';

// Each page is its own file, loaded on first use: the first load carries the shell and one page.
const HouseholdPage = lazyPage(() => import('./pages/household').then((m) => m.HouseholdPage));
const HouseholdForm3Page = lazyPage(() => import('./pages/household-form').then((m) => m.HouseholdForm3Page));
const HouseholdsPage = lazyPage(() => import('./pages/households').then((m) => m.HouseholdsPage));
const ImportsPage = lazyPage(() => import('./pages/imports').then((m) => m.ImportsPage));
const ImportPage = lazyPage(() => import('./pages/imports').then((m) => m.ImportPage));
const InboxPage = lazyPage(() => import('./pages/inbox').then((m) => m.InboxPage));
const DashboardPage = lazyPage(() => import('./pages/dashboard').then((m) => m.DashboardPage));
const MeetingsPage = lazyPage(() => import('./pages/meetings').then((m) => m.MeetingsPage));
const MeetingPage = lazyPage(() => import('./pages/meetings').then((m) => m.MeetingPage));
const ReportsPage = lazyPage(() => import('./pages/reports').then((m) => m.ReportsPage));
const Sjp3Page = lazyPage(() => import('./pages/reports').then((m) => m.Sjp3Page));
const Sjp4Page = lazyPage(() => import('./pages/reports').then((m) => m.Sjp4Page));
const SupervisorPage = lazyPage(() => import('./pages/supervisor').then((m) => m.SupervisorPage));
const TasksPage = lazyPage(() => import('./pages/tasks').then((m) => m.TasksPage));
const TaskPage = lazyPage(() => import('./pages/tasks').then((m) => m.TaskPage));
const UsersPage = lazyPage(() => import('./pages/users').then((m) => m.UsersPage));
const ConflictsPage = lazyPage(() => import('./pages/conflicts').then((m) => m.ConflictsPage));
const NotificationsPage = lazyPage(() => import('./pages/notifications').then((m) => m.NotificationsPage));
const PoliciesPage = lazyPage(() => import('./pages/policies').then((m) => m.PoliciesPage));
const LANDING = { tasks: TasksPage, dashboard: DashboardPage, inbox: InboxPage } as const;

// On a signed-in navigation the server wrote the user, the reference data and the landing page's
// first answer into the page (and that page's HTML: server-render.tsx): the first screen then asks
// the server for nothing.
const embedded = takeFirstScreen();
// The landing page takes its answer from here the first time it renders (hooks.ts).
const seed: Seed | undefined = embedded?.landing && { ...embedded.landing };
// Kept on the phone like the answers they stand for (offline/session-cache.ts).
if (embedded) void keepCopy('reference', embedded.reference);
// Otherwise asked for with the page, beside /auth/me rather than after it: on a slow line each round trip
// before the first screen costs half a second. Without a session it answers 401, and is asked again after sign-in.
let earlyReference: Promise<Reference> | undefined = embedded ? undefined : referenceData();
earlyReference?.catch(() => undefined);
const atLanding = () => ['', '#', '#/'].includes(window.location.hash);
// Opened from the service worker's shell (nothing embedded): the data of the landing page this
// phone's last user opened on starts beside /auth/me. The cookie decides whose data it is; a user
// of another role asks for their own page's once /auth/me answers.
const lastPage = embedded ? undefined : lastLanding();
if (lastPage && atLanding()) prefetch(LANDING_DATA_PATH[lastPage]);

// The service worker keeps the app shell for opening without signal (web/src/sw.ts); its precache
// of every page downloads the whole UI, so it starts once the first screen is up, not during it.
const registerServiceWorker = () => {
  if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
};
void firstScreen.then(registerServiceWorker);

function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(() => ({ lang, t: MESSAGES[lang], setLang: (l: Lang) => (rememberLang(l), setLangState(l)) }), [lang]);
  // undefined: still asking the server whether a session cookie is valid.
  const [user, setUser] = useState<Principal | null | undefined>(embedded?.user);
  const [reference, setReference] = useState<Reference | null>(embedded?.reference ?? null);

  useEffect(() => {
    document.documentElement.lang = lang;
    // A late "no session" answer must not undo a sign-in that came first. The page's own user needs no asking.
    if (!embedded) currentUser().then(setUser, () => setUser((current) => current ?? null));
    return onUnauthorized(() => setUser(null));
  }, []);
  useEffect(() => {
    if (user === null) registerServiceWorker();
    if (user) void rememberUser(user);
    if (user) rememberLanding(landingPage(user.role));
    // The caseload is many requests: after the first screen, never before it.
    // Its code (and the offline store's) is fetched then too: it is not in the app's entry.
    if (user && keepsCaseload(user)) void firstScreen.then(() => (navigator.onLine ? import('./offline/caseload').then((c) => c.refreshCaseload(user)) : 0)).catch(() => undefined);
    if (!user || reference) return;
    // The landing page's code and its data come down alongside the reference data, not after it.
    preloadLanding(landingPage(user.role));
    LANDING[landingPage(user.role)].preload();
    if (atLanding()) prefetch(landingDataPath(user.role));
    // The early answer once (a 401 from before sign-in asks again); any later sign-in asks anew.
    const pending = earlyReference?.catch(() => referenceData()) ?? referenceData();
    earlyReference = undefined;
    pending.then(setReference, () => setUser(null));
  }, [user]);

  const session = useMemo<Session | null>(
    () =>
      user && reference
        ? {
            user,
            reference,
            signOut: (confirmLoss) => void signOutClearing(confirmLoss).then((out) => out && (rememberLanding(undefined), setReference(null), setUser(null))),
          }
        : null,
    [user, reference, lang],
  );

  return (
    <I18nContext.Provider value={i18n}>
      {user === null ? (
        <LoginPage onSignedIn={setUser} />
      ) : !session ? (
        <main class="container">
          <Loading />
        </main>
      ) : (
        <SessionContext.Provider value={session}>
          <SeedContext.Provider value={seed}>
            <Router hook={useHashPath} searchHook={useHashSearch}>
              <Layout>
                <Switch>
                  <Route path="/" component={LANDING[landingPage(session.user.role)]} />
                  <Route path="/inbox" component={InboxPage} />
                  <Route path="/dashboard" component={DashboardPage} />
                  <Route path="/households" component={HouseholdsPage} />
                  <Route path="/households/:id" component={HouseholdPage} />
                  <Route path="/households/:id/form-3" component={HouseholdForm3Page} />
                  <Route path="/tasks" component={TasksPage} />
                  <Route path="/tasks/:id" component={TaskPage} />
                  <Route path="/meetings" component={MeetingsPage} />
                  <Route path="/meetings/:id" component={MeetingPage} />
                  <Route path="/supervisor" component={SupervisorPage} />
                  <Route path="/imports" component={ImportsPage} />
                  <Route path="/imports/:id" component={ImportPage} />
                  <Route path="/reports" component={ReportsPage} />
                  <Route path="/reports/sjp3/:code/:year" component={Sjp3Page} />
                  <Route path="/reports/sjp4/:code/:year" component={Sjp4Page} />
                  <Route path="/users" component={UsersPage} />
                  <Route path="/policies" component={PoliciesPage} />
                  <Route path="/conflicts" component={ConflictsPage} />
                  <Route path="/notifications" component={NotificationsPage} />
                  <Route>
                    <Redirect to="/" />
                  </Route>
                </Switch>
              </Layout>
            </Router>
          </SeedContext.Provider>
        </SessionContext.Provider>
      )}
    </I18nContext.Provider>
  );
}

/**
 * On a signed-in navigation the page arrives with the first screen's HTML already in it
 * (server-render.tsx): the app takes that HTML over (hydrates it) when it would draw the very same,
 * the landing page in Thai, once that page's code is here. Otherwise (a link to another page,
 * English chosen on this phone, the service worker's shell) it draws its own.
 */
const root = document.getElementById('app')!;
const serverDrew = embedded && root.firstElementChild !== null && atLanding() && initialLang() === 'th';
const drawAfresh = () => (root.replaceChildren(), render(<App />, root));
if (serverDrew) LANDING[landingPage(embedded.user.role)].load().then(() => (atLanding() ? hydrate(<App />, root) : drawAfresh()), drawAfresh);
else drawAfresh();
void firstScreen.then(() => performance.mark('kaejon:first-screen'));
