// Activities, "my day" and referrals (issue 8 items 3 and 6) in Debian's Chromium: on an account's
// 跟进记录 tab a sales user records a call with a next step due today (the "today 18:00" shortcut, on
// the company's clock), sees it newest first with its line breaks, in the bell's count and on 我的一天
// beside an overdue step; completes it there; sees "done by whom, when" on the account; the server's
// verdict on a field shows at that field; the timeline pages by cursor; a referral is recorded with the
// account picker and shows on both accounts, and only a manager deletes it; My day's empty state; at
// 390 px in English nothing is wider than the screen and the dialog opens and closes by keyboard; axe
// on every screen in zh and en.
//
// Time: the server runs on a fixed clock (CONSIGN_FAKE_NOW, read by `consign serve` from the
// environment the harness passes on), and the browser's clock is fixed to the same instant, so "today"
// and "overdue" are the same for both whenever the test runs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, login, signIn, startServer } from './harness.mjs';

// 10:00 on Tuesday 10 March 2026 in Shanghai (02:00 UTC).
const FAKE_NOW = '2026-03-10T02:00:00Z';

let server;
let browser;
let sales;        // 李娜, sales: owns the accounts
let salesToken;
let shunda;       // the account the work is on
let tianhe;       // the account that referred it
let busy;         // an account with 25 activities (paging)

const SHUNDA = '深圳市顺达电子有限公司';
const TIANHE = '广州市天河贸易有限公司';

before(async () => {
  process.env.CONSIGN_FAKE_NOW = FAKE_NOW;
  server = await startServer();
  browser = await launchBrowser();
  sales = await createUser(server, 'li.sales', 'sales', { name: '李娜' });
  await createUser(server, 'chen.manager', 'manager', { name: '陈建国' });
  await createUser(server, 'wang.agent', 'agent', { name: '王强' });
  salesToken = await login(server, 'li.sales', USER_PASSWORD);
  shunda = await createCustomer(server, { name: SHUNDA, industry: 'electronics', owner_id: sales.id });
  tianhe = await createCustomer(server, { name: TIANHE, industry: 'retail', owner_id: sales.id });
  busy = await createCustomer(server, { name: '东莞市长安五金制品厂', industry: 'manufacturing', owner_id: sales.id });
  // Yesterday's visit, whose next step was due yesterday at 16:00 in Shanghai: overdue now.
  await api(server, salesToken, 'POST', '/api/v1/activities', {
    subject: { kind: 'account', id: shunda.id }, kind: 'visit', occurred_at: '2026-03-09T01:00:00Z',
    outcome: '初次拜访，了解发货量', next_step: '寄送报价单', next_step_due_at: '2026-03-09T08:00:00Z',
  });
  // 25 notes on another account, one a minute on 1 March: note 1 is the oldest, note 25 the newest.
  for (let i = 1; i <= 25; i++) {
    await api(server, salesToken, 'POST', '/api/v1/activities', {
      subject: { kind: 'account', id: busy.id }, kind: 'note', occurred_at: `2026-03-01T01:${String(i).padStart(2, '0')}:00Z`,
      note: `备忘 ${i}`,
    });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A signed-in page whose clock reads FAKE_NOW, as the server's does.
async function open(loginName, options = {}) {
  const page = await signIn(browser, server, loginName, USER_PASSWORD, options);
  await page.clock.setFixedTime(new Date(FAKE_NOW));
  return page;
}

async function openAccountTab(page, customer) {
  await page.goto(`${server.url}/customers/${customer.id}`);
  await page.getByTestId('activities-tab').click();
  await page.getByTestId('activity-timeline').waitFor();
}

// axe once the page's toasts ("已记录", "已标记完成") are gone: one fading out is measured mid-fade (its
// text at a few per cent opacity) if its three seconds end while axe runs.
async function a11y(page, label) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10000 });
  await checkA11y(page, label);
}

// The number on the bell (none when it shows no badge).
async function bellCount(page) {
  return page.evaluate(() => {
    const count = document.querySelector('[data-testid="notifications-badge"] .ant-scroll-number');
    return count ? count.getAttribute('title') : null;
  });
}

