// The dashboard (首页) in Debian's Chromium at 1440×900 and 390×844, in Chinese and English: the numbers
// are the server's counts over every account (GET /api/v1/customers/stats), written here from the data
// this test seeds; a click on the A slice, on a bar and on a bucket link opens the list filtered with the
// same count; a bucket no list filter reproduces is not a link and says why; a new installation shows
// an empty state; axe-core finds no serious or critical violation on any page visited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, api, checkA11y, createCustomer, launchBrowser, signIn, startServer } from './harness.mjs';

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

const SIZES = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }];

// Six accounts: A ×3, B ×2, one not classified; electronics ×3, pharma ×2, e-commerce ×1;
// 广东省 ×3, 上海市 ×2, 北京市 ×1; two owned by the admin; all created today, so this month.
async function seed() {
  const me = await api(server, server.adminToken, 'GET', '/api/v1/auth/me');
  const adminId = (me.user ?? me).id;
  const rows = [
    ['深圳顺达电子', 'electronics', 'A', '广东省', '深圳市', adminId],
    ['广州华南电子', 'electronics', 'A', '广东省', '广州市', adminId],
    ['东莞精工电子', 'electronics', 'A', '广东省', '东莞市', null],
    ['上海东方医药', 'pharma', 'B', '上海市', '上海市', null],
    ['上海浦江医药', 'pharma', 'B', '上海市', '上海市', null],
    ['北京京东电商', 'ecommerce', null, '北京市', '北京市', null],
  ];
  for (const [name, industry, valueClass, province, city, owner] of rows) {
    await createCustomer(server, {
      name, industry,
      ...(valueClass ? { classification: { value_class: valueClass } } : {}),
      ...(owner ? { owner_id: owner } : {}),
      addresses: [{ kind: 'pickup', province, city }],
    });
  }
}

// What the seeded data must show, in each language (the bucket links read "label count (share)").
const EXPECT = {
  zh: { a: 'A 类 3（50%）', b: 'B 类 2（33%）', none: '未分类 1（17%）', electronics: '电子 3（50%）', gd: '广东省 3（50%）', why: /未分类的客户无法/ },
  en: { a: 'Class A 3 (50%)', b: 'Class B 2 (33%)', none: 'Not classified 1 (17%)', electronics: 'Electronics 3 (50%)', gd: '广东省 3 (50%)', why: /cannot be listed/ },
};

// Signed in (staff land on the list), then the dashboard.
async function open(lang, size) {
  const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, { lang, timeout: 20000, contextOptions: { viewport: { width: size.width, height: size.height } } });
  await page.goto(server.url + '/');
  return page;
}

async function statValue(page, testId) {
  return (await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText()).trim();
}

// The list after a click-through: its URL carries the filter, and it lists exactly `count` accounts.
async function expectList(page, param, count) {
  await page.waitForURL((u) => u.pathname === '/customers' && u.search.includes(param));
  await page.getByTestId('customer-row').first().waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="customer-row"]').length === n, count);
  assert.equal(await page.getByTestId('customer-row').count(), count);
}

