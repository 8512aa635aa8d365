import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../api/services/accounts';
import { templateHeader } from '../../domain/imports/columns';
import { subdistrictsOfDistrict } from '../../db/reference/admin-areas';
import { launchChromium } from '../../infra/chromium';
import { th } from '../../web/src/i18n-th';
import { useApi } from '../helpers/api-harness';
import { TEST_PASSWORD } from '../helpers/auth';
import { seriousA11yViolations, browserDescribe } from '../helpers/browser';

/**
 * The imports page on a phone (390 px), as a subdistrict team uses it: the template and the
 * column guide are there, an Excel workbook with Thai headers goes up as it is, and the page then
 * links to the household it took by name and explains the refused row in Thai.
 * Phitsanulok (65), district 6502, is this file's own area.
 */
jest.setTimeout(240_000);

const describeInBrowser = browserDescribe('the imports-page browser test');
const STEP = { timeout: 60_000 };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describeInBrowser('web UI: the imports page at 390 px', () => {
  const api = useApi();
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const subdistrict = subdistrictsOfDistrict('6502')[0].code;
  const username = `ui-imports-${Date.now().toString(36)}`;

  beforeAll(async () => {
    await api.app().listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app().server.address() as AddressInfo).port}`;
    await createUser(api.orm().em.fork(), { username, displayName: 'ทีมตำบล ทดสอบ', password: TEST_PASSWORD, role: 'operationsTeam', provinceCode: '65', districtCode: '6502', subdistrictCode: subdistrict });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
    await page.goto(`${baseUrl}/#/`);
    await page.getByLabel(th.username).fill(username);
    await page.getByLabel(th.password).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: th.signIn }).click();
    await page.getByRole('button', { name: th.signOut }).waitFor(STEP);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const fitsThePhone = () => page.evaluate(() => document.documentElement.scrollWidth);

  it('offers the templates and the column guide', async () => {
    await page.goto(`${baseUrl}/#/imports`);
    const excel = page.getByRole('link', { name: th.imports.templateXlsx });
    await excel.waitFor(STEP);
    const href = await excel.getAttribute('href');
    expect(href).toBe('/imports/templates/targets?format=xlsx&lang=th');
    // The session's cookie downloads it, as the browser's own download would.
    const download = await page.request.get(`${baseUrl}${href}`);
    expect({ status: download.status(), type: download.headers()['content-type'] }).toEqual({ status: 200, type: XLSX_TYPE });

    await page.locator('summary', { hasText: th.imports.guide }).click();
    const houseCode = page.locator('.column-guide li', { hasText: 'รหัสประจำบ้าน' }).first();
    await expect(houseCode.isVisible()).resolves.toBe(true);
    await expect(houseCode.innerText()).resolves.toMatch(/ตัวเลข 11 หลัก/);
    expect(await fitsThePhone()).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('uploads an .xlsx with Thai headers, then links to the household it took and explains the refused row in Thai', async () => {
    const tag = String(Date.now()).slice(-5);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('ข้อมูล');
    sheet.addRow(templateHeader('targets', 'th'));
    sheet.addRow([`650${tag}001`.slice(0, 11), '65', '6502', subdistrict, '7', '', 'ทองใบ ดีงาม', '', '', 'I3', 'tpmap', '']);
    sheet.addRow([`650${tag}002`.slice(0, 11), '65', '6502', subdistrict, '7', '', 'ผิดพลาด ตัวชี้วัด', '', '', 'Z1', 'tpmap', '']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());

    await page.goto(`${baseUrl}/#/imports`);
    await page.getByLabel(th.imports.file).setInputFiles({ name: 'รายชื่อเป้าหมาย.xlsx', mimeType: XLSX_TYPE, buffer });
    await page.getByRole('button', { name: th.imports.start }).click();
    await page.waitForURL(/#\/imports\/[0-9a-f]{8,}/, STEP);
    await page.locator('.progress', { hasText: th.imports.statuses.completed }).waitFor(STEP);

    // The households the import took come first; the re-targeting report below names them again in its groups.
    const household = page.getByRole('link', { name: /ทองใบ ดีงาม/ }).first();
    await household.waitFor(STEP);
    await expect(household.innerText()).resolves.toMatch(/หมู่ 7/);
    const refused = page.locator('table tr', { hasText: 'Z1' });
    await expect(refused.innerText()).resolves.toMatch(/ตัวชี้วัดที่ไม่ผ่าน[\s\S]*Z1 ไม่ใช่ตัวชี้วัด TPMAP/);
    expect(await fitsThePhone()).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await household.click();
    await page.getByRole('heading', { level: 1, name: 'ทองใบ ดีงาม' }).waitFor(STEP);
  });
});