async function waitForBell(page, expected) {
  await page.waitForFunction((n) => {
    const count = document.querySelector('[data-testid="notifications-badge"] .ant-scroll-number');
    return (count ? count.getAttribute('title') : null) === n;
  }, expected);
}

describe('activities and my day (zh, desktop)', () => {
  test('record a call with a next step due today; see it on the account, on My day and in the bell; complete it', async () => {
    const page = await open('li.sales');
    await openAccountTab(page, shunda);

    // Yesterday's visit: its next step overdue, in red.
    const items = page.getByTestId('activity-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 1);
    const visit = items.first();
    assert.equal(await visit.getByTestId('activity-kind').innerText(), '拜访');
    assert.equal(await visit.getByTestId('activity-owner').innerText(), '李娜');
    assert.equal(await visit.getByTestId('activity-outcome').innerText(), '初次拜访，了解发货量');
    assert.equal(await visit.getByTestId('next-step-text').innerText(), '寄送报价单');
    assert.equal(await visit.getByTestId('next-step-state').innerText(), '已逾期');
    assert.match(await visit.getByTestId('next-step-due').innerText(), /^到期：2026年3月9日 16:00$/);
    assert.equal(await visit.getByTestId('next-step-due').evaluate((e) => getComputedStyle(e).color), 'rgb(196, 29, 29)', 'overdue in red');
    await waitForBell(page, '1');
    await a11y(page, 'account activities (zh)');

    // Record a call: now by default (10:00 in Shanghai), a two-line note, a next step due today 18:00.
    await page.getByTestId('record-activity').click();
    await page.getByTestId('activity-save').waitFor();
    assert.equal(await page.getByTestId('activity-occurred-at').inputValue(), '2026-03-10T10:00');
    await page.getByTestId('activity-outcome-input').fill('客户同意试用一个月');
    await page.getByTestId('activity-note-input').fill('对方采购经理接听\n下周安排上门');
    await page.getByTestId('activity-next-step-input').fill('回电确认报价');
    await page.getByTestId('activity-due-today').click();
    assert.equal(await page.getByTestId('activity-next-step-due').inputValue(), '2026-03-10T18:00');
    await a11y(page, 'record activity dialog (zh)');
    await page.getByTestId('activity-save').click();
    await page.getByTestId('activity-save').waitFor({ state: 'detached' });

    // Newest first: the call, then the visit.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="activity-item"]').length === 2);
    const call = items.first();
    assert.equal(await call.getByTestId('activity-kind').innerText(), '电话');
    assert.match(await call.getByTestId('activity-when').innerText(), /^2026年3月10日 10:00$/);
    assert.equal(await call.getByTestId('activity-note').innerText(), '对方采购经理接听\n下周安排上门', 'the line break stays');
    assert.equal(await call.getByTestId('next-step-state').innerText(), '今天到期');
    assert.match(await call.getByTestId('next-step-due').innerText(), /^到期：2026年3月10日 18:00$/);
    assert.equal(await items.nth(1).getByTestId('activity-kind').innerText(), '拜访');
    await waitForBell(page, '2');

    // The bell's line leads to My day.
    await page.getByTestId('notifications-open').click();
    assert.equal(await page.getByTestId('my-day-open').innerText(), '今天的待办 2 项');
    await page.getByTestId('my-day-open').click();
    await page.getByTestId('my-day').waitFor();
    assert.equal(await page.getByTestId('page-title').innerText(), '我的一天');
    assert.match(await page.getByTestId('my-day-date').innerText(), /2026年3月10日/);
    const overdue = page.getByTestId('my-day-overdue').getByTestId('my-day-item');
    const today = page.getByTestId('my-day-due-today').getByTestId('my-day-item');
    assert.equal(await overdue.count(), 1);
    assert.equal(await today.count(), 1);
    assert.equal(await overdue.first().getByTestId('my-day-step').innerText(), '寄送报价单');
    assert.equal(await today.first().getByTestId('my-day-step').innerText(), '回电确认报价');
    assert.equal(await today.first().getByTestId('my-day-subject').innerText(), SHUNDA);
    assert.equal(await today.first().getByTestId('my-day-subject').getAttribute('href'), `/customers/${shunda.id}`);
    await a11y(page, 'my day (zh)');

    // Done: it leaves My day and the bell.
    await today.first().getByTestId('complete-next-step').click();
    await page.getByTestId('my-day-due-today').waitFor({ state: 'detached' });
    assert.equal(await overdue.count(), 1);
    await waitForBell(page, '1');

    // The subject's link returns to the account, where the call's step is done by 李娜 at 10:00.
    await overdue.first().getByTestId('my-day-subject').click();
    await page.getByTestId('activities-tab').click();
    await page.getByTestId('activity-item').first().waitFor();
    const done = page.getByTestId('activity-item').first();
    assert.equal(await done.getByTestId('next-step-state').innerText(), '已完成');
    assert.equal(await done.getByTestId('next-step-done').innerText(), '李娜 于 2026年3月10日 10:00 完成');
    assert.equal(await done.getByTestId('complete-next-step').count(), 0, 'nothing left to complete');
    await page.context().close();
  });

  test("the server's verdict on a field shows at that field", async () => {
    const page = await open('li.sales');
    await openAccountTab(page, shunda);
    await page.getByTestId('record-activity').click();
    await page.getByTestId('activity-occurred-at').fill('2026-03-11T09:00');
    await page.getByTestId('activity-next-step-input').fill('发合同');
    await page.getByTestId('activity-save').click();
    await page.getByTestId('activity-error-occurred_at').waitFor();
    assert.equal(await page.getByTestId('activity-error-occurred_at').innerText(), '不能晚于现在（计划要做的事请填“下一步”）');
    assert.equal(await page.getByTestId('activity-error-next_step_due_at').innerText(), '必填');
    await a11y(page, 'record activity dialog with errors (zh)');
    // Corrected, it is recorded.
    await page.getByTestId('activity-occurred-at').fill('2026-03-10T09:30');
    await page.getByTestId('activity-due-tomorrow').click();
    await page.getByTestId('activity-save').click();
    await page.getByTestId('activity-save').waitFor({ state: 'detached' });
    const first = page.getByTestId('activity-item').first();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="activity-item"]').length === 3);
    // Newest by when it happened: the call at 10:00 stays first, this one (09:30) second.
    assert.equal(await first.getByTestId('activity-kind').innerText(), '电话');
    const second = page.getByTestId('activity-item').nth(1);
    assert.equal(await second.getByTestId('next-step-text').innerText(), '发合同');
    assert.equal(await second.getByTestId('next-step-state').innerText(), '待办');
    assert.match(await second.getByTestId('next-step-due').innerText(), /^到期：2026年3月11日 09:00$/);
    await page.context().close();
  });

  test('the timeline pages by cursor, newest first', async () => {
    const page = await open('li.sales');
    await openAccountTab(page, busy);
    const notes = page.getByTestId('activity-note');
    await notes.first().waitFor();
    assert.equal(await notes.count(), 20);
    assert.equal(await notes.first().innerText(), '备忘 25');
    assert.equal(await notes.nth(19).innerText(), '备忘 6');
    await page.getByTestId('activities-more').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="activity-note"]').length === 25);
    assert.equal(await notes.nth(24).innerText(), '备忘 1');
    assert.equal(await page.getByTestId('activities-more').count(), 0, 'no more pages');
    await page.context().close();
  });

  test('My day with nothing due says so', async () => {
    const page = await open('wang.agent');
    await page.getByTestId('nav-my-day').click();
    await page.getByTestId('my-day-empty').waitFor();
    assert.equal(await page.getByTestId('my-day-empty').innerText(), '今天没有待办');
    assert.equal(await bellCount(page), null, 'no badge on the bell');
    await a11y(page, 'my day, empty (zh)');
    await page.context().close();
  });
});

