import type { Locator, Page } from 'playwright-core';
import { th } from '../../web/src/i18n-th';
import { signInThroughForm, STEP } from './phone';

/**
 * The steps every offline browser test takes on a phone: sign in (the service worker ready, so the
 * app opens without signal), read what the phone keeps in IndexedDB, and save a form while
 * counting the outbox in the header's sync status.
 */
export async function signInOnPhone(page: Page, baseUrl: string, username: string): Promise<void> {
  await signInThroughForm(page, baseUrl, username);
  await serviceWorkerReady(page);
}

/** Waits until the service worker is active: from then on the app opens without signal. */
export const serviceWorkerReady = (page: Page): Promise<void> => page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

/** How many rows a store of the phone's database holds (0 when the store does not exist yet). */
export function storedRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('kaejon-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) return resolve(0);
          const count = db.transaction(name).objectStore(name).count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
    store,
  );
}

/** Whether the phone keeps the row with this key (a case by its ID, a task by its ID). */
export function isStored(page: Page, store: string, key: string): Promise<boolean> {
  return page.evaluate(
    ({ name, id }) =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('kaejon-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) return resolve(false);
          const row = db.transaction(name).objectStore(name).get(id);
          row.onsuccess = () => resolve(row.result !== undefined);
        };
      }),
    { name: store, id: key },
  );
}

export const waiting = async (page: Page): Promise<number> => Number(await page.locator('.sync-status').getAttribute('data-waiting'));

/** Opens the form under `action` (a details summary), fills it, saves, and waits for the outbox to grow by one. */
export async function saveOffline(page: Page, action: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  const details = page.locator('details', { has: page.locator('summary', { hasText: action }) });
  await details.waitFor(STEP);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await fill?.(details);
  const before = await waiting(page);
  await details.getByRole('button', { name: th.save, exact: true }).click();
  await page.locator(`.sync-status[data-waiting="${before + 1}"]`).waitFor(STEP);
}

/** Waits until the header says nothing waits to be sent. */
export const allSent = (page: Page): Promise<void> => page.locator('.sync-status[data-waiting="0"]').waitFor(STEP);
