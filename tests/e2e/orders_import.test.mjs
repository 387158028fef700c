// Issue 9's proof "a portal user imports a file with a bad row and sees the report", in Debian's
// Chromium, in Chinese and in English: a GBK file as Excel saves it with one good row and one row with
// two errors → all-or-nothing imports nothing and the report lists both errors under the row's number
// with the columns' labels in the user's language → valid rows only creates the good order, which the
// portal user's own order list (the API) then holds. axe-core on the page and the report.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, checkA11y, createCustomer, createUser, launchBrowser, login, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const own = await createCustomer(server, { name: '成都天府食品有限公司', industry: 'food' });
  await createUser(server, 'tianfu.portal', 'portal', { customer_id: own.id });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const HEADER = '寄件人,寄件人电话,寄件省,寄件市,寄件区,寄件地址,收件人,收件人电话,收件省,收件市,收件区,收件地址,重量(kg),客户单号';
const row = (ref, phone = '13987654321', district = '浦东新区') =>
  `张三,13812345678,四川省,成都市,武侯区,天府大道100号,李四,${phone},上海市,上海市,${district},世纪大道100号,2.3,${ref}`;
// Row 3: a phone that is no phone and a district that does not exist.
const gbk = (ref) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'],
  { input: [HEADER, row(`${ref}-1`), row(`${ref}-2`, '12345', '火星区')].join('\r\n') + '\r\n' });

const WORDS = {
  zh: { phone: '收件人电话：不是有效的手机号或固定电话', district: '收件区：没有这个省、市或区', rejected: '没有导入任何订单' },
  en: { phone: 'Consignee phone: Not a valid mobile or landline number', district: 'Consignee district: names no such province, city or district', rejected: 'no order was imported' },
};

async function settled(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

describe('order import in the portal', () => {
  for (const lang of ['zh', 'en']) {
    test(`${lang}: a file with a bad row → the report names the row and its fields; valid rows imports the good one`, async () => {
      const w = WORDS[lang];
      const page = await signIn(browser, server, 'tianfu.portal', USER_PASSWORD, { lang, timeout: 20000 });
      await page.goto(server.url + '/orders/import');
      await page.getByTestId('order-import-run').waitFor();
      assert.equal(await page.getByTestId('order-import-customer').count(), 0, 'a portal user imports for its own account');
      await settled(page);
      await checkA11y(page, `order import ${lang}`);

      // 1. All or nothing (the default): nothing imported, both errors of row 3 listed.
      await page.locator('input[type=file]').setInputFiles({ name: `orders-${lang}.csv`, mimeType: 'text/csv', buffer: gbk(lang) });
      await page.getByTestId('order-import-run').click();
      await page.getByTestId('order-import-report').waitFor();
      assert.equal(await page.getByTestId('order-import-rows').innerText(), '2');
      assert.equal(await page.getByTestId('order-import-created').innerText(), '0');
      assert.equal(await page.getByTestId('order-import-rejected').innerText(), '1');
      assert.match(await page.getByTestId('order-import-note').innerText(), new RegExp(w.rejected));
      const rows = page.getByTestId('order-import-error-row');
      assert.equal(await rows.count(), 1);
      assert.match(await rows.first().innerText(), /^3\b/);
      const problems = await page.getByTestId('order-import-problem').allInnerTexts();
      assert.ok(problems.some((p) => p.startsWith(w.phone)), `the phone's problem in ${lang}: ${problems}`);
      assert.ok(problems.some((p) => p.startsWith(w.district)), `the district's problem in ${lang}: ${problems}`);
      assert.ok(!problems.join(' ').includes('12345'), 'no value of the file in the report');
      await settled(page);
      await checkA11y(page, `order import report ${lang}`);

      // 2. Valid rows only: the good row becomes an order of the portal user's own account.
      await page.getByTestId('order-import-mode-valid').click();
      await page.getByTestId('order-import-run').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="order-import-created"]')?.textContent === '1');
      assert.equal(await page.getByTestId('order-import-rejected').innerText(), '1');
      const token = await login(server, 'tianfu.portal', USER_PASSWORD);
      const mine = await (await fetch(`${server.url}/api/v1/orders?q=${lang}-1`, { headers: { Authorization: `Bearer ${token}` } })).json();
      assert.equal(mine.items.length, 1, 'the good row is an order');
      assert.equal(mine.items[0].source, 'import');
      if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/orders-import-${lang}.png`, fullPage: true });
      await page.context().close();
    });
  }
});
