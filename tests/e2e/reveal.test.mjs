// Reveal-with-reason in Debian's Chromium (issue 6 item 1): a manager opens a customer, sees the
// phone masked although the role may reveal it, clicks "显示", picks a reason, sees the whole phone
// in place, and finds the reveal in the customer's access log (访问记录). A user who reaches the
// reveal limit raises an alert that admins see in the header.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, api, chooseOption, createCustomer, createUser, launchBrowser, login, signIn, startServer } from './harness.mjs';

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

async function logIn(loginName, password) {
  return signIn(browser, server, loginName, password);
}

describe('reveal personal data with a reason', () => {
  test('a masked phone is shown after a reason is given, and the access log lists it', async () => {
    const customer = await createCustomer(server, {
      name: '深圳市顺达电子有限公司', industry: 'electronics',
      contacts: [{ name: '陈建国', role: 'decision_maker', phone: '13812345678', is_primary: true }],
    });
    await createUser(server, 'sun.manager', 'manager');
    const page = await logIn('sun.manager', USER_PASSWORD);
    await page.goto(`${server.url}/customers/${customer.id}`);
    await page.getByTestId('masked-notice').waitFor();
    assert.match(await page.getByTestId('masked-notice').innerText(), /最小必要原则/);

    await page.getByRole('tab', { name: /联系人/ }).click();
    const phone = page.getByTestId('contact-phone');
    await phone.waitFor();
    assert.equal(await phone.innerText(), '*******5678', 'masked for a manager too');

    await page.getByTestId('contact-phone-show').click();
    await page.getByTestId('reveal-help').waitFor();
    // No reason, no value: the form asks for one.
    await page.getByTestId('reveal-confirm').click();
    await page.getByText('请选择原因').waitFor();
    await chooseOption(page, 'reveal-reason', 'reveal-reason-delivery_problem');
    await page.getByTestId('reveal-confirm').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="contact-phone"]')?.textContent === '13812345678');
    assert.equal(await page.getByTestId('contact-phone').getAttribute('data-revealed'), 'true');

    await page.getByTestId('access-log-tab').click();
    const row = page.getByTestId('access-log-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    const text = await row.first().innerText();
    assert.match(text, /sun\.manager/);
    assert.match(text, /联系人电话/);
    assert.match(text, /派送问题/);
    assert.doesNotMatch(text, /13812345678/, 'the log names the value, never shows it');
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/access-log.png`, fullPage: true });
    await page.context().close();
  });

  test('a user who reaches the reveal limit raises an alert that the admin sees', async () => {
    const customer = await createCustomer(server, {
      name: '杭州西湖服饰有限公司', contacts: [{ name: '王芳', phone: '13900001111' }],
    });
    await createUser(server, 'zhou.agent', 'agent');
    const token = await login(server, 'zhou.agent', USER_PASSWORD);
    const body = { field: 'contact.phone', contact_id: customer.contacts[0].id, reason: 'callback' };
    for (let i = 0; i < 30; i++) await api(server, token, 'POST', `/api/v1/customers/${customer.id}/reveal`, body);

    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.getByTestId('notifications-open').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="notifications-badge"]')?.textContent?.includes('1'));
    await page.getByTestId('notifications-open').click();
    await page.getByTestId('alerts-open').click();
    const row = page.getByTestId('alert-row');
    await row.first().waitFor();
    assert.match(await row.first().innerText(), /zhou\.agent 在 10 分钟内查看个人信息 30 次/);
    await page.context().close();

    const manager = await logIn('sun.manager', USER_PASSWORD);
    await manager.getByTestId('notifications-open').click();
    await manager.getByTestId('notifications-empty').waitFor();
    assert.equal(await manager.getByTestId('alerts-open').count(), 0, 'only admins see alerts');
    await manager.context().close();
  });
});
