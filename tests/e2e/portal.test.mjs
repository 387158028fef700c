// The customer portal in Debian's Chromium (issue 6 item 3): a portal user logs in to 我的账户, its own
// account's customer-facing fields, without the staff console's menu, classifications, owner, tags,
// notes or history; another account by URL or by API is "not found".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, createCustomer, createUser, launchBrowser, startServer } from './harness.mjs';

let server;
let browser;
let own;
let other;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const owner = await createUser(server, 'li.owner', 'sales', { name: '李经理' });
  own = await createCustomer(server, {
    name: '成都天府食品有限公司', code: 'TF-001', industry: 'ecommerce', owner_id: owner.id,
    classification: { value_class: 'A', lifecycle_stage: 'decline' },
    tags: ['欠款风险'],
    preferences: { pickup_window: '09:00-11:00', packaging: '冷链保温箱' },
    requirements: { notes: '内部备注：价格敏感', flags: { credit_watch: true } },
    contacts: [{ name: '陈建国', role: 'decision_maker', phone: '13812345678', is_primary: true }],
    addresses: [{ kind: 'pickup', province: '四川省', city: '成都市', district: '武侯区', street: '天府大道100号3栋501室' }],
  });
  other = await createCustomer(server, { name: '重庆山城电子有限公司', industry: 'electronics' });
  await createUser(server, 'tianfu.portal', 'portal', { customer_id: own.id });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(loginName, password, lang = 'zh') {
  const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(server.url + '/');
  await page.getByTestId('login-user').fill(loginName);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

describe('customer portal', () => {
  test('a portal user sees its own account\'s customer-facing fields and no staff menu', async () => {
    const page = await logIn('tianfu.portal', USER_PASSWORD);
    await page.getByTestId('portal-name').waitFor();
    assert.equal(await page.getByTestId('portal-title').innerText(), '我的账户');
    assert.equal(await page.getByTestId('portal-name').innerText(), '成都天府食品有限公司');
    assert.equal(await page.getByTestId('portal-code').innerText(), 'TF-001');
    const text = await page.locator('body').innerText();
    assert.match(text, /09:00-11:00/);                 // its own preferences
    assert.match(text, /成都市/);
    assert.match(text, /代收货款|COD/);                  // a service requirement of the e-commerce template
    assert.equal(await page.getByTestId('portal-contact-phone').first().innerText(), '*******5678');  // masked
    // Nothing of the company's internal work on the account.
    for (const internal of ['价值', '负责人', '李经理', 'li.owner', '标签', '欠款风险', '内部备注', '变更历史', '生命周期', '衰退']) {
      assert.ok(!text.includes(internal), `the portal shows "${internal}"`);
    }
    // No staff navigation: no customer list, import, new, export.
    for (const id of ['nav-customers', 'nav-orders', 'new-customer', 'import-customers', 'export-csv', 'customer-search']) {
      assert.equal(await page.getByTestId(id).count(), 0, id);
    }
    // The staff pages are not there: the list URL lands on 我的账户.
    await page.goto(server.url + '/customers');
    await page.getByTestId('portal-name').waitFor();
    assert.equal(await page.getByTestId('customer-row').count(), 0);
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/portal.png`, fullPage: true });
    await page.context().close();
  });

  test('another account is not found, by URL and by API', async () => {
    const page = await logIn('tianfu.portal', USER_PASSWORD);
    await page.goto(`${server.url}/customers/${other.id}`);
    await page.getByTestId('portal-not-found').waitFor();
    assert.equal(await page.getByText('重庆山城电子有限公司').count(), 0);
    // The same session (cookie) asking the API directly.
    const status = await page.evaluate(async (id) => (await fetch(`/api/v1/customers/${id}`)).status, other.id);
    assert.equal(status, 404);
    const history = await page.evaluate(async (id) => (await fetch(`/api/v1/customers/${id}/history`)).status, own.id);
    assert.equal(history, 403);
    await page.context().close();
  });

  test('in English the portal is "My account"', async () => {
    const page = await logIn('tianfu.portal', USER_PASSWORD);
    await page.getByTestId('portal-name').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByText('My account').first().waitFor();
    const text = await page.locator('body').innerText();
    assert.ok(!/value class|Owner|Tags/i.test(text), 'no internal fields in English either');
    await page.context().close();
  });

  test('staff still see the whole record', async () => {
    const body = await api(server, server.adminToken, 'GET', `/api/v1/customers/${own.id}`);
    assert.equal(body.classification.value_class, 'A');
    assert.equal(body.owner.login, 'li.owner');
  });
});