describe('referrals (zh)', () => {
  test('record who referred an account; it shows on both; only a manager deletes it', async () => {
    const page = await open('li.sales');
    await openAccountTab(page, shunda);
    await page.getByTestId('referred-by-none').waitFor();
    assert.equal(await page.getByTestId('referred-by-none').innerText(), '未记录推荐人');
    await page.getByTestId('record-referral').click();
    await page.getByTestId('referral-save').waitFor();
    await page.getByLabel('推荐客户').fill('天河');
    await page.locator('.ant-select-item-option', { hasText: TIANHE }).click();
    await page.getByTestId('referral-reward-note').fill('赠送运费券500元');
    await page.getByTestId('referral-reward-points').fill('500');
    await a11y(page, 'record referral dialog (zh)');
    await page.getByTestId('referral-save').click();
    await page.getByTestId('referred-by').waitFor();
    assert.equal(await page.getByTestId('referred-by-name').innerText(), TIANHE);
    assert.equal(await page.getByTestId('referred-by-reward-note').innerText(), '赠送运费券500元');
    assert.equal(await page.getByTestId('referred-by-points').innerText(), '500 积分');
    assert.equal(await page.getByTestId('referred-by-delete').count(), 0, 'sales may not delete a referral');
    await a11y(page, 'account referrals (zh)');

    // On the referrer's page, among the accounts it referred.
    await page.getByTestId('referred-by-name').click();
    await page.getByTestId('activities-tab').click();
    await page.getByTestId('referred-account').waitFor();
    assert.equal(await page.getByTestId('referred-account-name').innerText(), SHUNDA);
    await page.context().close();

    // The manager deletes it.
    const manager = await open('chen.manager');
    await openAccountTab(manager, tianhe);
    await manager.getByTestId('referred-account-delete').click();
    await manager.getByTestId('referral-delete-confirm').click();
    await manager.getByTestId('referred-none').waitFor();
    await openAccountTab(manager, shunda);
    await manager.getByTestId('referred-by-none').waitFor();
    await manager.context().close();
  });
});

