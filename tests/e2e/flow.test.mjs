// Issue 8's whole flow in the browser, one screen after another as the people who do it: a salesperson's
// qualified lead is converted (lead page), dragged through the pipeline to 交易 (board), won — which
// drafts the contract from the account's industry template (contract page) — priced with an agreement
// card copied from the published one; the manager approves it on the contract page, the salesperson
// activates it, and a quote for the customer is at the contract's price, no longer the published one.
// Set-up the other tests cover screen by screen (the three checks, the evaluation, the review, finance's
// approval, the card's price edit) goes through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, createUser, launchBrowser, login, pickPlace, signIn, startServer } from './harness.mjs';

describe('lead → contract → price', { timeout: 900000 }, () => {
  let server;
  let browser;
  const tokens = {};
  let leadId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await createUser(server, 'li.flow', 'sales', { name: '李娜' });
    await createUser(server, 'wang.flow', 'manager', { name: '王经理' });
    await createUser(server, 'zhou.flow', 'finance', { name: '周财务' });
    for (const who of ['li.flow', 'wang.flow', 'zhou.flow']) tokens[who] = await login(server, who, USER_PASSWORD);
    // A qualified lead of the salesperson's (credit code: leads.test.mjs works out its check character).
    const lead = await api(server, tokens['li.flow'], 'POST', '/api/v1/leads', {
      source: 'referral', company: '福州闽江电子有限公司', credit_code: '91350100M000100Y43', industry: 'electronics',
      region_code: '350102', contacts: [{ name: '陈经理', title: '物流主管', phone: '13905910001' }],
      stated_needs: '每天上门取件', monthly_volume: 2000, monthly_spend: { amount_minor: 2400000, currency: 'CNY' },
    });
    leadId = lead.id;
    for (const condition of ['not_yet_customer', 'has_need', 'good_credit'])
      await api(server, tokens['li.flow'], 'PUT', `/api/v1/leads/${leadId}/checks/${condition}`, { met: true, evidence: '电话与信用中国核实' });
    await api(server, tokens['wang.flow'], 'POST', `/api/v1/leads/${leadId}/review`, { decision: 'qualified', reason: '三项条件均满足' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('converted, dragged to 交易, won into a contract drafted from the template, approved, active, priced', async () => {
    const page = await signIn(browser, server, 'li.flow', USER_PASSWORD, { timeout: 30000 });

    // Convert on the lead page: the account opens.
    await page.goto(`${server.url}/leads/${leadId}`);
    await page.getByTestId('convert-lead').click();
    await page.getByTestId('convert-ok').click();
    await page.waitForURL(/\/customers\/\d+$/);
    const accountId = Number(new URL(page.url()).pathname.split('/').pop());
    const converted = await api(server, tokens['li.flow'], 'GET', `/api/v1/leads/${leadId}`);
    assert.equal(converted.status, 'converted');
    const opportunityId = converted.opportunity_id;

    // Drag it on the board from 寻找大客户 to 交易 (forward by any number of stages).
    await page.goto(`${server.url}/opportunities?view=board`);
    const card = page.locator(`[data-opportunity-id="${opportunityId}"]`);
    await card.dragTo(page.getByTestId('column-deal'));
    await page.getByTestId('column-deal').locator(`[data-opportunity-id="${opportunityId}"]`).waitFor();
    assert.equal((await api(server, tokens['li.flow'], 'GET', `/api/v1/opportunities/${opportunityId}`)).stage, 'deal');

    // Won on its page: the contract is drafted from the electronics template and opens.
    await page.goto(`${server.url}/opportunities/${opportunityId}`);
    await page.getByTestId('mark-won').click();
    await page.getByTestId('won-confirm').click();
    await page.waitForURL(/\/contracts\/\d+$/);
    const contractId = Number(new URL(page.url()).pathname.split('/').pop());
    let contract = await api(server, tokens['li.flow'], 'GET', `/api/v1/contracts/${contractId}`);
    assert.equal(contract.state, 'draft');
    assert.equal(contract.customer_id, accountId);
    await page.locator('[data-testid="contract-state"][data-state="draft"]').waitFor();

    // Priced: an agreement card copied from the published one, shown as a grid in the editor.
    await page.getByTestId('attach-rate-card').click();
    await page.getByTestId('rate-card-id').filter({ hasText: /#\d+/ }).waitFor();
    contract = await api(server, tokens['li.flow'], 'GET', `/api/v1/contracts/${contractId}`);
    const cardId = contract.terms.rate_card_id;
    assert.ok(cardId > 0);
    // The negotiated price: 跨省 first kilogram ¥12.00 instead of the published ¥15.00.
    const cardResponse = await fetch(`${server.url}/api/v1/rate-cards/${cardId}`, { headers: { Authorization: `Bearer ${tokens['li.flow']}` } });
    const card0 = await cardResponse.json();
    const edit = Object.fromEntries(['rounding', 'minimum_charge', 'remote_surcharge', 'zones', 'fees', 'discounts'].map((k) => [k, card0[k]]));
    edit.zones.find((z) => z.zone === 'cross_province').bands[0].first_price.amount_minor = 1200;
    const put = await fetch(`${server.url}/api/v1/rate-cards/${cardId}`, {
      method: 'PUT', body: JSON.stringify(edit),
      headers: { Authorization: `Bearer ${tokens['li.flow']}`, 'Content-Type': 'application/json', 'If-Match': cardResponse.headers.get('etag') },
    });
    assert.equal(put.status, 200, await put.text());

    // The editor's live quote prices with the draft card beside it: 上海黄浦 → 北京东城 (跨省), 1.2 kg →
    // 1.5 kg: ¥12.00 + 1 × 0.5 kg × ¥3.00 = ¥15.00, before the contract is approved.
    await page.reload();
    await pickPlace(page, 'quote-origin', '黄浦区');
    await pickPlace(page, 'quote-destination', '东城区');
    await page.getByTestId('quote-weight').fill('1.2');
    await page.waitForFunction(() => document.querySelector('[data-testid="quote-total"]')?.textContent === '¥15.00');
    assert.equal(await page.getByTestId('quote-card-kind').getAttribute('data-kind'), 'agreement');

    // Submitted by the salesperson; approved by the manager on the contract page (and finance, when the
    // template's terms ask for it); activated by the salesperson.
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="contract-state"][data-state="in_approval"]').waitFor();
    const manager = await signIn(browser, server, 'wang.flow', USER_PASSWORD, { timeout: 30000 });
    await manager.goto(`${server.url}/contracts/${contractId}`);
    // Listening before the click: a fast answer could otherwise come before the wait begins.
    const approved = manager.waitForResponse((r) => r.url().endsWith(`/contracts/${contractId}/approve`));
    await manager.getByTestId('action-approve').click();
    await approved;
    contract = await api(server, tokens['wang.flow'], 'GET', `/api/v1/contracts/${contractId}`);
    if (contract.state === 'in_approval') await api(server, tokens['zhou.flow'], 'POST', `/api/v1/contracts/${contractId}/approve`);
    assert.equal((await api(server, tokens['li.flow'], 'GET', `/api/v1/contracts/${contractId}`)).state, 'approved');
    await page.reload();
    await page.getByTestId('action-activate').click();
    await page.getByTestId('activate-confirm').click();
    await page.locator('[data-testid="contract-state"][data-state="active"]').waitFor();
    assert.equal((await api(server, tokens['li.flow'], 'GET', `/api/v1/rate-cards/${cardId}`)).status, 'active');

    // A quote for the customer on a day of the contract: 上海黄浦 → 北京东城 (跨省), 1.2 kg → 1.5 kg:
    // agreement ¥12.00 + 1 × 0.5 kg × ¥3.00 = ¥15.00 (published: ¥15.00 + ¥3.00 = ¥18.00).
    const quote = (customer) => api(server, tokens['li.flow'], 'POST', '/api/v1/quotes', {
      product: 'standard', origin: '310101', destination: '110101', weight_grams: 1200,
      ...(customer ? { customer_id: customer } : {}), date: contract.start_date,
    });
    const agreed = await quote(accountId);
    assert.equal(agreed.rate_card.id, cardId);
    assert.equal(agreed.total.amount_minor, 1500);
    assert.equal((await quote(null)).total.amount_minor, 1800);
    await manager.context().close();
    await page.context().close();
  });
});
