// The pipeline screens (商机, issue 8 item 6) in Debian's Chromium: the board's columns in seed 004's
// Chinese names with their counts and Σ revenue / Σ revenue × probability; a card dragged 寻找大客户 →
// 进一步沟通 (allowed: it stays, the server has it); a card dragged 交易 → 维护 (shown there at once,
// refused by the server, back in 交易 with a message saying why); a card moved with the keyboard
// through its "移至…" menu (focus stays on it); an edit whose yuan arrive as exact fen; 输单 with a
// reason and a note; 赢单 at 交易; the list view with its outcome filter, remembered; a phone's 390 px
// (the board scrolls sideways, the page does not); axe-core in Chinese and English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, login, signIn, startServer } from './harness.mjs';

let server;
let browser;
let sales;       // the salesperson 李娜, who owns the account and the opportunities
let token;       // 李娜's API token
let account;
const opp = {};  // name → opportunity as created

const ACCOUNT = '深圳市顺达电子有限公司';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  sales = await createUser(server, 'li.sales', 'sales', { name: '李娜' });
  account = await createCustomer(server, { name: ACCOUNT, industry: 'electronics', owner_id: sales.id });
  token = await login(server, 'li.sales', USER_PASSWORD);
  const create = async (key, body) => {
    opp[key] = await api(server, token, 'POST', '/api/v1/opportunities', { account_id: account.id, ...body });
  };
  // Revenue in fen: ¥12,800.50, ¥3,000.00, ¥5,000.00, ¥800.00, ¥1,000.00.
  await create('trunk', { name: '华南干线', stage: 'prospecting', monthly_volume: 1200, monthly_revenue: { amount_minor: 1280050, currency: 'CNY' } });
  await create('warehouse', { name: '仓配一体', stage: 'deal', monthly_volume: 300, monthly_revenue: { amount_minor: 300000, currency: 'CNY' } });
  await create('cold', { name: '冷链专线', stage: 'first_contact', monthly_revenue: { amount_minor: 500000, currency: 'CNY' } });
  await create('returns', { name: '退货逆向', stage: 'follow_up', monthly_revenue: { amount_minor: 80000, currency: 'CNY' } });
  await create('express', { name: '同城急送', stage: 'deal', monthly_revenue: { amount_minor: 100000, currency: 'CNY' } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const get = (key) => api(server, token, 'GET', `/api/v1/opportunities/${opp[key].id}`);
const card = (page, key) => page.locator(`[data-opportunity-id="${opp[key].id}"]`);
const inColumn = (page, stage, key) => page.getByTestId(`column-${stage}`).locator(`[data-opportunity-id="${opp[key].id}"]`);
// axe once the toasts have gone: a toast fading out is measured mid-way otherwise (a grey of 1.4:1).
async function axe(page, label) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
  await checkA11y(page, label);
}
const text = async (page, testId) => (await page.getByTestId(testId).innerText()).trim();

const STAGE_NAMES = {
  zh: ['寻找大客户', '意向性接触', '进一步沟通', '跟进', '交易', '维护'],
  en: ['Finding key accounts', 'First contact', 'Deeper talks', 'Follow-up', 'Deal', 'Maintenance'],
};

describe('pipeline, zh, desktop 1440×900', () => {
  let page;
  before(async () => {
    page = await signIn(browser, server, 'li.sales', USER_PASSWORD, { timeout: 30000, contextOptions: { viewport: { width: 1440, height: 900 } } });
  });
  after(async () => page?.context().close());

  test('the board: a column per stage in Chinese, cards, totals; axe', async () => {
    await page.getByTestId('nav-pipeline').click();
    await page.waitForURL(/\/opportunities/);
    assert.equal(await text(page, 'page-title'), '商机');
    await page.getByTestId('pipeline-board').waitFor();
    assert.deepEqual(await page.locator('.pipeline-column-title').allInnerTexts(), STAGE_NAMES.zh);

    const trunk = card(page, 'trunk');
    await inColumn(page, 'prospecting', 'trunk').waitFor();
    await trunk.getByTestId('card-account').filter({ hasText: ACCOUNT }).waitFor();  // the name is loaded separately
    assert.equal((await trunk.getByTestId('card-name').innerText()).trim(), '华南干线');
    assert.equal((await trunk.getByTestId('card-owner').innerText()).trim(), '李娜');
    assert.equal((await trunk.getByTestId('card-volume').innerText()).trim(), '1,200 票');
    assert.equal((await trunk.getByTestId('card-revenue').innerText()).trim(), '¥12,800.50');
    assert.equal((await trunk.getByTestId('card-probability').innerText()).trim(), '10%');

    // 交易 holds 仓配一体 (¥3,000.00 at 80%) and 同城急送 (¥1,000.00 at 80%): Σ ¥4,000.00, weighted ¥3,200.00.
    assert.equal(await text(page, 'column-count-deal'), '2 个');
    assert.equal(await text(page, 'column-revenue-deal'), '¥4,000.00');
    assert.equal(await text(page, 'column-weighted-deal'), '¥3,200.00');
    // 寻找大客户: ¥12,800.50 at 10% → ¥1,280.05.
    assert.equal(await text(page, 'column-weighted-prospecting'), '¥1,280.05');
    assert.equal(await text(page, 'column-count-maintenance'), '0 个');
    await page.getByTestId('column-empty-maintenance').waitFor();
    await axe(page, 'pipeline board (zh)');
  });

  test('drag 寻找大客户 → 进一步沟通: allowed, kept, the server has it', async () => {
    await card(page, 'trunk').dragTo(page.getByTestId('column-deeper_talks'));
    await inColumn(page, 'deeper_talks', 'trunk').waitFor();
    await page.getByTestId('board-status').filter({ hasText: '已将“华南干线”移至进一步沟通' }).waitFor({ state: 'attached' });
    const saved = await get('trunk');
    assert.equal(saved.stage, 'deeper_talks');
    assert.equal(saved.probability, 40);
    assert.equal(await inColumn(page, 'prospecting', 'trunk').count(), 0);
    await page.getByTestId('column-empty-prospecting').waitFor();
    // ¥12,800.50 at 40% → ¥5,120.20.
    assert.equal(await text(page, 'column-weighted-deeper_talks'), '¥5,120.20');
    assert.equal(await page.getByTestId('board-notice').count(), 0, 'no refusal shown');
  });

  test('drag 交易 → 维护: shown at once, refused by the server, snaps back with a message', async () => {
    // The server's answer waits until the board has shown the move.
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    await page.route('**/api/v1/opportunities/*/stage', async (route) => {
      await gate;
      await route.continue();
    });
    try {
      await card(page, 'warehouse').dragTo(page.getByTestId('column-maintenance'));
      await inColumn(page, 'maintenance', 'warehouse').waitFor();
      assert.equal(await inColumn(page, 'deal', 'warehouse').count(), 0, 'moved before the answer');
    } finally {
      release();
    }
    const notice = page.getByTestId('board-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /不能把“仓配一体”从交易移至维护：维护只能通过赢单进入/);
    await inColumn(page, 'deal', 'warehouse').waitFor();
    assert.equal(await inColumn(page, 'maintenance', 'warehouse').count(), 0);
    await page.unroute('**/api/v1/opportunities/*/stage');
    const saved = await get('warehouse');
    assert.equal(saved.stage, 'deal');
    assert.equal(saved.outcome, 'open');
    assert.equal(await text(page, 'column-count-deal'), '2 个');
    await axe(page, 'pipeline board with a refusal (zh)');
  });

  test('move with the keyboard: "移至…" offers the allowed stages; focus stays on the card', async () => {
    const button = card(page, 'cold').getByTestId('card-move');
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) [role="menu"]');
    await menu.waitFor();
    // From 意向性接触: back one (寻找大客户) or forward (进一步沟通, 跟进, 交易); never 维护.
    assert.deepEqual((await menu.locator('[role="menuitem"]').allInnerTexts()).map((s) => s.trim()), ['寻找大客户', '进一步沟通', '跟进', '交易']);
    for (let i = 0; i < 6; i++) {
      const active = await menu.locator('.ant-dropdown-menu-item-active').innerText().catch(() => '');
      if (active.trim() === '跟进') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await inColumn(page, 'follow_up', 'cold').waitFor();
    await page.getByTestId('board-status').filter({ hasText: '已将“冷链专线”移至跟进' }).waitFor({ state: 'attached' });
    assert.equal((await get('cold')).stage, 'follow_up');
    await page.waitForFunction((id) => document.activeElement?.closest('[data-opportunity-id]')?.getAttribute('data-opportunity-id') === String(id), opp.cold.id);

    // 交易's menu offers 跟进 only (back one; 维护 is reached by winning).
    await card(page, 'express').getByTestId('card-move').click();
    const items = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) [role="menuitem"]');
    await items.first().waitFor();
    assert.deepEqual((await items.allInnerTexts()).map((s) => s.trim()), ['跟进']);
    await page.keyboard.press('Escape');
  });

  test('the opportunity page: edit in yuan → fen exactly; 输单 with a reason and a note; axe', async () => {
    await card(page, 'returns').getByTestId('card-name').click();
    await page.waitForURL(new RegExp(`/opportunities/${opp.returns.id}$`));
    await page.getByTestId('opportunity-name').waitFor();
    assert.equal(await text(page, 'page-title'), '退货逆向');
    assert.equal(await text(page, 'opportunity-stage'), '跟进');
    await page.getByTestId('opportunity-account').filter({ hasText: ACCOUNT }).waitFor();
    await axe(page, 'opportunity page (zh)');

    await page.getByTestId('edit-opportunity').click();
    await page.getByTestId('edit-revenue').fill('12,345.67');
    await page.getByTestId('edit-volume').fill('450');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('opportunity-revenue').filter({ hasText: '¥12,345.67' }).waitFor();
    const edited = await get('returns');
    assert.deepEqual(edited.monthly_revenue, { amount_minor: 1234567, currency: 'CNY' });
    assert.equal(edited.monthly_volume, 450);

    await page.getByTestId('mark-lost').click();
    await page.locator('.ant-modal').filter({ hasText: '标记为输单' }).waitFor();
    await page.getByTestId('lost-confirm').click();
    await page.getByText('请选择输单原因').waitFor();  // a reason is required
    await axe(page, 'lost dialog (zh)');
    await page.getByTestId('lost-reason').click();
    await page.getByTestId('lost-reason-competitor').click();
    await page.getByTestId('lost-note').fill('对方选择了报价更低的承运商');
    await page.getByTestId('lost-confirm').click();
    await page.getByTestId('opportunity-outcome').filter({ hasText: '已输单' }).waitFor();
    assert.equal(await text(page, 'opportunity-lost-reason'), '竞争对手');
    assert.equal(await text(page, 'opportunity-lost-note'), '对方选择了报价更低的承运商');
    const lost = await get('returns');
    assert.equal(lost.outcome, 'lost');
    assert.equal(lost.lost_reason, 'competitor');
    assert.equal(await page.getByTestId('mark-won').count(), 0, 'a lost opportunity has no actions');
  });

  test('赢单 only at 交易; then the contract, or the account when no contract is named', async () => {
    await page.goto(`${server.url}/opportunities/${opp.cold.id}`);
    await page.getByTestId('opportunity-name').waitFor();
    assert.equal(await page.getByTestId('mark-won').isDisabled(), true, '跟进 cannot be won');

    await page.goto(`${server.url}/opportunities/${opp.express.id}`);
    await page.getByTestId('opportunity-name').waitFor();
    assert.equal(await page.getByTestId('mark-won').isDisabled(), false);
    await page.getByTestId('mark-won').click();
    const answer = page.waitForResponse((r) => r.url().endsWith(`/opportunities/${opp.express.id}/won`));
    await page.getByTestId('won-confirm').click();
    const body = await (await answer).json();
    assert.equal(body.opportunity.outcome, 'won');
    if (body.contract_id) {
      await page.waitForURL(new RegExp(`/contracts/${body.contract_id}$`));
    } else {
      await page.getByTestId('won-no-contract').waitFor();
      assert.equal(await page.getByTestId('won-account-link').getAttribute('href'), `/customers/${account.id}`);
    }
    const won = await get('express');
    assert.equal(won.stage, 'maintenance');
    assert.equal(won.outcome, 'won');
  });

  test('the list view: the lost one under its filter; the view is remembered; axe', async () => {
    await page.goto(`${server.url}/opportunities`);
    await page.getByTestId('pipeline-board').waitFor();
    // The won one is in 维护 now; the lost one is on no column.
    await inColumn(page, 'maintenance', 'express').waitFor();
    assert.equal(await card(page, 'returns').count(), 0);

    await page.getByTestId('view-list').click();
    await page.getByTestId('opportunity-list').waitFor();
    await page.getByTestId('opportunity-row').first().waitFor();
    assert.equal(await page.getByTestId('opportunity-row').count(), 5);
    await page.getByTestId('filter-outcome').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已输单' }).click();
    await page.waitForURL(/outcome=lost/);
    await page.getByTestId('list-count').filter({ hasText: '已加载 1 条（全部）' }).waitFor();
    const row = page.getByTestId('opportunity-row');
    assert.equal(await row.count(), 1);
    assert.equal((await row.getByTestId('row-name').innerText()).trim(), '退货逆向');
    assert.equal((await row.getByTestId('row-outcome').innerText()).trim(), '已输单');
    await axe(page, 'pipeline list (zh)');

    // Sorted by probability, highest first, over the five: 同城急送 100 (won), 仓配一体 80, 冷链专线 60, 华南干线 40, 退货逆向 0 (lost).
    await page.goto(`${server.url}/opportunities?sort=-probability`);
    await page.getByTestId('opportunity-row').nth(4).waitFor();
    assert.deepEqual((await page.getByTestId('row-name').allInnerTexts()).map((s) => s.trim()), ['同城急送', '仓配一体', '冷链专线', '华南干线', '退货逆向']);
    assert.equal(await page.getByTestId('pipeline-board').count(), 0, 'the list view is remembered');
    await page.getByTestId('view-board').click();
    await page.getByTestId('pipeline-board').waitFor();
  });
});

describe('pipeline, en, desktop and phone', () => {
  test('English: stage names, board, list and opportunity page; axe', async () => {
    const page = await signIn(browser, server, 'li.sales', USER_PASSWORD, { timeout: 30000, lang: 'en', contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/opportunities?view=board`);
    await page.getByTestId('pipeline-board').waitFor();
    assert.equal(await text(page, 'page-title'), 'Pipeline');
    assert.deepEqual(await page.locator('.pipeline-column-title').allInnerTexts(), STAGE_NAMES.en);
    await inColumn(page, 'deal', 'warehouse').waitFor();
    await axe(page, 'pipeline board (en)');
    await page.getByTestId('view-list').click();
    await page.getByTestId('opportunity-row').first().waitFor();
    await axe(page, 'pipeline list (en)');
    await page.goto(`${server.url}/opportunities/${opp.warehouse.id}`);
    await page.getByTestId('opportunity-name').waitFor();
    assert.equal(await text(page, 'opportunity-stage'), 'Deal');
    await axe(page, 'opportunity page (en)');
    await page.context().close();
  });

  test('a phone, 390×844: the board scrolls sideways, the page does not; the move menu works; axe', async () => {
    const page = await signIn(browser, server, 'li.sales', USER_PASSWORD, { timeout: 30000, contextOptions: { viewport: { width: 390, height: 844 } } });
    await page.goto(`${server.url}/opportunities?view=board`);
    const board = page.getByTestId('pipeline-board');
    await board.waitFor();
    await inColumn(page, 'deal', 'warehouse').waitFor();
    const sizes = await board.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(sizes.scroll > sizes.client, 'the columns scroll sideways');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page itself does not');
    await axe(page, 'pipeline board (zh, phone)');

    // 仓配一体 goes back from 交易 to 跟进 through its menu.
    await card(page, 'warehouse').getByTestId('card-move').click();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByTestId('move-to-follow_up').click();
    await inColumn(page, 'follow_up', 'warehouse').waitFor();
    assert.equal((await get('warehouse')).stage, 'follow_up');

    await page.getByTestId('view-list').click();
    await page.getByTestId('opportunity-row').first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the list fits the phone');
    await axe(page, 'pipeline list (zh, phone)');
    await page.context().close();
  });
});
