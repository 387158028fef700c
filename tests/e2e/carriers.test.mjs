// The carrier screens (issue 9 item 5) in Debian's Chromium: a manager creates a carrier in the form
// (广东 and 上海 ticked in the division tree, a cross-province rate in yuan that reaches the API as fen),
// finds it in the list (filtered by the province it covers), and its page shows the coverage map of
// China and today's capacity — after an order from 深圳 to 上海 is allocated to it, 1 of its 40 orders.
// An admin makes an API key (shown once, then only its prefix) and revokes it. The manager suspends the
// carrier: a blank reason is refused in the dialog, a given one shows on the page and in the API. A
// dispatcher reads carriers but has no buttons to change them. axe on the list, the form and the page.
// Expected values are written here by hand; the order and the customer are seeded through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;
let carrierId;
const NAME = '岭南快线';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createUser(server, 'wang.manager', 'manager', { name: '王经理' });
  await createUser(server, 'zhao.dispatch', 'dispatcher', { name: '赵调度' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const getCarrier = (id) => api(server, server.adminToken, 'GET', `/api/v1/carriers/${id}`);
// axe once the toasts have settled (a fading message reads as faint text).
async function a11y(page, label) {
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-message-notice')].length === 0, null, { timeout: 10000 }).catch(() => undefined);
  await checkA11y(page, label);
}

// Ticks a province in the coverage tree, found by typing its name.
async function tickProvince(page, name) {
  await page.locator('#carrier-coverage').click();
  await page.keyboard.type(name.slice(0, 2));
  const node = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-treenode', { hasText: name }).first();
  await node.locator('.ant-select-tree-checkbox').click();
  await page.keyboard.press('Escape');
}

describe('carriers', () => {
  test('a manager creates a carrier; the list finds it by the province it covers; its page shows the map and capacity', async () => {
    const page = await signIn(browser, server, 'wang.manager', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.getByTestId('nav-carriers').click();
    await page.getByTestId('carrier-list').waitFor();
    assert.equal(await page.getByTestId('page-title').innerText(), '承运商');
    await page.getByTestId('carriers-empty').waitFor();
    await a11y(page, 'carrier list, empty (zh)');

    await page.getByTestId('new-carrier').click();
    await page.getByTestId('carrier-form').waitFor();
    await page.getByTestId('carrier-code-input').fill('lnkx');
    await page.getByTestId('carrier-name-zh').fill(NAME);
    await page.getByTestId('carrier-name-en').fill('Lingnan Express Line');
    await tickProvince(page, '广东省');
    await tickProvince(page, '上海市');
    await page.getByTestId('carrier-capacity-orders').fill('40');
    await page.getByTestId('carrier-capacity-kg').fill('250.5');
    await page.getByTestId('rate-standard-cross_province-first_price').fill('8.5');
    await page.getByTestId('rate-standard-cross_province-step_price').fill('2');
    await page.getByTestId('rate-standard-cross_province-hours').fill('48');
    await page.getByTestId('carrier-on_time').fill('96.5');
    await a11y(page, 'new carrier form (zh)');
    await page.getByTestId('carrier-save').click();

    await page.waitForURL(/\/carriers\/\d+$/);
    carrierId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.getByTestId('carrier-page').waitFor();
    assert.equal(await page.getByTestId('page-title').innerText(), NAME);
    assert.equal(await page.getByTestId('carrier-code').innerText(), 'LNKX');
    assert.equal(await page.getByTestId('carrier-status').innerText(), '合作中');

    // What the form sent, exactly: yuan as fen, kg as grams, percent as basis points.
    const stored = await getCarrier(carrierId);
    assert.deepEqual(stored.coverage.sort(), ['31', '44']);
    assert.equal(stored.daily_capacity_orders, 40);
    assert.equal(stored.daily_capacity_grams, 250500);
    assert.deepEqual(stored.rates, [{ product: 'standard', zone: 'cross_province', first_grams: 1000,
      first_price: { amount_minor: 850, currency: 'CNY' }, step_grams: 1000, step_price: { amount_minor: 200, currency: 'CNY' } }]);
    assert.deepEqual(stored.transit, [{ product: 'standard', zone: 'cross_province', hours: 48 }]);
    assert.equal(stored.declared.on_time_bp, 9650);

    // The coverage map: an ECharts canvas, labelled with what it shows; the provinces written out.
    const map = page.getByTestId('coverage-map');
    await map.locator('canvas').waitFor();
    assert.match(await map.getAttribute('aria-label'), /广东省/);
    assert.match(await page.getByTestId('coverage-text').innerText(), /广东省.*上海市|上海市.*广东省/);
    // Capacity today: nothing yet.
    await page.getByTestId('capacity-gauges').locator('canvas').waitFor();
    assert.equal(await page.getByTestId('capacity-orders').innerText(), '订单 0 / 40 单');
    assert.match(await page.getByTestId('rates-table').innerText(), /跨省[\s\S]*¥8\.50[\s\S]*¥2\.00[\s\S]*48 小时/);
    await a11y(page, 'carrier page (zh)');

    // An order 深圳 → 上海 goes to the only carrier that covers both: 1 of 40 used today.
    const customer = await createCustomer(server, { name: '深圳市海岸电子有限公司', industry: 'electronics' });
    const order = await api(server, server.adminToken, 'POST', '/api/v1/orders', {
      customer_id: customer.id, product: 'standard',
      shipper: { name: '张三', phone: '13812345678', division: '440305', address: '科技园南区 1 栋 101' },
      consignee: { name: '李四', phone: '13987654321', division: '310115', address: '世纪大道 100 号 2001 室' },
      goods: { pieces: 1, weight_grams: 2300, description: '样品' },
    });
    assert.equal(order.carrier_id, carrierId);
    await page.reload();
    // The line appears once the day's load has come (a spinner until then); wait for the count.
    await page.locator('[data-testid="capacity-orders"]', { hasText: '订单 1 / 40 单' }).waitFor();
    assert.equal(await page.getByTestId('capacity-weight').innerText(), '重量 2 kg / 251 kg');

    // The list: found by the province it covers, not by one it does not; today's capacity in its row.
    await page.goto(`${server.url}/carriers?covering=44`);
    const row = page.locator(`[data-testid="carrier-row"][data-code="LNKX"]`);
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(NAME));
    assert.match(await row.getByTestId('carrier-capacity').innerText(), /1\/40/);
    await page.getByTestId('capacity-bars').locator('canvas').waitFor();
    await a11y(page, 'carrier list (zh)');
    await page.goto(`${server.url}/carriers?covering=65`);
    await page.getByTestId('carriers-empty').waitFor();
    await page.goto(`${server.url}/carriers?q=${encodeURIComponent('岭南')}`);
    await row.waitFor();
    await page.context().close();
  });

  test('an admin makes an API key, shown once, and revokes it', async () => {
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/carriers/${carrierId}`);
    await page.getByTestId('api-keys').waitFor();
    await page.getByTestId('key-new').click();
    await page.getByTestId('key-label').fill('扫描系统 生产');
    await page.getByTestId('key-create').click();
    const secret = (await page.getByTestId('key-secret').innerText()).trim();
    assert.match(secret, /^ck_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/);
    await a11y(page, 'new API key (zh)');
    await page.getByTestId('key-done').click();
    const keyRow = page.getByTestId('key-row');
    await keyRow.waitFor();
    const prefix = await keyRow.getAttribute('data-prefix');
    assert.ok(secret.startsWith(prefix), `${secret} starts with ${prefix}`);
    assert.doesNotMatch(await page.getByTestId('api-keys').innerText(), new RegExp(secret.slice(prefix.length + 1)));
    assert.equal(await keyRow.getByTestId('key-state').innerText(), '有效');
    await keyRow.getByTestId('key-revoke').click();
    await page.getByTestId('key-revoke-confirm').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="key-state"]')?.textContent === '已吊销');
    await page.context().close();
  });

  test('a dispatcher reads carriers but cannot change them', async () => {
    const page = await signIn(browser, server, 'zhao.dispatch', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.getByTestId('nav-carriers').click();
    await page.locator('[data-testid="carrier-row"][data-code="LNKX"]').waitFor();
    assert.equal(await page.getByTestId('new-carrier').count(), 0);
    await page.getByTestId('carrier-link').first().click();
    await page.getByTestId('coverage-map').waitFor();
    assert.equal(await page.getByTestId('carrier-suspend').count(), 0);
    assert.equal(await page.getByTestId('carrier-edit').count(), 0);
    assert.equal(await page.getByTestId('api-keys').count(), 0);
    await page.goto(`${server.url}/carriers/new`);
    await page.getByTestId('no-access').waitFor();
    await page.context().close();
  });

  test('the manager suspends the carrier: a reason is required, then shown on the page', async () => {
    const page = await signIn(browser, server, 'wang.manager', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/carriers/${carrierId}`);
    await page.getByTestId('carrier-suspend').click();
    await page.getByTestId('suspend-confirm').click();
    await page.getByTestId('suspend-reason-error').waitFor();
    assert.equal((await getCarrier(carrierId)).status, 'active');
    await page.getByTestId('suspend-reason').fill('连续三天延误，暂停整改');
    await page.getByTestId('suspend-confirm').click();
    await page.getByTestId('suspended-reason').waitFor();
    assert.equal(await page.getByTestId('carrier-status').innerText(), '已暂停');
    assert.match(await page.getByTestId('suspended-reason').innerText(), /连续三天延误，暂停整改/);
    await a11y(page, 'suspended carrier (zh)');
    const stored = await getCarrier(carrierId);
    assert.equal(stored.status, 'suspended');
    assert.equal(stored.suspended_reason, '连续三天延误，暂停整改');

    // The list shows it suspended; the status filter finds it.
    await page.goto(`${server.url}/carriers?status=suspended`);
    const row = page.locator('[data-testid="carrier-row"][data-code="LNKX"]');
    await row.waitFor();
    assert.equal(await row.getByTestId('carrier-status').innerText(), '已暂停');
    await page.context().close();
  });
});
