// The customer form (issue 7, item 4): the province → city → district cascader and a date picker, the
// save bar with the server's problems linked to their fields, the leave warning, the draft kept across
// an ended session, and the per-field choice on an edit conflict — at 1440×900 and 390×844, in Chinese
// and English, with axe-core on every state visited. Expected values are written here; the data is
// seeded through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, api, checkA11y, createCustomer, launchBrowser, startServer } from './harness.mjs';

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

const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }];
const TEXT = {
  zh: {
    codeLabel: '客户编码', duplicate: '已存在相同的值', badPhone: '请输入 11 位手机号或带区号的固定电话',
    unsaved: '有未保存的更改',
    mine: '我的修改', theirs: '服务器上的当前值',
  },
  en: {
    codeLabel: 'Code', duplicate: 'Already in use', badPhone: 'An 11-digit mobile number or a landline with its area code',
    unsaved: 'Unsaved changes',
    mine: 'My change', theirs: 'Current on the server',
  },
};

let serial = 0;
const unique = (s) => `${s}${++serial}`;

async function open(lang, size) {
  const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: size });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(server.url + '/');
  await signInHere(page);
  return page;
}

async function signInHere(page) {
  await page.getByTestId('login-user').fill('admin');
  await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

const getCustomer = (id) => api(server, server.adminToken, 'GET', `/api/v1/customers/${id}`);
const reveal = (id, what) => api(server, server.adminToken, 'POST', `/api/v1/customers/${id}/reveal`, { ...what, reason: 'customer_request' });
const idFromUrl = (page) => Number(new URL(page.url()).pathname.split('/')[2]);

async function onCustomerPage(page) {
  await page.waitForURL(/\/customers\/\d+$/);
  await page.getByTestId('customer-name').waitFor();
}

// axe on a still page: a toast (antd message) fading in reads as faint text while it moves.
async function a11y(page, label) {
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-message-notice-wrapper, .ant-message-notice')].every((n) => getComputedStyle(n).opacity === '1'));
  await checkA11y(page, label);
}

// The save bar is on screen without scrolling: its buttons lie inside the viewport.
async function saveBarReachable(page, size) {
  const box = await page.getByTestId('form-submit').boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width,
    `Save inside the ${size.width}×${size.height} viewport: ${JSON.stringify(box)}`);
}

