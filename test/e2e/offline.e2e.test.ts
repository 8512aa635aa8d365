import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../infra/chromium';
import { browserDescribe } from '../helpers/browser';
import { th } from '../../web/src/i18n-th';
import { freshNationalId, houseCodeIn, useApi } from '../helpers/api-harness';
import { signedIn, TEST_PASSWORD } from '../helpers/auth';
import { eventually } from '../helpers/servers';

/**
 * Field work without signal, in Chromium with the network switched off through Playwright: the
 * mentor's caseload is on the phone, actions wait in the outbox across a reload, and come back
 * online they reach the server once, even when the network drops in the middle of a sync.
 * Phichit (66), subdistrict 660101, is this file's own area.
 */
jest.setTimeout(300_000);

const describeInBrowser = browserDescribe('the offline browser test');

const AREA = { provinceCode: '66', districtCode: '6601', subdistrictCode: '660101' };
const STEP = { timeout: 45_000 };

describeInBrowser('web UI offline: outbox, reload, sync once', () => {
  const api = useApi();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let mentor: Awaited<ReturnType<typeof signedIn>>;
  const households: Array<{ householdId: string; caseId: string }> = [];

  beforeAll(async () => {
    await api.app().listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app().server.address() as AddressInfo).port}`;
    mentor = await signedIn(api.orm(), 'mentor', AREA);
    const team = await signedIn(api.orm(), 'operationsTeam', AREA);
    for (const headName of ['บุญมี ทองดี', 'สายใจ ทองดี']) {
      const response = await api.app().inject({
        method: 'POST',
        url: '/cases',
        headers: team.headers,
        payload: { household: { houseCode: houseCodeIn('6601'), ...AREA, source: 'tpmap', headName, members: [{ name: headName, nationalId: freshNationalId() }], failedIndicators: ['I3'] } },
      });
      expect(response.statusCode).toBe(201);
      const { caseId } = response.json<{ caseId: string }>();
      const row = await eventually(async () => (await api.orm().em.fork().execute<Array<{ household_id: string }>>('select household_id from household_case where id = ?', [caseId]))[0]);
      households.push({ householdId: row.household_id, caseId });
    }
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const waiting = async () => Number(await page.locator('.sync-status').getAttribute('data-waiting'));
  const storedKeys = (store: string) =>
    page.evaluate(
      (name) =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('kaejon-offline');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(name)) return resolve([]);
            const keys = db.transaction(name).objectStore(name).getAllKeys();
            keys.onsuccess = () => resolve(keys.result.map(String));
          };
        }),
      store,
    );
  const storedRows = async (store: string) => (await storedKeys(store)).length;
  const events = async (caseId: string, type: string) => (await api.orm().em.fork().execute('select 1 from case_event where case_id = ? and type = ?', [caseId, type])).length;

  async function save(action: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
    const details = page.locator('details', { has: page.locator('summary', { hasText: action }) });
    await details.waitFor(STEP);
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    await fill?.(details);
    const before = await waiting();
    await details.getByRole('button', { name: th.save, exact: true }).click();
    await page.locator(`.sync-status[data-waiting="${before + 1}"]`).waitFor(STEP);
  }

  it('records on two households offline, survives a reload, and syncs each action once', async () => {
    await page.goto(`${baseUrl}/#/`);
    await page.getByLabel(th.username).fill(mentor.username);
    await page.getByLabel(th.password).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: th.signIn }).click();
    await page.getByRole('button', { name: th.signOut }).waitFor(STEP);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The caseload is fetched household by household: on a busy machine this takes a while.
    // The area may hold other files' households too: wait for this file's own two.
    await eventually(async () => (await storedKeys('cases')).filter((key) => households.some((h) => h.caseId === key)).length === 2, 60_000);

    await context.setOffline(true);
    const [a, b] = households;
    await page.goto(`${baseUrl}/#/households/${a.householdId}`);
    await page.locator('.sync-status[data-online="no"]').waitFor(STEP);
    await save(th.actions.verifyTarget);
    await save(th.actions.recordAnalysis, async (form) => {
      for (const field of ['attitude', 'skills', 'resources', 'wayOut'] as const) await form.getByLabel(th.form[field]).fill(`${field} จากภาคสนาม`);
    });
    await save(th.actions.recordPlan, async (form) => {
      await form.getByLabel(th.form.action).first().fill('ฝึกอาชีพจักสาน');
      await form.getByLabel(th.form.supportBy).first().fill('พช.');
    });
    await page.goto(`${baseUrl}/#/households/${b.householdId}`);
    await save(th.actions.verifyTarget);
    await save(th.actions.giveRelief, async (form) => {
      await form.getByLabel(th.form.kind).fill('ถุงยังชีพ');
      await form.getByLabel(th.household.description).fill('ข้าวสาร อาหารแห้ง');
    });
    expect(await waiting()).toBe(5);

    // A reload without signal: the service worker opens the app, the outbox is still there.
    await page.reload();
    await page.locator('.sync-status[data-waiting="5"]').waitFor(STEP);
    await page.locator('section.outbox li').first().waitFor(STEP);

    await context.setOffline(false);
    await page.locator('.sync-status[data-waiting="0"]').waitFor(STEP);
    for (const [caseId, type] of [[a.caseId, 'verified'], [a.caseId, 'analysisRecorded'], [a.caseId, 'planRecorded'], [b.caseId, 'verified'], [b.caseId, 'reliefGiven']]) {
      expect({ type, count: await events(caseId, type) }).toEqual({ type, count: 1 });
    }
    const [row] = await api.orm().em.fork().execute<Array<{ stage: string }>>('select stage from household_case where id = ?', [a.caseId]);
    expect(row.stage).toBe('districtAssignment');
  });

  it('resumes a sync the network cut off halfway without applying anything twice', async () => {
    const b = households[1];
    await context.setOffline(true);
    await page.goto(`${baseUrl}/#/households/${b.householdId}`);
    for (const kind of ['ผ้าห่ม', 'ยารักษาโรค', 'น้ำดื่ม']) {
      await save(th.actions.giveRelief, async (form) => {
        await form.getByLabel(th.form.kind).fill(kind);
        await form.getByLabel(th.household.description).fill(kind);
      });
    }
    // The network drops after the server applied two actions but before the phone heard back:
    // the phone still holds them, with the keys they were sent with, and sends them again.
    const queued = await page.evaluate(
      () =>
        new Promise<unknown[]>((resolve) => {
          const open = indexedDB.open('kaejon-offline');
          open.onsuccess = () => {
            const all = open.result.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () => resolve(all.result);
          };
        }),
    );
    expect(queued).toHaveLength(3);
    await context.setOffline(false);
    await page.locator('.sync-status[data-waiting="0"]').waitFor(STEP);
    await context.setOffline(true);
    await page.evaluate(
      (rows) =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('kaejon-offline');
          open.onsuccess = () => {
            const tx = open.result.transaction('outbox', 'readwrite');
            for (const row of rows) tx.objectStore('outbox').put(row);
            tx.oncomplete = () => resolve();
          };
        }),
      queued.slice(0, 2),
    );
    await page.reload();
    await page.locator('.sync-status[data-waiting="2"]').waitFor(STEP);
    await context.setOffline(false);
    await page.locator('.sync-status[data-waiting="0"]').waitFor(STEP);
    expect(await events(b.caseId, 'reliefGiven')).toBe(4);
  });

  it('clears the caseload and the outbox from the phone on sign-out', async () => {
    expect(await storedRows('cases')).toBeGreaterThan(0);
    await page.getByRole('button', { name: th.signOut }).click();
    await page.getByRole('button', { name: th.signIn }).waitFor(STEP);
    expect({ cases: await storedRows('cases'), households: await storedRows('households'), outbox: await storedRows('outbox'), meta: await storedRows('meta') }).toEqual({ cases: 0, households: 0, outbox: 0, meta: 0 });
  });
});
