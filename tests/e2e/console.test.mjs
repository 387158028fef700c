// The staff console in Debian's Chromium: login, search, create, edit, language switch. The portal's
// view (a portal user's own account, nothing else) is portal.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, createCustomer, createUser, launchBrowser, startServer, signIn } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(loginName, password, lang = 'zh') {
  return signIn(browser, server, loginName, password, { lang });
}

describe('staff console', () => {
  test('a wrong password shows the server\'s message and stays on the login page', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/customers');
    await page.getByTestId('login-user').fill('admin');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    assert.match(page.url(), /\/login$/);
    await page.close();
  });

  test('log in, search a Chinese substring, open the account', async () => {
    await createCustomer(server, {
      name: '深圳市顺达电子有限公司', industry: 'electronics',
      contacts: [{ name: '陈建国', role: 'decision_maker', phone: '13812345678', is_primary: true }],
    });
    await createCustomer(server, { name: '北京蓝天广告有限公司', industry: 'advertising' });
    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.goto(server.url + '/customers');
    await page.getByTestId('customer-search').fill('顺达');
    await page.getByTestId('customer-search').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length === 1);
    const rows = page.getByTestId('customer-row');
    assert.match(await rows.first().innerText(), /深圳市顺达电子有限公司/);
    assert.match(page.url(), /q=%E9%A1%BA%E8%BE%BE/);  // the search is in the URL
    await rows.first().click();
    await page.getByTestId('customer-name').waitFor();
    assert.equal(await page.getByTestId('customer-name').innerText(), '深圳市顺达电子有限公司');
    if (process.env.E2E_SCREENSHOTS) {
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/customer.png`, fullPage: true });
      await page.goto(server.url + '/customers');
      await page.getByTestId('customer-row').first().waitFor();
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/list.png`, fullPage: true });
    }
    await page.context().close();
  });

  test('create a customer with inline validation, then edit it and see the history', async () => {
    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.goto(server.url + '/customers/new');
    await page.getByTestId('form-submit').click();
    await page.getByText('必填').first().waitFor();  // the name is required, before any request

    await page.getByTestId('form-name').fill('杭州西湖服饰有限公司');
    await page.getByTestId('form-contact-name-0').fill('王芳');
    await page.getByTestId('form-contact-phone-0').fill('12345');
    await page.getByTestId('form-contact-phone-0').blur();
    await page.getByText('请输入 11 位手机号或带区号的固定电话').waitFor();
    await page.getByTestId('form-contact-phone-0').fill('139-0000-1111');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('customer-name').waitFor();
    assert.equal(await page.getByTestId('customer-name').innerText(), '杭州西湖服饰有限公司');

    await page.getByTestId('edit-customer').click();
    await page.getByTestId('form-name').fill('杭州西湖服饰集团有限公司');
    await page.getByTestId('form-submit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="customer-name"]')?.textContent === '杭州西湖服饰集团有限公司');
    await page.getByTestId('history-tab').click();
    await page.getByTestId('history-action').first().waitFor();
    const actions = await page.getByTestId('history-action').allInnerTexts();
    assert.ok(actions.includes('创建') && actions.includes('修改'), actions.join(','));
    await page.context().close();
  });

  test('an edit from a stale page is refused with a reload offer, never overwriting', async () => {
    const c = await createCustomer(server, { name: '广州市白云物流有限公司' });
    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}/customers/${c.id}/edit`);
    await page.getByTestId('form-name').waitFor();
    // Someone else saves first.
    await fetch(`${server.url}/api/v1/customers/${c.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json', 'If-Match': '"1"' },
      body: JSON.stringify({ name: '广州白云物流' }),
    });
    await page.getByTestId('form-name').fill('我的修改');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('stale-warning').waitFor();
    await page.context().close();
  });

  test('the language switch turns every label to English and back, and is remembered', async () => {
    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.goto(server.url + '/customers');
    await page.getByTestId('page-title').getByText('客户列表').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByText('Customers', { exact: true }).first().waitFor();
    await page.getByTestId('new-customer').getByText('New customer').waitFor();
    await page.reload();
    await page.getByTestId('new-customer').getByText('New customer').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('new-customer').getByText('新建客户').waitFor();
    await page.context().close();
  });

  test('a manager assigns the owner from the users list; the page shows it', async () => {
    await createUser(server, 'li.sales', 'sales', { name: '李娜' });
    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.goto(server.url + '/customers/new');
    await page.getByTestId('form-name').fill('宁波港城物流有限公司');
    await page.getByTestId('form-contact-name-0').fill('周杰');
    await page.getByTestId('form-owner').click();
    await page.keyboard.type('李娜');  // the picker lists names (GET /users/options), found by typing one
    await page.keyboard.press('Enter');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('customer-name').waitFor();
    assert.match(await page.getByTestId('customer-owner').innerText(), /李娜/);
    await page.context().close();
  });

  test('import a file with a bad row: the report names the line', async () => {
    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.goto(server.url + '/customers/import');
    const csv = '客户名称,联系人,电话\r\n南京金陵医药有限公司,赵敏,13700002222\r\n苏州园林广告,钱伟,123\r\n';
    await page.locator('input[type=file]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('mode-valid').click();
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-report').waitFor();
    assert.equal(await page.getByTestId('import-imported').innerText(), '1');
    const row = await page.getByTestId('import-error-row').first().innerText();
    assert.match(row, /3/);
    assert.match(row, /电话/);  // the field's label in the user's language
    await page.context().close();
  });
});
