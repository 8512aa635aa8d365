import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Redirect, Route, Router, Switch } from 'wouter-preact';
import { useHashLocation } from 'wouter-preact/use-hash-location';
// Sarabun: the typeface of Thai government documents; each subset loads only where its script is used.
import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/600.css';
import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { api, onUnauthorized } from './api';
import { Layout } from './components/layout';
import { Loading } from './components/ui';
import { I18nContext, initialLang, MESSAGES, rememberLang, type Lang } from './i18n';
import { HouseholdPage } from './pages/household';
import { HouseholdsPage } from './pages/households';
import { ImportPage, ImportsPage } from './pages/imports';
import { InboxPage } from './pages/inbox';
import { LoginPage } from './pages/login';
import { MeetingPage, MeetingsPage } from './pages/meetings';
import { NotificationsPage } from './pages/notifications';
import { ReportsPage, Sjp3Page, Sjp4Page } from './pages/reports';
import { SupervisorPage } from './pages/supervisor';
import { TaskPage, TasksPage } from './pages/tasks';
import { UsersPage } from './pages/users';
import { PoliciesPage } from './pages/policies';
import { SessionContext, type Session } from './session';
import type { Principal, Reference } from './types';

function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(() => ({ lang, t: MESSAGES[lang], setLang: (l: Lang) => (rememberLang(l), setLangState(l)) }), [lang]);
  // undefined: still asking the server whether a session cookie is valid.
  const [user, setUser] = useState<Principal | null | undefined>(undefined);
  const [reference, setReference] = useState<Reference | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
    api.get<Principal>('/auth/me').then(setUser, () => setUser(null));
    return onUnauthorized(() => setUser(null));
  }, []);
  useEffect(() => {
    if (user && !reference) api.get<Reference>('/reference').then(setReference, () => setUser(null));
  }, [user]);

  const session = useMemo<Session | null>(
    () =>
      user && reference
        ? {
            user,
            reference,
            signOut: () => void api.post('/auth/logout').finally(() => setUser(null)),
          }
        : null,
    [user, reference],
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
          <Router hook={useHashLocation}>
            <Layout>
              <Switch>
                <Route path="/" component={session.user.role === 'agency' ? TasksPage : InboxPage} />
                <Route path="/households" component={HouseholdsPage} />
                <Route path="/households/:id" component={HouseholdPage} />
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
                <Route path="/notifications" component={NotificationsPage} />
                <Route>
                  <Redirect to="/" />
                </Route>
              </Switch>
            </Layout>
          </Router>
        </SessionContext.Provider>
      )}
    </I18nContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
