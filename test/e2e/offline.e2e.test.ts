import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../infra/chromium';
import { browserDescribe } from '../helpers/browser';
import { th } from '../../web/src/i18n-th';
import { serveOnLocalPort, useApi } from '../helpers/api-harness';
import { signedIn } from '../helpers/auth';
import { assigned, atStage, completed, openCase, type FieldCase } from '../helpers/field-cases';
import { allSent, isStored, saveOffline as save, signInOnPhone, storedRows as stored, waiting as waitingOn } from '../helpers/offline-browser';
import { PHONE, STEP } from '../helpers/phone';
import { eventually } from '../helpers/servers';
import type { CaseState } from '../../workflows/household-case/types';

/**
 * Field work without signal, in Chromium with the network switched off through Playwright: the
 * mentor's caseload is on the phone, actions wait in the outbox across a reload, and come back
 * online they reach the server once, even when the network drops in the middle of a sync. A
 * follow-up visit recorded offline keeps the phone's time beside the server's time of receipt.
 * Phichit (66), subdistrict 660101, is this file's own area.
 */
jest.setTimeout(300_000);

const describeInBrowser = browserDescribe('the offline browser test');

const AREA = { provinceCode: '66', districtCode: '6601', subdistrictCode: '660101' };

describeInBrowser('web UI offline: outbox, reload, sync once', () => {
  const api = useApi();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let mentor: Awaited<ReturnType<typeof signedIn>>;
  const households: FieldCase[] = [];
  /** A household whose agency finished its task: the case waits for the follow-up visit. */
  let visited: FieldCase;

  beforeAll(async () => {
    baseUrl = await serveOnLocalPort(api.app());
    mentor = await signedIn(api.orm(), 'mentor', AREA);
    const team = await signedIn(api.orm(), 'operationsTeam', AREA);
    for (const headName of ['บุญมี ทองดี', 'สายใจ ทองดี']) households.push(await openCase(api, team, AREA, headName));
    visited = await openCase(api, team, AREA, 'ประยูร ทองดี');
    const district = await signedIn(api.orm(), 'district', { provinceCode: '66', districtCode: '6601' });
    const agency = await signedIn(api.orm(), 'agency', { provinceCode: '66', agencyCode: 'CDD' });
    await completed(api, agency, await assigned(api, { mentor, district }, visited.caseId, 'CDD'));
    await atStage(api, visited.caseId, 'followUp');
    browser = await launchChromium();
    context = await browser.newContext(PHONE);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const waiting = () => waitingOn(page);
  const storedRows = (store: string) => stored(page, store);
  const events = async (caseId: string, type: string) => (await api.orm().em.fork().execute('select 1 from case_event where case_id = ? and type = ?', [caseId, type])).length;

  it('records on three households offline (one a follow-up visit), survives a reload, and syncs each action once', async () => {
    await signInOnPhone(page, baseUrl, mentor.username);
    // The caseload is fetched household by household: on a busy machine this takes a while.
    // The area may hold other files' households too: wait for this file's own three, not any three.
    await eventually(async () => (await Promise.all([...households, visited].map((h) => isStored(page, 'cases', h.caseId)))).every(Boolean), 60_000);

    await context.setOffline(true);
    const [a, b] = households;
    await page.goto(`${baseUrl}/#/households/${a.householdId}`);
    await page.locator('.sync-status[data-online="no"]').waitFor(STEP);
    await save(page, th.actions.verifyTarget);
    await save(page, th.actions.recordAnalysis, async (form) => {
      for (const field of ['attitude', 'skills', 'resources', 'wayOut'] as const) await form.getByLabel(th.form[field]).fill(`${field} จากภาคสนาม`);
    });
    await save(page, th.actions.recordPlan, async (form) => {
      await form.getByLabel(th.form.action).first().fill('ฝึกอาชีพจักสาน');
      await form.getByLabel(th.form.supportBy).first().fill('พช.');
    });
    await page.goto(`${baseUrl}/#/households/${b.householdId}`);
    await save(page, th.actions.verifyTarget);
    await save(page, th.actions.giveRelief, async (form) => {
      await form.getByLabel(th.form.kind).fill('ถุงยังชีพ');
      await form.getByLabel(th.household.description).fill('ข้าวสาร อาหารแห้ง');
    });
    await page.goto(`${baseUrl}/#/households/${visited.householdId}`);
    await save(page, th.actions.recordFollowUp);
    const visitedAt = Date.now();
    expect(await waiting()).toBe(6);

    // A reload without signal: the service worker opens the app, the outbox is still there.
    await page.reload();
    await page.locator('.sync-status[data-waiting="6"]').waitFor(STEP);
    await page.locator('section.outbox li').first().waitFor(STEP);

    await context.setOffline(false);
    await allSent(page);
    for (const [caseId, type] of [[a.caseId, 'verified'], [a.caseId, 'analysisRecorded'], [a.caseId, 'planRecorded'], [b.caseId, 'verified'], [b.caseId, 'reliefGiven'], [visited.caseId, 'followUpRecorded']]) {
      expect({ type, count: await events(caseId, type) }).toEqual({ type, count: 1 });
    }
    const [row] = await api.orm().em.fork().execute<Array<{ stage: string }>>('select stage from household_case where id = ?', [a.caseId]);
    expect(row.stage).toBe('districtAssignment');
    // The visit keeps the time it was recorded on the phone, and the time the server received it; the page shows both.
    const [followed] = await api.orm().em.fork().execute<Array<{ state: CaseState }>>('select state from household_case where id = ?', [visited.caseId]);
    const visit = followed.state.followUp?.visits.find((v) => v.doneAt !== null);
    expect(visit?.receivedAt && visit.doneAt && visit.doneAt <= visit.receivedAt && Date.parse(visit.doneAt) <= visitedAt).toBe(true);
    await page.goto(`${baseUrl}/#/households/${visited.householdId}`);
    await page.getByText(th.offline.receivedAt).first().waitFor(STEP);
  });

  it('resumes a sync the network cut off halfway without applying anything twice', async () => {
    const b = households[1];
    await context.setOffline(true);
    await page.goto(`${baseUrl}/#/households/${b.householdId}`);
    for (const kind of ['ผ้าห่ม', 'ยารักษาโรค', 'น้ำดื่ม']) {
      await save(page, th.actions.giveRelief, async (form) => {
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
    await allSent(page);
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
    await allSent(page);
    expect(await events(b.caseId, 'reliefGiven')).toBe(4);
  });

  it('asks before a sign-out deletes actions not yet sent, then clears the caseload and the outbox from the phone', async () => {
    expect(await storedRows('cases')).toBeGreaterThan(0);
    await context.setOffline(true);
    await page.goto(`${baseUrl}/#/households/${households[1].householdId}`);
    await save(page, th.actions.giveRelief, async (form) => {
      await form.getByLabel(th.form.kind).fill('ผ้าห่ม');
      await form.getByLabel(th.household.description).fill('ผ้าห่ม');
    });
    expect(await waiting()).toBe(1);
    // The app's own dialog, in Thai, with the count: "cancel" keeps the official signed in and the action waiting.
    await page.locator('header').getByRole('button', { name: th.signOut }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByText(th.offline.confirmSignOut(1)).waitFor(STEP);
    await dialog.getByRole('button', { name: th.cancel }).click();
    await dialog.waitFor({ state: 'detached', ...STEP });
    expect(await waiting()).toBe(1);
    await page.locator('header').getByRole('button', { name: th.signOut }).click();
    await page.locator('dialog[open]').getByRole('button', { name: th.signOut }).click();
    await page.getByRole('button', { name: th.signIn }).waitFor(STEP);
    await context.setOffline(false);
    expect({ cases: await storedRows('cases'), households: await storedRows('households'), outbox: await storedRows('outbox'), meta: await storedRows('meta') }).toEqual({ cases: 0, households: 0, outbox: 0, meta: 0 });
  });
});
