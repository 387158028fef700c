// The customer record page (issue 7 item 4) in Debian's Chromium, at 1440×900 and 390×844, in Chinese
// and English: the breadcrumb (客户 / Customers → the record's name) that returns to the list as it was
// left, the record's name as the h1 and the document's title; the primary phone and e-mail masked on the
// header, revealed with a reason, then a tel:/mailto: link and a copy button (a masked value cannot be
// copied, and the page says so); the history as field-level differences with the person's name
// ("王** 的电话: *******5678 → *******9999"); on a phone the actions in a menu, a call button 44 px high,
// the contacts and addresses as cards (masked, the phone revealed and called from its card), nothing
// wider than the screen; on a desktop they stay tables; axe-core on every page visited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, checkA11y, chooseOption, createCustomer, createUser, launchBrowser, login, signIn, startServer } from './harness.mjs';

let server;
let browser;
let customer;

const NAME = '深圳市顺达电子有限公司';

// PATCH with the If-Match the API asks for (the harness's api() does not send headers).
async function patch(token, id, body) {
  const got = await fetch(`${server.url}/api/v1/customers/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  const etag = got.headers.get('etag');
  const response = await fetch(`${server.url}/api/v1/customers/${id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': etag },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return JSON.parse(text);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createUser(server, 'chen.manager', 'manager', { name: '陈建国' });
  customer = await createCustomer(server, {
    name: NAME, industry: 'electronics', classification: { value_class: 'B' },
    contacts: [{ name: '王小明', role: 'decision_maker', phone: '13812345678', email: 'wang.xm@example.com', is_primary: true }],
    addresses: [{ kind: 'pickup', province: '广东省', city: '深圳市', district: '南山区', street: '科技园1号' }],
  });
  // The manager changes the contact's phone, the value class and the address's city.
  const token = await login(server, 'chen.manager', USER_PASSWORD);
  const contact = customer.contacts[0];
  const address = customer.addresses[0];
  await patch(token, customer.id, {
    contacts: [{ id: contact.id, name: '王小明', role: 'decision_maker', phone: '13800009999', email: 'wang.xm@example.com', is_primary: true }],
    addresses: [{ id: address.id, kind: 'pickup', province: '广东省', city: '广州市', district: '南山区', street: '科技园1号' }],
    classification: { value_class: 'A' },
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const SIZES = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }];
const WORDS = {
  zh: {
    section: '客户',
    title: `${NAME} - Consign 客户系统`,
    copyMasked: '脱敏的信息不能复制：先点“显示”并说明原因',
    copied: '已复制',
    actor: '陈建国（chen.manager）',
    action: '修改',
    phone: /^王\*\* 的电话:\s*\*{7}5678\s*→\s*\*{7}9999$/,
    valueClass: /^ABC 价值分类:\s*B 类\s*→\s*A 类$/,
    city: /^广东省广州市南山区 的城市:\s*深圳市\s*→\s*广州市$/,
    contactsTab: '联系人 (1)',
    addressesTab: '地址 (1)',
    role: '决策者',
    pickup: '取件地址',
  },
  en: {
    section: 'Customers',
    title: `${NAME} - Consign`,
    copyMasked: 'A masked value cannot be copied: click “Show” and give a reason first',
    copied: 'Copied',
    actor: '陈建国 (chen.manager)',
    action: 'Changed',
    phone: /^Phone of 王\*\*:\s*\*{7}5678\s*→\s*\*{7}9999$/,
    valueClass: /^ABC value class:\s*Class B\s*→\s*Class A$/,
    city: /^City of 广东省广州市南山区:\s*深圳市\s*→\s*广州市$/,
    contactsTab: 'Contacts (1)',
    addressesTab: 'Addresses (1)',
    role: 'Decision maker',
    pickup: 'Pickup',
  },
};

// Reveals one value of the header with a reason, as the reveal dialog asks.
async function reveal(page, testId) {
  await page.getByTestId(`${testId}-show`).click();
  await chooseOption(page, 'reveal-reason', 'reveal-reason-callback');
  await page.getByTestId('reveal-confirm').click();
  await page.locator(`[data-testid="${testId}"][data-revealed="true"]`).waitFor();
}

for (const lang of ['zh', 'en']) {
  for (const size of SIZES) {
    describe(`record page, ${lang}, ${size.name} ${size.width}×${size.height}`, () => {
      const w = WORDS[lang];
      const phone = size.width < 768;

      test('breadcrumb and title; primary phone and e-mail: reveal, call, copy; field-level history; axe', async () => {
        const page = await signIn(browser, server, 'chen.manager', USER_PASSWORD, {
          lang, contextOptions: { viewport: { width: size.width, height: size.height }, permissions: ['clipboard-read', 'clipboard-write'] },
        });

        // The list with a query, then the record: the breadcrumb's way back keeps the query.
        await page.goto(`${server.url}/customers?q=${encodeURIComponent('顺达')}&value_class=A`);
        await page.getByTestId('page-title').waitFor();
        await page.waitForLoadState('networkidle');
        const listUrl = page.url();
        assert.match(listUrl, /\?.*value_class=A/);
        await checkA11y(page, `customer list (${lang}, ${size.name})`);

        await page.goto(`${server.url}/customers/${customer.id}`);
        await page.getByTestId('customer-name').waitFor();
        await page.waitForFunction((name) => document.querySelector('[data-testid="page-title"]')?.textContent === name, NAME);
        assert.equal(await page.locator('h1').count(), 1, 'one h1');
        assert.equal(await page.title(), w.title);
        const crumbs = page.getByTestId('breadcrumb');
        assert.equal(await crumbs.count(), 1, 'one breadcrumb, on a phone too');
        assert.ok(await crumbs.isVisible(), 'the breadcrumb is visible');
        assert.equal(await page.getByTestId('breadcrumb-section').innerText(), w.section);
        assert.equal(await page.getByTestId('breadcrumb-current').innerText(), NAME);

        // The primary phone and e-mail, masked; a masked value is neither called nor copied.
        assert.equal(await page.getByTestId('primary-phone').innerText(), '*******9999');
        assert.equal(await page.getByTestId('primary-email').innerText(), 'w***@example.com');
        assert.equal(await page.getByTestId('primary-phone-call').getAttribute('href'), null, 'no tel: link while masked');
        assert.equal(await page.getByTestId('primary-phone-copy').getAttribute('data-state'), 'masked');
        await page.getByTestId('primary-phone-copy').click();
        await page.getByText(w.copyMasked).first().waitFor();
        await checkA11y(page, `customer record (${lang}, ${size.name})`);

        // Revealed with a reason: a tel: link and a copy of the whole number.
        await reveal(page, 'primary-phone');
        assert.equal(await page.getByTestId('primary-phone').innerText(), '13800009999');
        assert.equal(await page.getByTestId('primary-phone-call').getAttribute('href'), 'tel:13800009999');
        await page.getByTestId('primary-phone-copy').click();
        await page.locator('[data-testid="primary-phone-copy"][data-state="copied"]').waitFor();
        assert.equal(await page.getByTestId('primary-phone-copy').innerText(), w.copied);
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '13800009999');
        await reveal(page, 'primary-email');
        assert.equal(await page.getByTestId('primary-email-mail').getAttribute('href'), 'mailto:wang.xm@example.com');

        if (phone) {
          // Big enough to tap; the actions in one menu; nothing wider than the screen.
          const box = await page.getByTestId('primary-phone-call').boundingBox();
          assert.ok(box && box.height >= 44 && box.width >= 44, `call button ${box?.width}×${box?.height}`);
          assert.equal(await page.getByTestId('edit-customer').count(), 0, 'edit is in the menu');
          await page.getByTestId('record-actions').click();
          await page.getByTestId('edit-customer').waitFor();
          await checkA11y(page, `record actions menu (${lang}, ${size.name})`);
          await page.keyboard.press('Escape');
          await page.getByTestId('edit-customer').waitFor({ state: 'hidden' });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
        } else {
          assert.ok(await page.getByTestId('edit-customer').isVisible(), 'edit is a button on a desktop');
        }
        await checkA11y(page, `customer record, revealed (${lang}, ${size.name})`);

        // Contacts and addresses: cards on a phone, nothing scrolling sideways; tables on a desktop.
        await page.getByRole('tab', { name: w.contactsTab, exact: true }).click();
        if (phone) {
          const card = page.getByTestId('contact-card');
          await card.first().waitFor();
          assert.equal(await card.count(), 1, 'one card per contact');
          assert.equal(await page.getByTestId('contact-row').count(), 0, 'no table on a phone');
          assert.equal(await card.getByTestId('contact-name').innerText(), '王**');
          assert.equal(await card.getByTestId('contact-role').innerText(), w.role);
          assert.equal(await card.getByTestId('contact-phone').innerText(), '*******9999');
          assert.equal(await card.getByTestId('contact-email').innerText(), 'w***@example.com');
          assert.equal(await card.getByTestId('contact-phone-call').getAttribute('href'), null, 'no tel: link while masked');
          const cardBox = await card.boundingBox();
          assert.ok(cardBox && cardBox.x >= 0 && cardBox.x + cardBox.width <= size.width, `card at ${cardBox?.x}+${cardBox?.width}`);
          const pageOverflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
          assert.ok(pageOverflow <= 0, `the contacts tab is ${pageOverflow} px wider than the screen`);
          await checkA11y(page, `contact cards (${lang}, ${size.name})`);
          // Tap-to-call from the card: revealed with a reason, then a tel: link.
          await reveal(page, 'contact-phone');
          assert.equal(await card.getByTestId('contact-phone').innerText(), '13800009999');
          assert.equal(await card.getByTestId('contact-phone-call').getAttribute('href'), 'tel:13800009999');

          await page.getByRole('tab', { name: w.addressesTab, exact: true }).click();
          const address = page.getByTestId('address-card');
          await address.first().waitFor();
          assert.equal(await address.count(), 1, 'one card per address');
          assert.equal(await page.getByTestId('address-row').count(), 0, 'no table on a phone');
          assert.match(await address.innerText(), new RegExp(w.pickup));
          assert.equal(await address.getByTestId('address-division').innerText(), '广东省 广州市 南山区');
          assert.equal(await address.getByTestId('address-street').innerText(), '科技园****');
          const addressOverflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
          assert.ok(addressOverflow <= 0, `the addresses tab is ${addressOverflow} px wider than the screen`);
          await checkA11y(page, `address cards (${lang}, ${size.name})`);
        } else {
          await page.getByTestId('contact-row').first().waitFor();
          assert.equal(await page.getByTestId('contact-card').count(), 0, 'a table on a desktop');
          assert.equal(await page.getByTestId('contact-row').getByTestId('contact-phone').innerText(), '*******9999');
        }

        // The history: the person's name, and what changed, field by field, masked.
        await page.getByTestId('history-tab').click();
        const row = page.getByTestId('history-row').first();
        await row.waitFor();
        assert.equal(await row.getByTestId('history-actor').innerText(), w.actor);
        assert.equal(await row.getByTestId('history-action').innerText(), w.action);
        const changes = (await row.getByTestId('history-change').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim());
        assert.ok(changes.some((x) => w.phone.test(x)), `phone change in ${JSON.stringify(changes)}`);
        assert.ok(changes.some((x) => w.valueClass.test(x)), `value class change in ${JSON.stringify(changes)}`);
        assert.ok(changes.some((x) => w.city.test(x)), `city change in ${JSON.stringify(changes)}`);
        assert.ok(!changes.some((x) => /[{}"]/.test(x)), 'no JSON');
        assert.ok(!changes.some((x) => x.includes('13800009999') || x.includes('13812345678')), 'masked');
        await checkA11y(page, `customer history (${lang}, ${size.name})`);

        // Back to the list as it was left.
        if (phone) await page.getByTestId('breadcrumb-section').scrollIntoViewIfNeeded();
        await page.getByTestId('breadcrumb-section').click();
        await page.waitForURL(listUrl);
        await page.context().close();
      });
    });
  }
}