// FORM_ONLY="1440 zh" runs one size and language (while working on it); all four by default.
const ONLY = process.env.FORM_ONLY?.split(' ');
for (const size of SIZES.filter((s) => !ONLY || String(s.width) === ONLY[0])) {
  for (const lang of ['zh', 'en'].filter((l) => !ONLY || l === ONLY[1])) {
    const T = TEXT[lang];
    describe(`customer form at ${size.width}×${size.height}, ${lang}`, () => {
      test('create with the region cascader and a date picker; the saved values are the chosen ones', async () => {
        const page = await open(lang, size);
        await page.goto(server.url + '/customers/new');
        const name = unique('深圳南山科技有限公司');
        await page.getByTestId('form-name').fill(name);
        await page.getByTestId('form-contact-name-0').fill('林涛');
        await page.getByTestId('add-address').click();
        await page.getByTestId('form-address-region-0').click();
        await page.locator('.ant-cascader-menu-item[title="广东省"]').click();
        await page.locator('.ant-cascader-menu-item[title="深圳市"]').click();
        const district = page.locator('.ant-cascader-menu-item[title="南山区"]');
        await district.waitFor();
        if (size.width === 390) {
          // All three columns on the phone's screen.
          await page.waitForTimeout(400);  // the popup's opening motion
          const box = await page.locator('.ant-cascader-dropdown:visible').boundingBox();
          assert.ok(box.x >= 0 && box.x + box.width <= size.width, `cascader inside the phone's width: ${JSON.stringify(box)}`);
        }
        await district.click();
        await page.waitForFunction(() => document.querySelector('[data-testid="form-address-region-0"]')?.textContent.includes('南山区'));
        assert.match(await page.getByTestId('form-address-region-0').innerText(), /广东省 \/ 深圳市 \/ 南山区/);
        await page.getByTestId('form-address-street-0').fill('科技园南区 1 号');
        const birthday = page.getByTestId('form-birthday');
        await birthday.click();
        await page.locator('.ant-picker-dropdown:visible').waitFor();
        await birthday.fill('1985-06-15');
        await birthday.press('Tab');  // (Enter would submit the form, as in any form)
        assert.equal(await birthday.inputValue(), '1985-06-15');
        if (size.width === 390) {
          // One column: the name and the code stacked, at the same left edge.
          const a = await page.getByTestId('form-name').boundingBox();
          const b = await page.getByTestId('form-code').boundingBox();
          assert.ok(Math.abs(a.x - b.x) < 2 && b.y > a.y, `one column: ${JSON.stringify([a, b])}`);
        }
        await page.getByTestId('form-dirty').getByText(T.unsaved).waitFor();
        await saveBarReachable(page, size);
        await a11y(page, `new customer form ${size.width} ${lang}`);
        await page.getByTestId('form-submit').click();
        await onCustomerPage(page);
        const saved = await getCustomer(idFromUrl(page));
        assert.equal(saved.name, name);
        assert.equal(saved.addresses.length, 1);
        assert.deepEqual([saved.addresses[0].province, saved.addresses[0].city, saved.addresses[0].district], ['广东省', '深圳市', '南山区']);
        // Personal data comes masked; the full values through a reveal, as a user would see them.
        assert.equal(saved.preferences.birthday, '****-06-15');
        assert.equal((await reveal(saved.id, { field: 'preferences.birthday' })).value, '1985-06-15');
        assert.equal((await reveal(saved.id, { field: 'address.street', address_id: saved.addresses[0].id })).value, '科技园南区 1 号');
        // The saved address shows in the cascader when the record is edited.
        await page.goto(`${server.url}/customers/${saved.id}/edit`);
        await page.getByTestId('form-address-region-0').getByText('广东省 / 深圳市 / 南山区').waitFor();
        assert.equal(await page.getByTestId('form-birthday').inputValue(), '****-06-15');  // kept masked, sent back unchanged
        await a11y(page, `edit form ${size.width} ${lang}`);
        await page.context().close();
      });

      test('a server error shows in the save bar and on its field, the link goes to it, and messages follow the language', async () => {
        const code = unique('DUP-').replace(/[^A-Z0-9-]/g, '');
        await createCustomer(server, { name: unique('已有编码的客户'), code });
        const page = await open(lang, size);
        await page.goto(server.url + '/customers/new');
        await page.getByTestId('form-name').fill(unique('重复编码客户'));
        await page.getByTestId('form-code').fill(code);
        await page.getByTestId('form-contact-name-0').fill('赵敏');
        // A client check's message first, in this language.
        await page.getByTestId('form-contact-phone-0').fill('12345');
        await page.getByTestId('form-contact-phone-0').blur();
        await page.getByText(T.badPhone).waitFor();
        await page.getByTestId('form-contact-phone-0').fill('13900001111');
        await page.getByTestId('form-contact-phone-0').blur();
        await page.getByTestId('form-submit').click();
        const bar = page.getByTestId('save-bar');
        await bar.getByTestId('form-errors').waitFor();
        const link = bar.getByTestId('form-error-link');
        assert.equal(await link.count(), 1);
        assert.equal(await link.innerText(), `${T.codeLabel}: ${T.duplicate}`);
        const codeItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('form-code') });
        await codeItem.locator('.ant-form-item-explain-error').getByText(T.duplicate).waitFor();
        await saveBarReachable(page, size);
        await a11y(page, `server error ${size.width} ${lang}`);
        // The link puts the cursor in the field.
        await page.getByTestId('form-name').focus();
        await link.click();
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'form-code');
        // Messages on screen switch with the language: the server's problem and a client check's.
        await page.getByTestId('form-contact-phone-0').fill('12345');
        await page.getByTestId('form-contact-phone-0').blur();
        await page.getByText(T.badPhone).waitFor();
        await page.getByTestId('lang-switch').click();
        const other = TEXT[lang === 'zh' ? 'en' : 'zh'];
        await codeItem.locator('.ant-form-item-explain-error').getByText(other.duplicate).waitFor();
        await page.getByText(other.badPhone).waitFor();
        await page.getByText(T.badPhone).waitFor({ state: 'detached' });  // the old language's message is gone
        await bar.getByTestId('form-error-link').getByText(`${other.codeLabel}: ${other.duplicate}`).waitFor();
        await page.getByTestId('lang-switch').click();  // back, for the next tests
        await codeItem.locator('.ant-form-item-explain-error').getByText(T.duplicate).waitFor();
        await page.context().close();
      });

      test('leaving with unsaved changes asks first; after saving it does not', async () => {
        const page = await open(lang, size);
        await page.goto(server.url + '/customers/new');
        await page.getByTestId('form-name').fill(unique('离开提醒客户'));
        await page.getByTestId('form-dirty').getByText(T.unsaved).waitFor();
        // In the app: Cancel asks, "stay" keeps the page and the work.
        await page.getByTestId('form-cancel').click();
        await page.getByTestId('leave-confirm').waitFor();
        await a11y(page, `leave warning ${size.width} ${lang}`);
        await page.getByTestId('leave-stay').click();
        await page.getByTestId('leave-confirm').waitFor({ state: 'hidden' });
        assert.match(page.url(), /\/customers\/new$/);
        assert.match(await page.getByTestId('form-name').inputValue(), /^离开提醒客户/);
        // A reload or a closed tab: the page asks the browser to confirm (beforeunload cancelled).
        const asks = () => page.evaluate(() => {
          const e = new Event('beforeunload', { cancelable: true });
          window.dispatchEvent(e);
          return e.defaultPrevented;
        });
        assert.equal(await asks(), true);
        // Saved: the record opens without a question, and nothing is asked any more.
        await page.getByTestId('form-contact-name-0').fill('钱进');
        await page.getByTestId('form-submit').click();
        await onCustomerPage(page);
        assert.equal(await page.getByTestId('leave-confirm').count(), 0);
        assert.equal(await asks(), false);
        // And "leave" really leaves. (On a phone, Edit is in the record's actions menu.)
        if (size.width === 390) await page.getByTestId('record-actions').click();
        await page.getByTestId('edit-customer').click();
        await page.getByTestId('form-name').fill(unique('改了没存'));
        await page.getByTestId('form-cancel').click();
        await page.getByTestId('leave-go').click();
        await onCustomerPage(page);
        await page.context().close();
      });

      test('a session that ends mid-edit: Save leads to the login, and the draft is back after it', async () => {
        const c = await createCustomer(server, { name: unique('会话过期客户'), contacts: [{ name: '孙丽', role: 'decision_maker', phone: '13700001234', is_primary: true }] });
        const phoneBefore = (await getCustomer(c.id)).contacts[0].phone;
        const page = await open(lang, size);
        await page.goto(`${server.url}/customers/${c.id}/edit`);
        const draftName = unique('会话过期后的新名称');
        await page.getByTestId('form-name').fill(draftName);
        await page.getByTestId('form-packaging').fill('木箱');
        // The session ends elsewhere (its token is the cookie's value).
        const cookie = (await page.context().cookies()).find((k) => k.name === 'consign_session');
        assert.ok(cookie, 'a session cookie');
        await api(server, cookie.value, 'POST', '/api/v1/auth/logout');
        await page.getByTestId('form-submit').click();
        await page.getByTestId('login-user').waitFor();
        await a11y(page, `login after expiry ${size.width} ${lang}`);
        await signInHere(page);
        await page.waitForURL(new RegExp(`/customers/${c.id}/edit$`));
        await page.getByTestId('draft-restored').waitFor();
        assert.equal(await page.getByTestId('form-name').inputValue(), draftName);
        assert.equal(await page.getByTestId('form-packaging').inputValue(), '木箱');
        await page.getByTestId('form-dirty').getByText(T.unsaved).waitFor();
        await a11y(page, `draft restored ${size.width} ${lang}`);
        await page.getByTestId('form-submit').click();
        await onCustomerPage(page);
        const saved = await getCustomer(c.id);
        assert.equal(saved.name, draftName);
        assert.equal(saved.preferences.packaging, '木箱');
        assert.equal(saved.contacts[0].phone, phoneBefore, 'the masked phone sent back keeps the stored number');
        await page.context().close();
      });

      test('an edit conflict shows both versions per field; the choices are saved against the new version', async () => {
        const c = await createCustomer(server, {
          name: unique('冲突客户'), preferences: { packaging: '纸箱', handling: '轻放', pickup_window: '09:00-11:00' },
        });
        const page = await open(lang, size);
        await page.goto(`${server.url}/customers/${c.id}/edit`);
        await page.getByTestId('form-name').fill('我改的名称');
        await page.getByTestId('form-packaging').fill('我改的包装');
        await page.getByTestId('form-pickup-window').fill('14:00-16:00');
        // Someone else saves first: the name, the packaging and the handling.
        const r = await fetch(`${server.url}/api/v1/customers/${c.id}`, {
          method: 'PATCH',
          headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json', 'If-Match': `"${c.version}"` },
          body: JSON.stringify({ name: '他人改的名称', preferences: { packaging: '他人改的包装', handling: '他人改的搬运' } }),
        });
        assert.equal(r.status, 200);
        await page.getByTestId('form-submit').click();
        await page.getByTestId('stale-warning').waitFor();
        const fieldOf = async (path) => ({
          mine: await page.getByTestId(`conflict-mine-${path}`).locator('xpath=ancestor::label[1]').innerText(),
          theirs: await page.getByTestId(`conflict-theirs-${path}`).locator('xpath=ancestor::label[1]').innerText(),
        });
        assert.deepEqual(await fieldOf('name'), { mine: '我改的名称', theirs: '他人改的名称' });
        assert.deepEqual(await fieldOf('preferences.packaging'), { mine: '我改的包装', theirs: '他人改的包装' });
        assert.deepEqual(await fieldOf('preferences.handling'), { mine: '轻放', theirs: '他人改的搬运' });
        assert.deepEqual(await fieldOf('preferences.pickup_window'), { mine: '14:00-16:00', theirs: '09:00-11:00' });
        assert.equal(await page.getByTestId('conflict-row').count(), 4);
        await page.getByTestId('stale-warning').getByRole('columnheader', { name: T.mine }).waitFor();
        await page.getByTestId('stale-warning').getByRole('columnheader', { name: T.theirs }).waitFor();
        // Defaults: mine where I changed it, theirs where only they did.
        assert.equal(await page.getByTestId('conflict-mine-name').isChecked(), true);
        assert.equal(await page.getByTestId('conflict-theirs-preferences.handling').isChecked(), true);
        await a11y(page, `conflict ${size.width} ${lang}`);
        // My name, their packaging, their handling, my pickup window.
        await page.getByTestId('conflict-theirs-preferences.packaging').check();
        await page.getByTestId('conflict-save').click();
        await onCustomerPage(page);
        const saved = await getCustomer(c.id);
        assert.equal(saved.name, '我改的名称');
        assert.equal(saved.preferences.packaging, '他人改的包装');
        assert.equal(saved.preferences.handling, '他人改的搬运');
        assert.equal(saved.preferences.pickup_window, '14:00-16:00');
        assert.equal(saved.version, c.version + 2);
        await page.context().close();
      });
    });
  }
}
