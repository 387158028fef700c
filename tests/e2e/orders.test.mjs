// The order screens (issue 9 item 5) in Debian's Chromium. An agent creates an order in the console:
// the customer, shipper and consignee picked in the province → city → district cascaders, the weight
// typed — the live quote prices it (2.3 kg 深圳南山 → 上海浦东 on the published standard card: ¥24.00)
// — and the submit double-clicked makes one order (one Idempotency-Key per submit). The order is
// allocated to the cheaper carrier and its explanation lists both candidates with their scores. A
// dispatcher overrides it with a reason: the page says so, the dispatcher's queue lists it, its history
// records it. A portal user creates an order of its own and cancels it. axe on each screen.
// Carriers are created through the API (the carriers screens are another's); expected values are
// written here by hand.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, checkA11y, chooseOption, chooseTitled, createCustomer, createUser, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;
let customer;
let orderId;

const CUSTOMER = '顺达电子有限公司';
const fen = (amount_minor) => ({ amount_minor, currency: 'CNY' });
// A subcontracted carrier covering Guangdong and Shanghai for standard parcels across provinces (as
// tests/api/orders_api_test.cpp CarrierBody).
const carrier = (code, firstFen) => ({
  code,
  name_zh: `${code}快运`,
  name_en: `${code} Express`,
  kind: 'subcontracted',
  coverage: ['44', '31'],
  products: ['standard'],
  daily_capacity_orders: 100,
  daily_capacity_grams: 1_000_000_000,
  rates: [{ product: 'standard', zone: 'cross_province', first_grams: 1000, first_price: fen(firstFen), step_grams: 1000, step_price: fen(200) }],
  transit: [{ product: 'standard', zone: 'cross_province', hours: 48 }],
  declared: { on_time_bp: 9600, damage_bp: 10, scan_completeness_bp: 9700 },
});

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await api(server, server.adminToken, 'POST', '/api/v1/carriers', carrier('CHEAP', 900));
  await api(server, server.adminToken, 'POST', '/api/v1/carriers', carrier('DEAR', 1400));
  customer = await createCustomer(server, { name: CUSTOMER });
  await createUser(server, 'kefu', 'agent', { name: '王客服' });
  await createUser(server, 'diaodu', 'dispatcher', { name: '赵调度' });
  await createUser(server, 'shunda.portal', 'portal', { name: '顺达下单员', customer_id: customer.id });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const ordersOf = async (customerId) =>
  (await api(server, server.adminToken, 'GET', `/api/v1/orders?customer_id=${customerId}`)).items;
async function a11y(page, label) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, null, { timeout: 10000 }).catch(() => undefined);
  await checkA11y(page, label);
}
const shot = async (page, name) => {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
};

// A district by typing its name, the one inside `city` (鹤岗 has a 南山区 too).
async function pickDistrict(page, testId, name, city) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  await page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item', { hasText: city }).filter({ hasText: name }).first().click();
  await page.keyboard.press('Escape');
}

// Fills the new-order form's parties and goods (the customer is the caller's to pick).
async function fillOrder(page) {
  await page.getByTestId('shipper-name-input').fill('张三');
  await page.getByTestId('shipper-phone-input').fill('13812345678');
  await pickDistrict(page, 'shipper-division', '南山区', '深圳市');
  await page.getByTestId('shipper-address-input').fill('科技园南区 1 栋 101');
  await page.getByTestId('consignee-name-input').fill('李四');
  await page.getByTestId('consignee-phone-input').fill('13987654321');
  await pickDistrict(page, 'consignee-division', '浦东新区', '上海市');
  await page.getByTestId('consignee-address-input').fill('世纪大道 100 号 2001 室');
  await page.getByTestId('goods-weight').fill('2.3');
  await page.getByTestId('goods-description').fill('样品');
}

