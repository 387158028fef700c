// A carrier's scan code table on its page (issue 10, "a mapping table per carrier turns raw codes into
// ours") in Debian's Chromium. A carrier, its API key and an order 深圳 → 上海 are made through the API.
// A manager opens the 扫描码映射 tab: the default table is in effect and says so. They add the code ZX99
// as 已签收 / 本人签收 (the sub-status list offers only the delivered ones), save, and the table is the
// carrier's own — the default's codes plus ZX99, as the API answers; the carrier's ZX99 scan then marks
// the order delivered. After a reload the tab and the code are still there; a blank code is refused
// before sending. Back to the default after a confirmation. A dispatcher reads the table (in English)
// with nothing to change. axe on the tab.
// The server runs on the real clock: scans are from the last hour (none may be in the server's future).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;
let carrier;
let key;
let order;

const fen = (amount_minor) => ({ amount_minor, currency: 'CNY' });
const carrierBody = (code, name_zh) => ({
  code, name_zh, kind: 'subcontracted', coverage: ['44', '31'],
  products: ['standard'], daily_capacity_orders: 100, daily_capacity_grams: 1_000_000_000,
  rates: [{ product: 'standard', zone: 'cross_province', first_grams: 1000, first_price: fen(900), step_grams: 1000, step_price: fen(200) }],
  transit: [{ product: 'standard', zone: 'cross_province', hours: 48 }],
  declared: { on_time_bp: 9600, damage_bp: 10, scan_completeness_bp: 9700 },
});

// An instant `minutes` ago, written as a carrier in China writes it: RFC 3339 at +08:00.
function chinaTime(minutesAgo) {
  const local = new Date(Date.now() - minutesAgo * 60_000 + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

async function a11y(page, label) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, null, { timeout: 10000 }).catch(() => undefined);
  await checkA11y(page, label);
}

const scanCodes = () => api(server, server.adminToken, 'GET', `/api/v1/carriers/${carrier.id}/scan-codes`);

