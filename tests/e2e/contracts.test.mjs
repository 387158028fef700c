// The contract screens (issue 8 item 6) in Debian's Chromium: a salesperson drafts a contract for a
// pharma account (the industry template's insurance clause, signed receipt and 60-day account period
// appear), edits terms (amounts in yuan and targets in percent reach the API exactly as fen and basis
// points), a target the server refuses is shown at its field, and submits; a manager finds it in the
// approval inbox (and the header's bell) with its differences from the standard terms highlighted and
// approves it inline, and is refused (403) approving a contract he submitted himself; finance approves;
// the salesperson activates it, amends it (version 2) and compares versions 1 and 2 side by side. axe
// on each screen in Chinese, and in English; a phone's width (390 px) scrolls nothing sideways.
// Expected values are written here by hand; data is seeded through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, checkA11y, chooseTitled, createCustomer, createUser, launchBrowser, login, signIn, startServer } from './harness.mjs';

let server;
let browser;
let pharma;      // the salesperson's pharma account
let other;       // an account the manager drafts for himself
let contractId;  // the salesperson's contract
let ownId;       // the manager's own contract
const tokens = {};

const PHARMA = '华康医药物流有限公司';
const OTHER = '北京通达通信设备有限公司';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const sales = await createUser(server, 'li.sales', 'sales', { name: '李销售' });
  await createUser(server, 'wang.manager', 'manager', { name: '王经理' });
  await createUser(server, 'zhou.finance', 'finance', { name: '周财务' });
  pharma = await createCustomer(server, { name: PHARMA, industry: 'pharma', owner_id: sales.id });
  other = await createCustomer(server, { name: OTHER, industry: 'it_telecom' });
  for (const l of ['li.sales', 'wang.manager', 'zhou.finance']) tokens[l] = await login(server, l, USER_PASSWORD);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const getContract = (id) => api(server, server.adminToken, 'GET', `/api/v1/contracts/${id}`);