describe('orders', () => {
  test('an agent creates an order with a live quote; it is allocated and explained', async () => {
    const page = await signIn(browser, server, 'kefu', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('order-list').waitFor();
    await page.getByTestId('orders-empty').waitFor();
    assert.equal(await page.getByTestId('import-orders').count(), 1, 'the import has its place in the toolbar');
    await a11y(page, 'orders list, empty (zh)');

    await page.getByTestId('new-order').click();
    await page.getByTestId('new-order').waitFor();
    await page.getByTestId('order-quote-hint').waitFor();
    await page.locator('#order-customer').focus();
    await page.keyboard.type('顺达');
    await page.locator('.ant-select-item-option', { hasText: CUSTOMER }).waitFor();
    await page.keyboard.press('Enter');
    await fillOrder(page);

    // The quote follows the form: ¥15.00 first kg + 3 × ¥3.00 for 2.5 kg chargeable.
    await page.waitForFunction(() => document.querySelector('[data-testid="order-quote-total"]')?.textContent === '¥24.00');
    assert.ok(await page.getByTestId('order-quote-line').count() >= 1);
    // Heavier (3.5 kg chargeable, the next band: first 3 kg ¥27.00 + 1 kg ¥6.00): the quote changes without a click.
    await page.getByTestId('goods-weight').fill('3.2');
    await page.waitForFunction(() => document.querySelector('[data-testid="order-quote-total"]')?.textContent === '¥33.00');
    await page.getByTestId('goods-weight').fill('2.3');
    await page.waitForFunction(() => document.querySelector('[data-testid="order-quote-total"]')?.textContent === '¥24.00');
    await a11y(page, 'new order with its quote (zh)');
    await shot(page, 'order-new');

    // A double click places one order.
    await page.getByTestId('order-submit').dblclick();
    await page.waitForURL(/\/orders\/\d+$/);
    orderId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.getByTestId('order-page').waitFor();
    const orders = await ordersOf(customer.id);
    assert.equal(orders.length, 1, 'one order for a double click');

    // Allocated to the cheaper carrier, and why: both candidates, each with its scores.
    assert.equal(await page.getByTestId('order-status').innerText(), '已分配');
    assert.equal(await page.getByTestId('order-price').innerText(), '¥24.00');
    assert.match(await page.getByTestId('order-waybill').innerText(), /^CS\d{13}$/);
    assert.equal(await page.getByTestId('consignee-phone').innerText(), '*******4321', 'masked');
    // The agent may reveal the consignee, with a reason.
    await page.getByTestId('consignee-show').click();
    await chooseOption(page, 'reveal-reason', 'reveal-reason-delivery_problem');
    await page.getByTestId('reveal-confirm').click();
    await page.locator('[data-testid="party-consignee"][data-revealed="true"]').waitFor();
    assert.equal(await page.getByTestId('consignee-phone').innerText(), '13987654321');
    assert.equal(await page.getByTestId('shipper-phone').innerText(), '*******5678', 'only the consignee');
    const rows = page.getByTestId('candidate-row');
    assert.equal(await rows.count(), 2);
    assert.equal(await rows.nth(0).getByTestId('candidate-name').innerText(), 'CHEAP快运');
    assert.equal(await rows.nth(0).getByTestId('candidate-chosen').count(), 1);
    assert.equal(await rows.nth(1).getByTestId('candidate-name').innerText(), 'DEAR快运');
    for (const k of ['cost', 'transit', 'on_time', 'damage', 'scan']) {
      assert.match(await rows.nth(1).getByTestId(`candidate-score-${k}`).innerText(), /^\d+(\.\d)?$/, k);
    }
    assert.equal(await rows.nth(0).getByTestId('candidate-score-cost').innerText(), '100');
    assert.notEqual(await page.getByTestId('allocation-summary').innerText(), '');
    // The agent may cancel but not override.
    assert.equal(await page.getByTestId('order-cancel').count(), 1);
    assert.equal(await page.getByTestId('order-override').count(), 0);
    await page.locator('[data-testid="history-row"][data-action="order.create"]').waitFor();
    await a11y(page, 'order page (zh)');
    await shot(page, 'order-page');

    // The list shows it; its filters saved as a view come back from the view menu.
    await page.getByTestId('nav-orders').click();
    await page.locator('[data-testid="order-row"][data-status="allocated"]').waitFor();
    await page.goto(server.url + '/orders?status=allocated');
    await page.locator('[data-testid="order-row"][data-status="allocated"]').waitFor();
    await page.getByTestId('save-view').click();
    await page.getByTestId('view-name').fill('已分配的单');
    await page.getByTestId('save-view-ok').click();
    await page.goto(server.url + '/orders');
    await page.getByTestId('saved-views').click();
    await page.getByTestId('saved-view').filter({ hasText: '已分配的单' }).click();
    await page.waitForURL(/status=allocated/);
    // A status filter that excludes it shows the filtered empty state.
    await page.goto(server.url + '/orders?status=cancelled');
    await page.getByTestId('orders-empty').waitFor();
    assert.equal(await page.getByTestId('empty-clear').count(), 1);
    await page.context().close();
  });

  test('a dispatcher overrides the carrier with a reason', async () => {
    const page = await signIn(browser, server, 'diaodu', USER_PASSWORD, { lang: 'en', contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/orders/${orderId}`);
    await page.getByTestId('order-page').waitFor();
    await page.getByTestId('order-override').click();
    // No reason, no override.
    await chooseTitled(page, 'override-carrier', 'DEAR Express');
    await page.getByTestId('override-confirm').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Say why' }).waitFor();
    await page.getByTestId('override-reason').fill('客户指定承运商');
    await a11y(page, 'override dialog (en)');
    await page.getByTestId('override-confirm').click();
    await page.getByTestId('allocation-override').waitFor();
    assert.match(await page.getByTestId('allocation-override').innerText(), /客户指定承运商/);
    assert.equal(await page.getByTestId('order-overridden').count(), 1);
    await page.locator('[data-testid="history-row"][data-action="order.override"]').waitFor();
    const order = await api(server, server.adminToken, 'GET', `/api/v1/orders/${orderId}`);
    assert.equal(order.allocation.mode, 'override');
    assert.equal(order.override_reason, '客户指定承运商');
    await a11y(page, 'order page, overridden (en)');

    // The queue lists it among the overridden.
    await page.getByTestId('nav-dispatch').click();
    await page.getByTestId('dispatch-queue').waitFor();
    await page.locator(`[data-testid="queue-row"][data-waybill="${order.waybill}"]`).waitFor();
    await a11y(page, 'dispatch queue (en)');
    await shot(page, 'dispatch-queue');
    // Settings: a dispatcher reads them, only an admin changes them.
    assert.equal(await page.getByTestId('nav-allocation-settings').count(), 0);
    await page.goto(`${server.url}/allocation-settings`);
    await page.getByTestId('allocation-settings').waitFor();
    assert.equal(await page.getByTestId('setting-cost_bp').inputValue(), '40');
    assert.equal(await page.getByTestId('settings-save').count(), 0);
    await page.context().close();
  });

  test('a portal user creates an order of its own and cancels it', async () => {
    const page = await signIn(browser, server, 'shunda.portal', USER_PASSWORD, { contextOptions: { viewport: { width: 1280, height: 900 } } });
    await page.getByTestId('nav-my-orders').click();
    await page.getByTestId('order-list').waitFor();
    // Its own account's orders: the one the agent placed for it.
    await page.locator('[data-testid="order-row"]').first().waitFor();
    assert.equal(await page.getByTestId('order-row').count(), 1);
    await page.getByTestId('new-order').click();
    await page.getByTestId('new-order').waitFor();
    assert.equal(await page.getByTestId('order-customer').count(), 0, 'no customer to pick');
    await fillOrder(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="order-quote-total"]')?.textContent === '¥24.00');
    await a11y(page, 'portal new order (zh)');
    await page.getByTestId('order-submit').click();
    await page.waitForURL(/\/orders\/\d+$/);
    await page.getByTestId('order-page').waitFor();
    const id = Number(new URL(page.url()).pathname.split('/')[2]);
    assert.notEqual(id, orderId);
    // Carriers and our costs are internal: no allocation, no history.
    assert.equal(await page.getByTestId('allocation').count(), 0);
    assert.equal(await page.getByTestId('history-row').count(), 0);
    await a11y(page, 'portal order page (zh)');

    await page.getByTestId('order-cancel').click();
    await page.getByTestId('cancel-reason').fill('地址填错了');
    await page.getByTestId('cancel-confirm').click();
    await page.locator('[data-testid="order-status"][data-status="cancelled"]').waitFor();
    assert.equal(await page.getByTestId('order-status').innerText(), '已取消');
    assert.equal(await page.getByTestId('order-cancel').count(), 0, 'a cancelled order is not cancelled again');
    const order = await api(server, server.adminToken, 'GET', `/api/v1/orders/${id}`);
    assert.equal(order.status, 'cancelled');
    assert.equal(order.source, 'portal');
    assert.equal(order.customer_id, customer.id);
    await shot(page, 'portal-order');
    await page.context().close();
  });
});