describe('activities and my day (en, phone 390×844)', () => {
  test('nothing wider than the screen; the dialog by keyboard; axe', async () => {
    const page = await open('li.sales', { lang: 'en', contextOptions: { viewport: { width: 390, height: 844 } } });
    await page.goto(`${server.url}/my-day`);
    await page.getByTestId('my-day').waitFor();
    assert.equal(await page.getByTestId('page-title').innerText(), 'My day');
    assert.match(await page.getByTestId('my-day-overdue').innerText(), /Overdue \(1\)/);
    let overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `My day is ${overflow} px wider than the screen`);
    await a11y(page, 'my day (en, phone)');

    await openAccountTab(page, shunda);
    await page.getByTestId('activity-item').first().waitFor();
    assert.equal(await page.getByTestId('activity-item').first().getByTestId('activity-kind').innerText(), 'Call');
    const complete = page.getByTestId('complete-next-step').first();
    const box = await complete.boundingBox();
    assert.ok(box.height >= 44, `the complete button is ${box.height} px high`);
    overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the activities tab is ${overflow} px wider than the screen`);
    await a11y(page, 'account activities (en, phone)');

    // The dialog opens from the keyboard and Escape closes it.
    await page.getByTestId('record-activity').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('activity-save').waitFor();
    // The dialog and everything in it within the screen. (Not the document's width: while any antd
    // dialog is open the frame's body, which keeps the browser's 8 px margin, is widened by 8 px.)
    const dialogOverflow = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.ant-modal, .ant-modal *')]
      .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => Math.max(r.right - window.innerWidth, -r.left))));
    assert.ok(dialogOverflow <= 0, `the dialog reaches ${dialogOverflow} px beyond the screen`);
    await a11y(page, 'record activity dialog (en, phone)');
    await page.keyboard.press('Escape');
    await page.getByTestId('activity-save').waitFor({ state: 'detached' });

    // Completing by keyboard: the overdue visit's step; the bell has nothing left to count.
    await waitForBell(page, '1');
    const overdueStep = page.getByTestId('activity-item').filter({ has: page.locator('[data-state="overdue"]') });
    await overdueStep.getByTestId('complete-next-step').focus();
    await page.keyboard.press('Enter');
    await overdueStep.waitFor({ state: 'detached' });
    await waitForBell(page, null);
    await page.context().close();
  });
});
