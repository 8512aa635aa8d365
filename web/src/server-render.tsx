import type { ComponentType } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Router } from 'wouter-preact';
import { landingPage, type LandingPage } from '../../common/landing';
import { Layout } from './components/layout';
import { parseFirstScreen } from './first-screen';
import { landingLocation, noSearch } from './hash-location';
import { SeedContext } from './hooks';
import { I18nContext, MESSAGES } from './i18n';
import { DashboardPage } from './pages/dashboard';
import { InboxPage } from './pages/inbox';
import { TasksPage } from './pages/tasks';
import { SessionContext } from './session';

const PAGES: Record<LandingPage, ComponentType> = { inbox: InboxPage, dashboard: DashboardPage, tasks: TasksPage };

/**
 * The first screen as HTML, rendered by the API into a signed-in navigation's page
 * (api/plugins/web.ts): on a phone line the official reads the landing page with its data one
 * round trip after asking, before the app's code has arrived; the app then takes this HTML over
 * (hydrates it, main.tsx) rather than drawing it again.
 *
 * The same components and the same tree as the app's (main.tsx): the providers, the Layout and
 * the landing page, in Thai (the server cannot know a phone's language switch; in English the app
 * draws its own), at `#/`. Input: the page's embedded JSON, read as the app reads it. Undefined
 * when there is no landing answer to show.
 */
export function renderFirstScreen(json: string): string | undefined {
  const screen = parseFirstScreen(json);
  if (!screen?.landing) return undefined;
  const Page = PAGES[landingPage(screen.user.role)];
  const session = { user: screen.user, reference: screen.reference, signOut: () => undefined };
  return renderToString(
    <I18nContext.Provider value={{ lang: 'th', t: MESSAGES.th, setLang: () => undefined }}>
      <SeedContext.Provider value={{ ...screen.landing }}>
        <SessionContext.Provider value={session}>
          <Router hook={landingLocation} searchHook={noSearch}>
            <Layout>
              <Page />
            </Layout>
          </Router>
        </SessionContext.Provider>
      </SeedContext.Provider>
    </I18nContext.Provider>,
  );
}