const fieldError = (page, testId) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');
// axe once the toasts have settled (a fading message reads as faint text).
async function a11y(page, label) {
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-message-notice')].length === 0, null, { timeout: 10000 }).catch(() => undefined);
  await checkA11y(page, label);
}
async function noSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${label}: the page is ${scroll}px wide in a ${width}px window`);
}

describe('contracts', () => {
  test('sales drafts a pharma contract from the template, edits it, a refused target shows at its field, submits', async () => {
    const page = await signIn(browser, server, 'li.sales', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.getByTestId('nav-contracts').click();
    await page.getByTestId('contract-list').waitFor();
    assert.equal(await page.getByTestId('page-title').innerText(), '合同列表');
    await page.getByTestId('contracts-empty').waitFor();
    await a11y(page, 'contract list, empty (zh)');

    // A new contract, the account picked by keyboard: type, Enter, then Enter on the form.
    await page.getByTestId('new-contract').click();
    await page.locator('#new-contract-account').focus();
    await page.keyboard.type('华康');
    await page.locator('.ant-select-item-option', { hasText: PHARMA }).waitFor();
    await page.keyboard.press('Enter');
    const template = page.getByTestId('new-contract-template');
    await template.waitFor();
    assert.equal(await template.getAttribute('data-template'), 'pharma');
    assert.match(await template.innerText(), /医药/);
    assert.match(await template.innerText(), /保价条款|签收回单/);
    await a11y(page, 'new contract (zh)');
    await page.getByTestId('new-contract-create').click();

    // The draft: the template's terms are there.
    await page.waitForURL(/\/contracts\/\d+$/);
    contractId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.getByTestId('terms-editor').waitFor();
    assert.equal(await page.getByTestId('contract-state').innerText(), '草稿');
    assert.equal(await page.getByTestId('contract-template').getAttribute('data-template'), 'pharma');
    assert.equal(await page.getByTestId('terms-insurance-clause').isChecked(), true);
    assert.equal(await page.getByTestId('terms-signed-receipt').isChecked(), true);
    assert.equal(await page.getByTestId('service-insurance').isChecked(), true);
    assert.equal(await page.getByTestId('terms-account-period').inputValue(), '60');
    assert.equal(await page.getByTestId('terms-declared-value-limit').inputValue(), '50000.00');
    assert.match(await page.getByTestId('terms-packaging').inputValue(), /原包装完好/);
    assert.equal(await page.getByTestId('quality-on_time_delivery_bp').inputValue(), '99');
    assert.equal(await page.getByTestId('quality-damage_max_bp').inputValue(), '0.1');
    assert.match(await page.getByTestId('rate-card-id').innerText(), /尚未关联价卡/);
    await a11y(page, 'contract editor, draft (zh)');

    // A target above 100 %: the server refuses it, and says so at the field.
    await page.getByTestId('quality-on_time_delivery_bp').fill('100.5');
    await page.getByTestId('terms-annual-value').fill('1234567.89');
    await page.getByTestId('form-submit').click();
    await fieldError(page, 'quality-on_time_delivery_bp').waitFor();
    assert.equal(await fieldError(page, 'quality-on_time_delivery_bp').innerText(), '超出允许范围');
    assert.match(await page.getByTestId('form-errors').innerText(), /服务质量目标 · 准时交付率: 超出允许范围/);
    assert.equal((await getContract(contractId)).terms.quality.on_time_delivery_bp, 9900);  // nothing was saved
    await a11y(page, 'contract editor, a refused field (zh)');

    // Corrected: 99.5 % and ¥1,234,567.89 reach the API as 9950 bp and 123456789 fen. A transit promise
    // names the product by its code and the zone as pricing does: 标准快递 跨省 in 72 hours.
    await page.getByTestId('quality-on_time_delivery_bp').fill('99.5');
    await page.getByTestId('add-promise').click();
    await chooseTitled(page, 'transit-product-0', '标准快递');
    await chooseTitled(page, 'transit-zone-0', '跨省');
    await page.getByTestId('transit-hours-0').fill('72');
    await page.getByTestId('form-submit').click();
    await page.locator('[data-testid="form-dirty"][data-dirty="no"]').waitFor();
    const saved = await getContract(contractId);
    assert.equal(saved.terms.quality.on_time_delivery_bp, 9950);
    assert.deepEqual(saved.terms.annual_value, { amount_minor: 123456789, currency: 'CNY' });
    assert.equal(saved.terms.account_period_days, 60);
    assert.equal(saved.terms.insurance_clause, true);
    assert.deepEqual(saved.terms.transit_promises, [{ product: 'standard', zone: 'cross_province', hours: 72 }]);

    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="contract-state"][data-state="in_approval"]').waitFor();
    assert.equal(await page.getByTestId('contract-state').innerText(), '审批中');
    assert.match(await page.getByTestId('contract-required').innerText(), /经理/);
    assert.match(await page.getByTestId('contract-required').innerText(), /财务/);  // a 60-day account period
    // The print view: the Chinese page, in a new tab.
    const print = page.getByTestId('action-print');
    assert.equal(await print.getAttribute('target'), '_blank');
    const printed = await page.request.get(server.url + await print.getAttribute('href'));
    assert.equal(printed.status(), 200);
    const printedText = await printed.text();
    assert.match(printedText, new RegExp(saved.number));
    assert.match(printedText, /<td>标准快递<\/td><td>跨省<\/td><td>72<\/td>/);
    await page.context().close();
  });

  test('a manager sees it in the inbox with its differences highlighted and approves it; his own contract is refused', async () => {
    // The manager's own contract for another account, drafted and submitted by him.
    const own = await api(server, tokens['wang.manager'], 'POST', '/api/v1/contracts', { customer_id: other.id });
    ownId = own.id;
    await api(server, tokens['wang.manager'], 'POST', `/api/v1/contracts/${ownId}/submit`);

    const page = await signIn(browser, server, 'wang.manager', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    // The bell counts what awaits him: the salesperson's contract, not his own.
    await page.getByTestId('notifications-open').click();
    await page.getByTestId('contract-inbox-open').waitFor();
    assert.equal(await page.getByTestId('contract-inbox-open').innerText(), '待我审批的合同 1 份');
    await page.getByTestId('contract-inbox-open').click();
    await page.getByTestId('contract-inbox').waitFor();
    const items = page.getByTestId('inbox-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 1);
    const item = items.first();
    assert.match(await item.innerText(), new RegExp(PHARMA));
    // Each difference: the term, the standard value, this contract's value (highlighted).
    const diff = (field) => item.locator(`[data-testid="difference"][data-field="${field}"]`);
    assert.equal(await diff('account_period_days').getByTestId('difference-field').innerText(), '账期');
    assert.equal(await diff('account_period_days').getByTestId('difference-standard').innerText(), '30 天');
    assert.equal(await diff('account_period_days').getByTestId('difference-proposed').innerText(), '60 天');
    assert.equal(await diff('quality.on_time_delivery_bp').getByTestId('difference-standard').innerText(), '99%');
    assert.equal(await diff('quality.on_time_delivery_bp').getByTestId('difference-proposed').innerText(), '99.5%');
    assert.equal(await diff('annual_value').getByTestId('difference-proposed').innerText(), '¥1,234,567.89');
    assert.equal(await diff('account_period_days').locator('mark.contract-diff-value').count(), 1);
    await a11y(page, 'approval inbox (zh)');

    await item.getByTestId('inbox-approve').click();
    await page.getByTestId('inbox-empty').waitFor();
    const decided = await getContract(contractId);
    assert.equal(decided.state, 'in_approval');  // finance's step is still open
    assert.deepEqual(decided.approvals.map((a) => [a.step, a.decision, a.login]), [['manager', 'approved', 'wang.manager']]);

    // His own contract: the server refuses, the page says why.
    await page.goto(`${server.url}/contracts/${ownId}`);
    await page.getByTestId('action-approve').click();
    await page.getByTestId('action-error').waitFor();
    assert.match(await page.getByTestId('action-error').innerText(), /不能审批自己负责或提交的合同/);
    assert.equal((await getContract(ownId)).state, 'in_approval');
    await a11y(page, 'self-approval refused (zh)');
    await page.context().close();
  });

  test('finance approves; sales activates, amends (version 2) and compares versions 1 and 2 side by side', async () => {
    await api(server, tokens['zhou.finance'], 'POST', `/api/v1/contracts/${contractId}/approve`);
    assert.equal((await getContract(contractId)).state, 'approved');

    const page = await signIn(browser, server, 'li.sales', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/contracts/${contractId}`);
    await page.getByTestId('terms-view').waitFor();
    assert.equal(await page.getByTestId('contract-state').innerText(), '已批准');
    assert.equal(await page.getByTestId('terms-editor').count(), 0);  // only a draft is edited
    await page.getByTestId('action-activate').click();
    await page.getByTestId('activate-confirm').click();
    await page.locator('[data-testid="contract-state"][data-state="active"]').waitFor();
    assert.equal(await page.getByTestId('contract-state').innerText(), '生效');

    // Amend: the compensation cap from ¥2,000 to ¥5,000.
    await page.getByTestId('action-amend').click();
    await page.getByTestId('amend-page').waitFor();
    assert.equal(await page.getByTestId('terms-compensation-cap').inputValue(), '2000.00');
    await page.getByTestId('terms-compensation-cap').fill('5000');
    await page.getByTestId('amend-note').fill('提高赔偿上限');
    await a11y(page, 'amendment (zh)');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('pending-amendment').waitFor();
    assert.match(await page.getByTestId('pending-amendment').innerText(), /修订版本 2 待审批/);
    const amended = await getContract(contractId);
    assert.equal(amended.version, 1);  // in force on its current terms until approved
    assert.equal(amended.pending_amendment.version, 2);
    assert.deepEqual(amended.pending_amendment.terms.compensation_cap, { amount_minor: 500000, currency: 'CNY' });

    await page.getByTestId('pending-compare').click();
    await page.getByTestId('versions-page').waitFor();
    const row = (key) => page.locator(`[data-testid="compare-row"][data-key="${key}"]`);
    await row('compensation_cap').waitFor();
    assert.equal(await row('compensation_cap').getAttribute('data-changed'), 'true');
    assert.equal(await row('compensation_cap').getByTestId('compare-left').innerText(), '¥2,000.00');
    assert.equal(await row('compensation_cap').getByTestId('compare-right').innerText(), '¥5,000.00');
    assert.match(await row('compensation_cap').innerText(), /已变更/);
    assert.equal(await row('quality.on_time_delivery_bp').getAttribute('data-changed'), 'false');
    assert.equal(await row('quality.on_time_delivery_bp').getByTestId('compare-right').innerText(), '≥ 99.5%');
    assert.match(await row('transit.standard.cross_province').innerText(), /标准快递 · 跨省/);
    assert.equal(await page.locator('[data-testid="compare-row"][data-changed="true"]').count(), 1);
    assert.equal(await page.getByTestId('versions-summary').innerText(), '1 项条款不同');
    await a11y(page, 'versions side by side (zh)');
    const url = page.url();
    await page.context().close();

    // The same in English.
    const en = await signIn(browser, server, 'li.sales', USER_PASSWORD, { lang: 'en', contextOptions: { viewport: { width: 1440, height: 900 } } });
    await en.goto(url);
    await en.locator('[data-testid="compare-row"][data-key="compensation_cap"]').waitFor();
    assert.match(await en.locator('[data-testid="compare-row"][data-key="compensation_cap"]').innerText(), /Compensation cap.*Changed/s);
    assert.equal(await en.getByTestId('versions-summary').innerText(), '1 terms differ');
    await a11y(en, 'versions side by side (en)');
    await en.goto(`${server.url}/contracts/${contractId}`);
    await en.getByTestId('terms-view').waitFor();
    assert.equal(await en.getByTestId('contract-state').innerText(), 'Active');
    await a11y(en, 'contract, active (en)');
    await en.context().close();
  });

  test('on a phone (390 px) the list, the contract and the inbox fit the width; axe in English and Chinese', async () => {
    const viewport = { width: 390, height: 844 };
    const en = await signIn(browser, server, 'wang.manager', USER_PASSWORD, { lang: 'en', contextOptions: { viewport } });
    await en.goto(`${server.url}/contracts?state=active`);
    await en.getByTestId('contract-row').first().waitFor();
    assert.equal(await en.getByTestId('contract-row').count(), 1);
    assert.match(await en.getByTestId('contract-row').first().innerText(), new RegExp(PHARMA));
    await noSidewaysScroll(en, 'contract list (en, 390)');
    await a11y(en, 'contract list (en, 390)');
    await en.goto(`${server.url}/contract-inbox`);
    await en.getByTestId('inbox-item').first().waitFor();  // the amendment awaits him
    assert.match(await en.getByTestId('inbox-amendment').innerText(), /Amendment version 2/);
    await noSidewaysScroll(en, 'inbox (en, 390)');
    await a11y(en, 'inbox (en, 390)');
    await en.context().close();

    const zh = await signIn(browser, server, 'li.sales', USER_PASSWORD, { contextOptions: { viewport } });
    await zh.goto(`${server.url}/contracts/${ownId}`);
    await zh.getByTestId('contract-not-found').waitFor();  // not his account, not his contract
    await zh.goto(`${server.url}/contracts/${contractId}`);
    await zh.getByTestId('terms-view').waitFor();
    await noSidewaysScroll(zh, 'contract (zh, 390)');
    await a11y(zh, 'contract (zh, 390)');
    await zh.context().close();
  });
});