// Opens the row's select and picks the option with that test id; waits for the list to close.
async function choose(page, row, selectTestId, optionTestId) {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await row.getByTestId(selectTestId).click();
  await open.locator(`[data-testid="${optionTestId}"]`).click();
  await open.waitFor({ state: 'hidden' });
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  carrier = await api(server, server.adminToken, 'POST', '/api/v1/carriers', carrierBody('ZXKY', '中兴快运'));
  key = (await api(server, server.adminToken, 'POST', `/api/v1/carriers/${carrier.id}/api-keys`, { label: 'e2e' })).key;
  const customer = await createCustomer(server, { name: '顺达电子有限公司' });
  order = await api(server, server.adminToken, 'POST', '/api/v1/orders', {
    customer_id: customer.id, product: 'standard',
    shipper: { name: '张三', phone: '13812345678', division: '440305', address: '科技园南区 1 栋 101' },
    consignee: { name: '李四', phone: '13987654321', division: '310115', address: '世纪大道 100 号 2001 室' },
    goods: { pieces: 1, weight_grams: 2300, description: '样品' },
  });
  assert.equal(order.carrier_id, carrier.id);
  await createUser(server, 'wang.manager', 'manager', { name: '王经理' });
  await createUser(server, 'zhao.dispatch', 'dispatcher', { name: '赵调度' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('scan codes', () => {
  test('a manager adds a code to the carrier\'s table, saves it, sees it map a scan, and goes back to the default', async () => {
    const page = await signIn(browser, server, 'wang.manager', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/carriers/${carrier.id}`);
    await page.getByTestId('tab-scan-codes').click();
    await page.waitForURL(/\?tab=scan-codes$/);
    const source = page.getByTestId('scan-codes-source');
    await source.waitFor();
    assert.equal(await source.getAttribute('data-own'), 'false');
    assert.match(await source.innerText(), /使用默认映射/);
    const defaults = (await scanCodes()).default.length;
    assert.equal(await page.getByTestId('scan-code-row').count(), defaults);
    assert.equal(await page.getByTestId('scan-codes-save').isDisabled(), true, 'nothing to save yet');
    await a11y(page, 'scan codes, the default (zh)');

    // A blank new code is refused before anything is sent.
    await page.getByTestId('scan-codes-add').click();
    await page.getByTestId('scan-codes-save').click();
    await page.getByTestId('scan-code-problem').first().waitFor();
    assert.equal(await page.getByTestId('scan-code-problem').first().innerText(), '请填写扫描码');
    assert.equal((await scanCodes()).own, false);

    // ZX99: delivered, signed by the addressee. The sub-statuses offered are the delivered ones.
    const fresh = page.getByTestId('scan-code-row').first();
    await fresh.getByTestId('scan-code-input').fill('ZX99');
    const row = page.locator('[data-testid="scan-code-row"][data-code="ZX99"]');
    await choose(page, row, 'scan-code-status', 'status-option-delivered');
    assert.match(await row.getByTestId('scan-code-status').innerText(), /已签收/);
    await row.getByTestId('scan-code-substatus').click();
    const offered = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid^="substatus-option-"]');
    await offered.first().waitFor();
    const ids = await offered.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
    assert.deepEqual(ids.sort(), ['substatus-option-delivered.after_exception', 'substatus-option-delivered.locker',
      'substatus-option-delivered.signed_by_addressee', 'substatus-option-delivered.signed_by_other', 'substatus-option-none']);
    await page.keyboard.press('Escape');
    await choose(page, row, 'scan-code-substatus', 'substatus-option-delivered.signed_by_addressee');
    await page.getByTestId('scan-codes-save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="scan-codes-source"]')?.getAttribute('data-own') === 'true');
    assert.match(await source.innerText(), new RegExp(`本承运商自有映射（${defaults + 1} 个扫描码）`));

    // What the API holds: the default's codes, and ZX99 as chosen.
    const saved = await scanCodes();
    assert.equal(saved.own, true);
    assert.equal(saved.rules.length, defaults + 1);
    assert.deepEqual(saved.rules.find((r) => r.raw_code === 'ZX99'),
      { raw_code: 'ZX99', status: 'delivered', substatus: 'delivered.signed_by_addressee', party: 'none', claim: false });

    // The carrier's ZX99 now delivers the order.
    const pushed = await fetch(server.url + '/api/v1/scans', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Carrier-Key': key },
      body: JSON.stringify([
        { waybill: order.waybill, event_id: 'z1', code: '103', time: chinaTime(60), place: '深圳南山营业部' },
        { waybill: order.waybill, event_id: 'z2', code: 'ZX99', time: chinaTime(10), place: '世纪大道 100 号', signer: '李四' },
      ]),
    });
    const report = await pushed.json();
    assert.equal(pushed.status, 200);
    assert.deepEqual(report.rejected, []);
    const tracking = await api(server, server.adminToken, 'GET', `/api/v1/orders/${order.id}/tracking`);
    assert.equal(tracking.status, 'delivered');

    // A reload keeps the tab, and the code is there.
    await page.reload();
    await page.locator('[data-testid="scan-code-row"][data-code="ZX99"]').waitFor();
    assert.equal(await page.getByTestId('scan-codes-source').getAttribute('data-own'), 'true');
    await a11y(page, 'scan codes, the carrier\'s own (zh)');

    // Back to the default, after a confirmation.
    await page.getByTestId('scan-codes-reset').click();
    await page.getByTestId('scan-codes-reset-confirm').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="scan-codes-source"]')?.getAttribute('data-own') === 'false');
    assert.equal(await page.locator('[data-testid="scan-code-row"][data-code="ZX99"]').count(), 0);
    assert.equal((await scanCodes()).own, false);
    await page.context().close();
  });

  test('a dispatcher reads the table, in English, with nothing to change', async () => {
    const page = await signIn(browser, server, 'zhao.dispatch', USER_PASSWORD, { lang: 'en', contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/carriers/${carrier.id}?tab=scan-codes`);
    await page.getByTestId('scan-codes-source').waitFor();
    assert.equal(await page.getByTestId('tab-scan-codes').innerText(), 'Scan codes');
    assert.match(await page.getByTestId('scan-codes-source').innerText(), /The default table/);
    const row = page.locator('[data-testid="scan-code-row"][data-code="DELIVERED"]');
    assert.match(await row.innerText(), /Delivered/);
    assert.equal(await page.getByTestId('scan-codes-save').count(), 0);
    assert.equal(await page.getByTestId('scan-codes-add').count(), 0);
    assert.equal(await page.getByTestId('scan-code-input').count(), 0);
    await a11y(page, 'scan codes, read only (en)');
    await page.context().close();
  });
});