// axe measures colours as they are: wait until antd's fade-in animations (the finite ones) have finished.
async function settled(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

describe('dashboard', () => {
  test('a new installation shows the empty state (zh and en)', async () => {
    for (const lang of ['zh', 'en']) {
      const page = await open(lang, SIZES[0]);
      await page.getByTestId('dashboard-empty').waitFor();
      assert.match(await page.getByTestId('dashboard-empty').innerText(), lang === 'zh' ? /还没有客户/ : /No customers yet/);
      await settled(page);
      await checkA11y(page, `dashboard empty ${lang}`);
      await page.context().close();
    }
    await seed();
  });

  for (const size of SIZES) {
    for (const lang of ['zh', 'en']) {
      test(`${size.name} ${lang}: the server's counts, with shares; slice, bar and link open the filtered list`, async () => {
        const words = EXPECT[lang];
        const page = await open(lang, size);
        await page.getByTestId('stat-total').waitFor();
        assert.equal(await statValue(page, 'stat-total'), '6');
        assert.equal(await statValue(page, 'stat-new'), '6');
        assert.equal(await statValue(page, 'stat-mine'), '2');
        assert.equal(await statValue(page, 'stat-due'), '0');
        assert.equal((await page.getByTestId('bucket-value_class-A').innerText()).trim(), words.a);
        assert.equal((await page.getByTestId('bucket-value_class-B').innerText()).trim(), words.b);
        assert.equal((await page.getByTestId('bucket-industry-electronics').innerText()).trim(), words.electronics);
        assert.equal((await page.getByTestId('bucket-province-广东省').innerText()).trim(), words.gd);
        // The accounts not classified are counted but not a link; the tooltip says why.
        const none = page.getByTestId('bucket-value_class-none');
        assert.equal((await none.innerText()).trim(), words.none);
        assert.equal(await none.evaluate((el) => el.closest('a')), null);
        // Screen readers hear why through aria-describedby (aria-label is not allowed on a plain span).
        const why = await none.getAttribute('aria-describedby');
        assert.match(await page.locator(`[id="${why}"]`).textContent(), words.why);
        // Each chart is an image labelled with its summary.
        assert.match(await page.getByTestId('chart-value-class').getAttribute('aria-label'), new RegExp(words.a.replace(/[()]/g, '\\$&')));
        for (const id of ['chart-value-class', 'chart-industry', 'chart-lifecycle-stage', 'chart-development-stage', 'chart-province', 'chart-kind']) {
          assert.equal(await page.getByTestId(id).getAttribute('role'), 'img', id);
        }
        // On a phone the charts stack: each as wide as the page's content.
        if (size.width < 768) {
          const a = await page.getByTestId('chart-value-class').boundingBox();
          const b = await page.getByTestId('chart-industry').boundingBox();
          assert.ok(b.y >= a.y + a.height, 'stacked');
          assert.ok(a.width >= 240 && a.x >= 0 && a.x + a.width <= size.width, `fits the screen: ${JSON.stringify(a)}`);
        }
        await settled(page);
        await checkA11y(page, `dashboard ${size.name} ${lang}`);

        // The A slice: the largest, from 12 o'clock clockwise to 6 o'clock (50%), so its middle is at
        // 3 o'clock, between the donut's inner (40%) and outer (70%) radius.
        const pie = page.getByTestId('chart-value-class');
        await pie.scrollIntoViewIfNeeded();
        const box = await pie.boundingBox();
        const r = Math.min(box.width, box.height) / 2;
        await page.mouse.click(box.x + box.width / 2 + r * 0.55, box.y + box.height / 2);
        await expectList(page, 'value_class=A', 3);
        await settled(page);
        await checkA11y(page, `list value_class=A ${size.name} ${lang}`);

        // The electronics bar: the first (largest) of the industry chart, from the axis to 3 of at most 4.
        await page.goBack();
        const bars = page.getByTestId('chart-industry');
        await bars.waitFor();
        await bars.scrollIntoViewIfNeeded();
        const bb = await bars.boundingBox();
        await page.mouse.click(bb.x + bb.width / 2, bb.y + 8 + (bb.height - 16) / 6);
        await expectList(page, 'industry=electronics', 3);

        // A bucket link (the keyboard's way): 上海市.
        await page.goBack();
        await page.getByTestId('bucket-province-上海市').click();
        await expectList(page, 'province=', 2);

        // The numbers too: "my accounts" opens the mine tab (2), "new this month" the list bounded by
        // the month's start, its bound shown as a removable tag (all 6 were created today).
        await page.goBack();
        await page.getByTestId('stat-mine').click();
        await expectList(page, 'scope=mine', 2);
        await page.goBack();
        await page.getByTestId('stat-new').click();
        await page.getByTestId('filter-created_from').waitFor();
        await expectList(page, 'created_from=', 6);
        await page.context().close();
      });
    }
  }
});
