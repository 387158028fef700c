// The console's frame in Debian's Chromium, at 1440×900 and 390×844, in Chinese and in English: login,
// the menu (a drawer on a phone), the user menu (change password with the server's verdict on the field,
// language, sign out), the no-access page by URL, "/" to search, the skip link — and axe-core on every
// page visited (no serious or critical violation).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, checkA11y, createCustomer, createUser, launchBrowser, startServer } from './harness.mjs';

let server;
let browser;
let customer;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  customer = await createCustomer(server, {
    name: '深圳市顺达电子有限公司', industry: 'electronics',
    contacts: [{ name: '陈建国', role: 'decision_maker', phone: '13812345678', is_primary: true }],
  });
  await createUser(server, 'wu.agent', 'agent', { name: '吴敏' });
  await createUser(server, 'he.sales', 'sales', { name: '何静' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const SIZES = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }];
const WORDS = {
  zh: { customers: '客户列表', noAccess: '无权访问', weak: /容易被猜到|常见密码/, skip: '跳到主要内容' },
  en: { customers: 'Customers', noAccess: 'No access', weak: /easy to guess|common password/i, skip: 'Skip to main content' },
};

// A fresh browser in the language (navigator.language) and size; nothing stored, so the console
// starts in the browser's language.
async function open(lang, size) {
  const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

async function signIn(page, loginName, password) {
  await page.goto(server.url + '/');
  await page.getByTestId('login-user').fill(loginName);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

// Opens the menu entry: on a phone through the drawer.
async function openMenu(page, size, testId) {
  if (size.width < 768) {
    assert.equal(await page.getByTestId(testId).isVisible(), false, 'on a phone the menu is folded away');
    await page.locator('.ant-pro-global-header-collapsed-button').click();
    await page.locator('.ant-drawer-open').waitFor();
  }
  await page.getByTestId(testId).click();
  if (size.width < 768) await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
}

for (const lang of ['zh', 'en']) {
  for (const size of SIZES) {
    describe(`frame, ${lang}, ${size.name} ${size.width}×${size.height}`, () => {
      const w = WORDS[lang];

      test('starts in the browser\'s language; login, skip link, menu, "/" to search, record; no axe violation', async () => {
        const page = await open(lang, size);
        await page.goto(server.url + '/');
        await page.getByTestId('login-submit').waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'zh' ? 'zh-CN' : 'en');
        await checkA11y(page, `login (${lang}, ${size.name})`);
        await signIn(page, 'admin', ADMIN_PASSWORD);
        await page.getByTestId('page-title').waitFor();
        assert.equal(await page.locator('h1').count(), 1, 'one h1 per page');

        // The skip link is the first thing Tab reaches, and it leads into <main>.
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'skip-link');
        assert.equal(await page.getByTestId('skip-link').innerText(), w.skip);
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement?.closest('main') !== null), true, 'focus moved into main');
        assert.equal(await page.locator('header').count() >= 1 && await page.locator('main').count(), 1, 'landmarks');
        assert.ok(await page.locator('nav').count() >= 1, 'a nav landmark');

        await openMenu(page, size, 'nav-customers');
        await page.waitForURL(/\/customers$/);
        await page.getByTestId('customer-row').first().waitFor();
        assert.equal(await page.getByTestId('page-title').innerText(), w.customers);
        await checkA11y(page, `customer list (${lang}, ${size.name})`);

        // "/" focuses the search box, and is typed as usual once inside an input.
        await page.evaluate(() => (document.activeElement instanceof HTMLElement) && document.activeElement.blur());
        await page.keyboard.press('/');
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'customer-search');
        await page.keyboard.type('a/b');
        assert.equal(await page.getByTestId('customer-search').inputValue(), 'a/b');

        await page.goto(`${server.url}/customers/${customer.id}`);
        await page.getByTestId('customer-name').waitFor();
        assert.equal(await page.locator('h1').count(), 1, 'one h1 on the record too');
        await checkA11y(page, `customer record (${lang}, ${size.name})`);
        await page.context().close();
      });

      test('user menu: a weak new password gets the server\'s verdict on its field; language; sign out', async () => {
        const page = await open(lang, size);
        await signIn(page, 'he.sales', USER_PASSWORD);
        await page.getByTestId('user-menu').click();
        await page.getByTestId('user-menu-password').click();
        await page.getByTestId('password-current').fill(USER_PASSWORD);
        await page.getByTestId('password-new').fill('password1234');
        await page.getByTestId('password-submit').click();
        const verdict = page.getByTestId('password-error-new_password');
        await verdict.waitFor();
        assert.match(await verdict.innerText(), w.weak);
        await checkA11y(page, `change password (${lang}, ${size.name})`);
        await page.keyboard.press('Escape');
        await page.locator('.ant-modal').waitFor({ state: 'hidden' });

        // The notifications of a user with none.
        await page.getByTestId('notifications-open').click();
        await page.getByTestId('notifications-empty').waitFor();
        await page.keyboard.press('Escape');

        // Language from the user menu: the page title follows.
        const other = lang === 'zh' ? 'en' : 'zh';
        await page.getByTestId('user-menu').click();
        await page.getByTestId('user-menu-lang').click();
        await page.waitForFunction((l) => document.documentElement.lang === (l === 'zh' ? 'zh-CN' : 'en'), other);
        await page.getByTestId('page-title').waitFor();

        await page.getByTestId('user-menu').click();
        await page.getByTestId('logout').click();
        await page.getByTestId('login-user').waitFor();
        await page.context().close();
      });

      test('a page the role may not use says so, also by URL', async () => {
        const page = await open(lang, size);
        await signIn(page, 'wu.agent', USER_PASSWORD);   // an agent may not create customers
        await page.goto(server.url + '/customers/new');
        await page.getByTestId('no-access').waitFor();
        assert.equal(await page.getByTestId('no-access').innerText(), w.noAccess);
        assert.equal(await page.getByTestId('form-submit').count(), 0, 'no form that would fail at Save');
        await checkA11y(page, `no access (${lang}, ${size.name})`);
        await page.goto(server.url + '/alerts');
        await page.getByTestId('no-access').waitFor();
        await page.context().close();
      });
    });
  }
}
