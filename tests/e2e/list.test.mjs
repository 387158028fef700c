// The customer list (issue 7 items 3 and 8) in Debian's Chromium, at 1440×900 and 390×844, in Chinese and
// English: the server's total, page jump, sort, a labelled filter, the mine / my team / all tabs, bulk
// add-tag and transfer-owner (checked through the API), back from a record to the same page and scroll,
// and on a phone cards, the filter sheet and tap-to-call after a reveal — axe-core on every state.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, api, checkA11y, chooseOption, chooseTitled, createCustomer, launchBrowser, startServer } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = process.env.CONSIGN_BINARY ?? path.join(root, 'build/src/app/consign');

let server;
let browser;
let admin;      // GET /auth/me of the admin
let zhao;       // sales, team 华南一组
let qian;       // sales, team 华南一组
let teamId;
const byName = new Map();  // seeded name → customer

const pad = (n) => String(n).padStart(2, '0');
const NAME = (i) => `测试客户${pad(i)}`;

// A user in a team: teams are made by the command line only (consign user add --team).
function addTeamUser(loginName, name) {
  const r = spawnSync(binary, ['user', 'add', '--db', server.db, '--login', loginName, '--name', name, '--role', 'sales',
    '--team', '华南一组', '--password-stdin'], { input: USER_PASSWORD + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  addTeamUser('zhao.sales', '赵磊');
  addTeamUser('qian.sales', '钱芳');
  admin = (await api(server, server.adminToken, 'GET', '/api/v1/auth/me')).user;
  const options = await api(server, server.adminToken, 'GET', '/api/v1/users/options');
  zhao = options.users.find((u) => u.name === '赵磊');
  qian = options.users.find((u) => u.name === '钱芳');
  teamId = options.teams.find((t) => t.name === '华南一组').id;
  // 30 customers: 6 of class A, 9 of B, 15 of C; 1–10 owned by 赵磊 and 11–18 by 钱芳 (their team),
  // 19–30 by the admin (no team).
  for (let i = 1; i <= 30; i++) {
    const owner = i <= 10 ? zhao.id : i <= 18 ? qian.id : admin.id;
    const c = await createCustomer(server, {
      name: NAME(i), industry: 'electronics',
      classification: { value_class: i <= 6 ? 'A' : i <= 15 ? 'B' : 'C' },
      owner_id: owner, team_id: i <= 18 ? teamId : null,
      contacts: [{ name: '陈建国', role: 'decision_maker', phone: `138000000${pad(i)}`, is_primary: true }],
      addresses: [{ kind: 'pickup', province: '广东省', city: i % 3 === 0 ? '深圳市' : '广州市', street: '科技园路 1 号' }],
    });
    byName.set(NAME(i), c);
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const SIZES = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }];
const WORDS = {
  zh: { total: (n) => `共 ${n} 个客户`, valueClass: 'ABC 价值分类', classA: 'A 类', filters1: '筛选（1）', mine: '我的客户', all: '全部客户', team: '我的团队', nameAsc: '名称 A→Z', reason: '回电客户', crumb: '客户' },
  en: { total: (n) => `${n} customers`, valueClass: 'ABC value class', classA: 'Class A', filters1: 'Filters (1)', mine: 'Mine', all: 'All', team: 'My team', nameAsc: 'Name A→Z', reason: 'Call back', crumb: 'Customers' },
};

async function open(lang, size, loginName = 'admin', password = ADMIN_PASSWORD) {
  const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(server.url + '/');
  await page.getByTestId('login-user').fill(loginName);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
  return page;
}

// Waits until the list shows `n` as its total and is no longer loading.
async function waitTotal(page, text) {
  await page.waitForFunction((t) => document.querySelector('[data-testid="list-total"]')?.textContent === t
    && document.querySelector('[data-testid="customer-list"]')?.getAttribute('data-loading') === 'false', text);
}

async function names(page, size) {
  const sel = size.width < 768 ? '[data-testid="customer-row"] [data-testid="card-name"]' : '[data-testid="customer-row"] [data-testid="customer-link"]';
  return page.locator(sel).allInnerTexts();
}

// Page jump: the quick jumper on a desktop, the simple pager's page box on a phone.
async function jumpTo(page, size, n) {
  const input = size.width < 768
    ? page.locator('[data-testid="list-pager"] .ant-pagination-simple-pager input')
    : page.locator('[data-testid="list-pager"] .ant-pagination-options-quick-jumper input');
  await input.fill(String(n));
  await input.press('Enter');
}

const RANGE = (from, to) => Array.from({ length: to - from + 1 }, (_, k) => NAME(from + k));
// Page 2 (10 a page, by name) of the 20 customers in 广州市 (those whose number is not a multiple of 3).
const GUANGZHOU_PAGE_2 = [16, 17, 19, 20, 22, 23, 25, 26, 28, 29].map(NAME);

SIZES.forEach((size, sizeIndex) => {
  ['zh', 'en'].forEach((lang, langIndex) => {
    const w = WORDS[lang];
    const phone = size.width < 768;
    const combo = sizeIndex * 2 + langIndex;  // which pair of 钱芳's accounts this run moves

    describe(`customer list, ${lang}, ${size.name} ${size.width}×${size.height}`, () => {
      test('total, sort, page jump, a labelled filter, the tabs', async () => {
        const page = await open(lang, size);
        await page.goto(server.url + '/customers');
        await waitTotal(page, w.total(30));
        await checkA11y(page, `list (${lang}, ${size.name})`);
        assert.equal(await page.locator('h1').count(), 1);

        // Sort by name: by clicking the column on a desktop (ascending, then descending), by the sheet on a phone.
        if (!phone) {
          await page.locator('.ant-table-thead th', { hasText: lang === 'zh' ? '客户名称' : 'Name' }).first().click();
          await page.waitForURL(/sort=name/);
          await waitTotal(page, w.total(30));
          assert.deepEqual(await names(page, size), RANGE(1, 20));
          await page.locator('.ant-table-thead th', { hasText: lang === 'zh' ? '客户名称' : 'Name' }).first().click();
          await page.waitForURL(/sort=-name/);
          await waitTotal(page, w.total(30));
          assert.equal((await names(page, size))[0], NAME(30));
          await page.locator('.ant-table-thead th', { hasText: lang === 'zh' ? '客户名称' : 'Name' }).first().click();
          await page.waitForURL((u) => !u.search.includes('sort='));
          await page.locator('.ant-table-thead th', { hasText: lang === 'zh' ? '客户名称' : 'Name' }).first().click();
          await page.waitForURL(/sort=name/);
        } else {
          await page.getByTestId('filters-toggle').click();
          await page.getByTestId('filter-sheet').waitFor();
          await checkA11y(page, `filter sheet (${lang}, ${size.name})`);
          await chooseTitled(page, 'filter-sort', w.nameAsc);
          await page.waitForURL(/sort=name/);
          await page.getByTestId('filters-apply').click();
          await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => {});
        }
        await waitTotal(page, w.total(30));
        assert.deepEqual(await names(page, size), RANGE(1, 20));

        // Page jump to page 2: rows 21–30, and the page is in the URL.
        await jumpTo(page, size, 2);
        await page.waitForURL(/page=2/);
        await waitTotal(page, w.total(30));
        assert.deepEqual(await names(page, size), RANGE(21, 30));
        await checkA11y(page, `list page 2 (${lang}, ${size.name})`);

        // A filter with its visible label: ABC value class = A → 6.
        await page.getByTestId('filters-toggle').click();
        const box = page.getByTestId(phone ? 'filter-sheet' : 'filter-panel');
        await box.waitFor();
        await box.getByText(w.valueClass, { exact: true }).waitFor();
        assert.equal(await box.getByText(w.valueClass, { exact: true }).isVisible(), true);
        const labels = await box.locator('.ant-form-item-label label').allInnerTexts();
        assert.equal(new Set(labels).size, labels.length, `no two filters read the same: ${labels.join(' | ')}`);
        assert.ok(labels.length >= 17, labels.join(' | '));
        await chooseTitled(page, 'filter-value_class', w.classA);
        await page.waitForURL((u) => u.search.includes('value_class=A') && !u.search.includes('page='));
        if (phone) {
          await page.getByTestId('filters-toggle').getByText(w.filters1).waitFor({ state: 'attached' });
          await checkA11y(page, `filter sheet with a filter (${lang}, ${size.name})`);
          await page.getByTestId('filters-apply').click();
        } else {
          await checkA11y(page, `filter panel (${lang}, ${size.name})`);
        }
        await waitTotal(page, w.total(6));
        assert.deepEqual(await names(page, size), RANGE(1, 6));
        assert.equal(await page.getByTestId('filters-toggle').innerText(), w.filters1);

        // The tabs: the admin has no team (no "my team"), owns 12; all 30 with the filter cleared.
        await page.goto(server.url + '/customers');
        await waitTotal(page, w.total(30));
        assert.equal(await page.getByTestId('scope-team').count(), 0, 'no "my team" for a user without a team');
        await page.getByTestId('scope-mine').click();
        await page.waitForURL(/scope=mine/);
        await waitTotal(page, w.total(12));
        assert.equal(await page.getByRole('tab', { name: w.mine }).getAttribute('aria-selected'), 'true');
        await page.getByTestId('scope-all').click();
        await waitTotal(page, w.total(30));
        await page.context().close();

        // A salesperson in a team has "my team": the team's 18 accounts.
        const sales = await open(lang, size, 'zhao.sales', USER_PASSWORD);
        await sales.goto(server.url + '/customers');
        await sales.getByTestId('scope-team').click();
        await sales.waitForURL(/scope=team/);
        await waitTotal(sales, w.total(18));
        await checkA11y(sales, `list, team tab (${lang}, ${size.name})`);
        await sales.context().close();
      });

      // The list left at page 2 of a filtered, sorted query and scrolled down; a record opened from its
      // last row; then back by the browser's Back and by the breadcrumb (客户 / Customers, above the h1
      // on a phone): the same query, rows, filter and scroll each time.
      test('back from a record (browser back and breadcrumb) restores page 2, the filter and the scroll', async () => {
        const page = await open(lang, size);
        await page.goto(server.url + `/customers?city=${encodeURIComponent('广州市')}&sort=name&limit=10&page=2`);
        await waitTotal(page, w.total(20));
        assert.deepEqual(await names(page, size), GUANGZHOU_PAGE_2);
        // Scrolled to the bottom, and held there until the layout is still (a late layout moves it).
        const y = await page.evaluate(async () => {
          const still = () => new Promise((r) => setTimeout(r, 300));
          let last = -1;
          for (let n = 0; n < 20 && last !== window.scrollY; n++) {
            last = window.scrollY;
            window.scrollTo(0, document.documentElement.scrollHeight);
            await still();
          }
          return window.scrollY;
        });
        assert.ok(y > 50, `the list scrolls (${y})`);

        const restored = async (how) => {
          await waitTotal(page, w.total(20));
          const url = new URL(page.url());
          assert.equal(url.searchParams.get('page'), '2', `${how}: page 2`);
          assert.equal(url.searchParams.get('city'), '广州市', `${how}: the filter`);
          assert.equal(await page.getByTestId('filters-toggle').innerText(), w.filters1, `${how}: the filter is shown as set`);
          assert.deepEqual(await names(page, size), GUANGZHOU_PAGE_2, `${how}: the rows`);
          await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 5, y).catch(async (e) => {
            const [at, height] = await page.evaluate(() => [window.scrollY, document.documentElement.scrollHeight]);
            throw new Error(`${how}: scrolled to ${at} of ${height}, not ${y}: ${e.message}`);
          });
        };
        const openLastRecord = async () => {
          await page.getByTestId(phone ? 'card-name' : 'customer-link').last().click();
          await page.getByTestId('customer-name').waitFor();
        };

        await openLastRecord();
        await page.goBack();
        await restored('browser back');
        await checkA11y(page, `list back from a record (${lang}, ${size.name})`);

        await openLastRecord();
        const crumb = page.getByTestId('breadcrumb-section');
        assert.equal(await crumb.innerText(), w.crumb);
        await crumb.click();
        await page.waitForURL(/page=2/);
        await restored('breadcrumb');
        await page.context().close();
      });

      if (!phone) {
        test('select two rows: add a tag, transfer the owner; the per-id result; the API agrees', async () => {
          const page = await open(lang, size);
          const pair = [NAME(11 + 2 * combo), NAME(12 + 2 * combo)];
          const tag = `批量${lang}${size.name}`;
          await page.goto(server.url + '/customers?sort=name&limit=50');
          await waitTotal(page, w.total(30));
          for (const name of pair) {
            await page.getByTestId('customer-row').filter({ hasText: name }).locator('.ant-table-selection-column input').check();
          }
          await page.getByTestId('bulk-bar').waitFor();
          await checkA11y(page, `selection (${lang}, ${size.name})`);

          await page.getByTestId('bulk-add-tag').click();
          await page.getByTestId('bulk-tag').fill(tag);
          await checkA11y(page, `bulk tag dialog (${lang}, ${size.name})`);
          await page.getByTestId('bulk-ok').click();
          await page.getByTestId('bulk-result').waitFor();
          assert.match(await page.getByTestId('bulk-succeeded').innerText(), /2/);
          assert.match(await page.getByTestId('bulk-failed').innerText(), /0/);
          await checkA11y(page, `bulk result (${lang}, ${size.name})`);
          await page.getByTestId('bulk-result-close').click();
          for (const name of pair) {
            const c = await api(server, server.adminToken, 'GET', `/api/v1/customers/${byName.get(name).id}`);
            assert.ok(c.tags.includes(tag), `${name} tagged ${tag}: ${c.tags}`);
          }
          // The table shows the tag once it reloaded.
          await page.getByTestId('customer-row').filter({ hasText: pair[0] }).getByText(tag).waitFor();

          for (const name of pair) {
            await page.getByTestId('customer-row').filter({ hasText: name }).locator('.ant-table-selection-column input').check();
          }
          await page.getByTestId('bulk-transfer').click();
          await chooseTitled(page, 'bulk-owner', '赵磊');
          await page.getByTestId('bulk-ok').click();
          await page.getByTestId('bulk-result').waitFor();
          assert.match(await page.getByTestId('bulk-succeeded').innerText(), /2/);
          await page.getByTestId('bulk-result-close').click();
          for (const name of pair) {
            const c = await api(server, server.adminToken, 'GET', `/api/v1/customers/${byName.get(name).id}`);
            assert.equal(c.owner.id, zhao.id, `${name} now owned by 赵磊`);
          }
          await page.context().close();
        });
      } else {
        test('cards; find a customer, tap its phone, give a reason, call it (tel:)', async () => {
          const page = await open(lang, size);
          await page.goto(server.url + '/customers');
          await waitTotal(page, w.total(30));
          const first = page.getByTestId('customer-row').first();
          assert.match(await first.innerText(), /\*+/, 'the phone is masked on the card');
          await page.getByTestId('customer-search').fill(NAME(23));
          await page.getByTestId('customer-search').press('Enter');
          await waitTotal(page, w.total(1));
          const card = page.getByTestId('customer-row').first();
          assert.equal(await card.getByTestId('card-name').innerText(), NAME(23));
          assert.equal(await card.getByTestId('card-code').innerText(), byName.get(NAME(23)).code);
          assert.match(await card.innerText(), /广州市/);
          assert.match(await card.innerText(), lang === 'zh' ? /C 类/ : /Class C/);
          const phoneText = await card.getByTestId('card-phone').innerText();
          assert.match(phoneText, /\*+0023$/);
          assert.doesNotMatch(phoneText, /13800000023/);
          await card.getByTestId('card-phone').click();
          await page.getByTestId('reveal-help').waitFor();
          await checkA11y(page, `reveal dialog from a card (${lang}, ${size.name})`);
          await chooseOption(page, 'reveal-reason', 'reveal-reason-callback');
          await page.getByTestId('reveal-confirm').click();
          const tel = card.getByTestId('card-tel');
          await tel.waitFor();
          assert.equal(await tel.getAttribute('href'), 'tel:13800000023');
          assert.equal(page.url().includes('/customers/'), false, 'the tap did not open the record');
          await checkA11y(page, `card with a call link (${lang}, ${size.name})`);
          await page.context().close();
        });
      }
    });
  });
});
