// Prices (运价, issue 8 items 5–6) in Debian's Chromium: the admin opens the seeded standard card (标准快递
// 公布价) in the grid, starts a draft from it and edits it — a band that leaves a gap and a negative
// price are refused by the server and shown at their cells —, saves and activates it; the quote page
// prices a shipment line by line with that card (totals worked out by hand below); the agreement list
// and the zone matrix show; a portal user sees its own contract's customer-facing terms and its
// agreement price through the calculator, and nothing internal. axe-core on every screen, in Chinese
// and in English, at 1440 and at 390 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, login, pickPlace, signIn, startServer } from './harness.mjs';

let server;
let browser;
let customer;
let contract;
let agreementCard;

const CUSTOMER = '成都天府电子有限公司';
const INTERNAL_NOTE = '底价可再让百分之二';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createUser(server, 'wang.manager', 'manager', { name: '王经理' });
  await createUser(server, 'zhao.finance', 'finance', { name: '赵会计' });
  customer = await createCustomer(server, { name: CUSTOMER, code: 'TF-100', industry: 'electronics' });
  await createUser(server, 'tianfu.portal', 'portal', { customer_id: customer.id });

  // The customer's agreement card: the published standard card with 跨省 first 1 kg at ¥13.00 (instead
  // of ¥15.00), active since 2020 so that it prices today's quotes.
  const published = (await api(server, server.adminToken, 'GET', '/api/v1/rate-cards?kind=published&product=standard&status=active')).items[0];
  const { rounding, minimum_charge, remote_surcharge, zones, fees, discounts } = published;
  const cross = zones.find((z) => z.zone === 'cross_province');
  cross.bands[0].first_price = { amount_minor: 1300, currency: 'CNY' };
  agreementCard = await api(server, server.adminToken, 'POST', '/api/v1/rate-cards', {
    kind: 'agreement', product: 'standard', customer_id: customer.id, name: '天府电子 协议价',
    rounding, minimum_charge, remote_surcharge, zones, fees, discounts,
  });
  await api(server, server.adminToken, 'POST', `/api/v1/rate-cards/${agreementCard.id}/activate`, { valid_from: '2020-01-01' });

  // An active contract, with internal terms the portal must never show. (A contract's own card is made
  // with POST /contracts/{id}/rate-card and follows the contract; this customer's card stands alone.)
  contract = await api(server, server.adminToken, 'POST', '/api/v1/contracts', {
    customer_id: customer.id, services: ['transport', 'delivery', 'insurance'],
    billing_cycle: 'monthly', account_period_days: 30, annual_value: { amount_minor: 123456700, currency: 'CNY' },
    internal_notes: INTERNAL_NOTE, transit_promises: [{ product: 'standard', zone: 'cross_province', hours: 72 }],
    clauses: ['易碎品须木箱包装'],
  });
  const submitted = await api(server, server.adminToken, 'POST', `/api/v1/contracts/${contract.id}/submit`, {});
  const approvers = { manager: await login(server, 'wang.manager', USER_PASSWORD), finance: await login(server, 'zhao.finance', USER_PASSWORD) };
  for (const step of submitted.required_approvals) {
    await api(server, approvers[step], 'POST', `/api/v1/contracts/${contract.id}/approve`, {});
  }
  contract = await api(server, server.adminToken, 'POST', `/api/v1/contracts/${contract.id}/activate`, {});
  assert.equal(contract.state, 'active');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The error antd shows under the form item holding the element of `testId`, once it shows (it comes in
// a moment after the list above the save button).
async function errorAt(page, testId) {
  const item = page.getByTestId(testId).locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-form-item ")][1]');
  const explain = item.locator('.ant-form-item-explain-error');
  await explain.first().waitFor();
  return (await explain.allInnerTexts()).join(' ');
}

// Whether the form item holding the element of `testId` shows no error (waits up to 10 s for it to go).
async function noErrorAt(page, testId) {
  const item = page.getByTestId(testId).locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-form-item ")][1]');
  return (await settle(() => item.locator('.ant-form-item-explain-error').count(), 0)) === 0;
}

// Polls `read` until it answers `expected` or 10 s pass; answers the last value (for the assertion).
async function settle(read, expected) {
  let last;
  for (let i = 0; i < 50; i++) {
    last = await read();
    if (last === expected) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}

const total = (page) => page.getByTestId('quote-total').innerText();
const lines = (page) => page.getByTestId('quote-line').evaluateAll((rows) => rows.map((r) => [r.dataset.code,
  r.querySelector('[data-testid="quote-line-amount"]').textContent, r.querySelector('[data-testid="quote-line-rule"]').textContent]));

async function noOverflow(page, label) {
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} is ${overflow} px wider than the screen`);
}

describe('prices (运价)', () => {
  let draftId;

  test('the admin opens the standard card, edits a draft copy (a band gap and a negative price refused at their cells) and activates it', async () => {
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, { timeout: 30000 });
    await page.getByTestId('nav-pricing').click();
    const row = page.getByTestId('card-row').filter({ hasText: '标准快递 公布价' });
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'active');
    await checkA11y(page, 'published cards (zh)');
    await row.getByTestId('card-link').click();

    // The published card, read only: 跨省 first 1 kg ¥15.00, then each 0.5 kg ¥3.00 (StandardRateCard).
    await page.getByTestId('rate-card-grid').waitFor();
    assert.equal(await page.getByTestId('rate-card-grid').getAttribute('data-editable'), 'no');
    assert.equal(await page.getByTestId('page-title').innerText(), '标准快递 公布价');
    assert.equal(await page.getByTestId('cell-zones[3].bands[0].first_price').innerText(), '¥15.00');
    assert.equal(await page.getByTestId('cell-zones[3].bands[0].step_price').innerText(), '¥3.00');
    assert.equal(await page.getByTestId('cell-zones[3].bands[1].from_grams').innerText(), '3 kg');
    assert.equal(await page.getByTestId('cell-fees.insured.rate_bp').innerText(), '0.3%');
    assert.equal(await page.locator('[data-testid="band-row"][data-zone="cross_province"]').count(), 2);
    await checkA11y(page, 'published card grid (zh)');

    // A draft from it, editable.
    await page.getByTestId('card-new-draft').click();
    await page.waitForURL(/\/pricing\/cards\/\d+$/);
    await page.locator('[data-testid="rate-card-grid"][data-editable="yes"]').waitFor();
    draftId = Number(page.url().match(/(\d+)$/)[1]);
    assert.equal(await page.getByTestId('card-status').getAttribute('data-status'), 'draft');
    assert.equal(await page.getByTestId('cell-zones[3].bands[0].first_price').inputValue(), '15.00');

    // 跨省's second band from 3.5 kg: 3–3.5 kg has no band. The server names zones[3].bands[1].from_grams.
    await page.getByTestId('cell-zones[3].bands[1].from_grams').fill('3.5');
    await page.getByTestId('card-save').click();
    await page.getByTestId('card-errors').waitFor();
    assert.match(await errorAt(page, 'cell-zones[3].bands[1].from_grams'), /空缺/);
    assert.equal(await page.getByTestId('card-error-link').getAttribute('data-field'), 'zones[3].bands[1].from_grams');
    assert.match(await page.getByTestId('card-error-link').innerText(), /^跨省 · 第 2 段 · 起始重量/);
    await checkA11y(page, 'draft with a band gap (zh)');
    // The error's link takes the keyboard to its cell.
    await page.getByTestId('card-error-link').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'cell-zones[3].bands[1].from_grams');

    // Back to 3 kg; a negative first price instead.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.getByTestId('cell-zones[3].bands[0].first_price').fill('-1');
    await page.getByTestId('card-save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="card-error-link"]')?.dataset.field === 'zones[3].bands[0].first_price');
    assert.match(await errorAt(page, 'cell-zones[3].bands[0].first_price'), /不能为负数/);
    assert.ok(await noErrorAt(page, 'cell-zones[3].bands[1].from_grams'), 'the gap is gone');
    assert.equal(await page.getByTestId('card-error-link').count(), 1);

    // ¥16.50: saved, then activated (it replaces the standard card).
    await page.getByTestId('cell-zones[3].bands[0].first_price').fill('16.50');
    await page.getByTestId('card-save').click();
    await page.locator('[data-testid="card-dirty"][data-dirty="no"]').waitFor();
    assert.equal(await page.getByTestId('card-errors').count(), 0);
    assert.equal(await page.getByTestId('cell-zones[3].bands[0].first_price').inputValue(), '16.50');
    await page.getByTestId('card-activate').click();
    await page.getByTestId('activate-confirm').click();
    await page.locator('[data-testid="card-status"][data-status="active"]').waitFor();
    assert.equal(await page.getByTestId('rate-card-grid').getAttribute('data-editable'), 'no');
    assert.equal(await page.getByTestId('cell-zones[3].bands[0].first_price').innerText(), '¥16.50');
    const active = await api(server, server.adminToken, 'GET', '/api/v1/rate-cards?kind=published&product=standard&status=active');
    assert.deepEqual(active.items.map((c) => c.id), [draftId]);
    await page.context().close();
  });

  test('the quote page prices a shipment line by line with the card just activated; 重货 asks for dimensions at that input', async () => {
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, { timeout: 30000 });
    await page.getByTestId('nav-quote').click();
    await page.getByTestId('quote-hint').waitFor();
    await checkA11y(page, 'quote page, empty (zh)');
    await pickPlace(page, 'quote-origin', '黄浦区');       // 上海
    await pickPlace(page, 'quote-destination', '东城区');  // 北京: not a neighbour of 上海, not remote → 跨省
    await page.getByTestId('quote-weight').fill('2.3');
    await page.getByTestId('quote-declared-value').fill('2000');
    await page.getByTestId('quote-monthly').fill('600');
    await page.getByTestId('quote-service-insured').click();
    await page.getByTestId('quote-service-signed_receipt').click();
    // By hand, from the activated draft (StandardRateCard with 跨省 first 1 kg at ¥16.50):
    //   2.3 kg rounds up to 2.5 kg (half_kg); band [0, 3 kg): ¥16.50 + ceil(1.5 kg / 0.5 kg) = 3 × ¥3.00 → ¥25.50
    //   600 a month ≥ 500: 5 % of ¥25.50 = ¥1.275 → -¥1.28 (half up); ¥24.22 is above the ¥8.00 minimum
    //   保价 0.3 % of ¥2,000.00 = ¥6.00 (minimum ¥2.00); 回单 ¥3.00
    //   total 25.50 - 1.28 + 6.00 + 3.00 = ¥33.22
    assert.equal(await settle(() => total(page), '¥33.22'), '¥33.22');
    assert.deepEqual(await lines(page), [
      ['freight', '¥25.50', '跨省 2.5kg: 首重 1kg ¥16.50 + 续重 3×0.5kg×¥3.00'],
      ['discount', '-¥1.28', '月件量 ≥ 500：运费 ¥25.50 × 5.00%'],
      ['insured', '¥6.00', '申报价值 ¥2000.00 × 0.30%，最低 ¥2.00'],
      ['signed_receipt', '¥3.00', '每件 ¥3.00'],
    ]);
    assert.equal(await page.getByTestId('quote-card-kind').getAttribute('data-kind'), 'published');
    assert.equal(await page.getByTestId('quote-card-kind').innerText(), '公布价');
    assert.equal(await page.getByTestId('quote-card-name').innerText(), '标准快递 公布价（修订草稿）');
    await checkA11y(page, 'quote with a breakdown (zh)');

    // 重货 is priced by measured volume: without dimensions the server names dimensions_cm.
    await page.getByTestId('quote-product-heavy').click();
    await page.locator('#quote-dimensions-help').waitFor();
    assert.equal(await page.locator('#quote-dimensions-help').innerText(), '必填');
    assert.equal(await page.getByTestId('quote-length').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('quote-total').count(), 0, 'no price while the input is wrong');
    await checkA11y(page, 'quote with a field error (zh)');
    await page.getByTestId('quote-length').fill('40');
    await page.getByTestId('quote-width').fill('30');
    await page.getByTestId('quote-height').fill('20');
    // 40×30×20 cm = 24,000 cm³ ÷ 6,000 = 4 kg volumetric > 2.3 kg actual; one_kg rounding: 4 kg.
    // 跨省 band [3 kg, 50 kg): first 3 kg ¥30.00 + 1 × 1 kg × ¥4.50 = ¥34.50; 5 % = ¥1.725 → -¥1.73;
    // ¥32.77 is above the ¥30.00 minimum; + ¥6.00 保价 + ¥3.00 回单 = ¥41.77.
    assert.equal(await settle(() => total(page), '¥41.77'), '¥41.77');
    assert.equal(await page.getByTestId('quote-chargeable').innerText(), '4 kg');
    assert.equal(await page.locator('#quote-dimensions-help').count(), 0);

    // In English the labels and the rules are English.
    await page.getByTestId('lang-switch').click();
    await page.getByText('Chargeable').first().waitFor();
    const freight = page.locator('[data-testid="quote-line"][data-code="freight"]');
    assert.match(await freight.innerText(), /Freight/);
    assert.match(await freight.getByTestId('quote-line-rule').innerText(), /^Cross-province 4kg: first 3kg ¥30\.00 \+ continued 1×1kg×¥4\.50$/);
    assert.equal(await page.getByTestId('quote-card-kind').innerText(), 'Published price');
    await checkA11y(page, 'quote with a breakdown (en)');
    await page.getByTestId('lang-switch').click();
    await page.context().close();
  });

  test('the agreement cards list, filtered by customer, and the zone matrix', async () => {
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, { lang: 'en', timeout: 30000 });
    await page.goto(`${server.url}/pricing?tab=agreements`);
    await page.getByTestId('card-row').first().waitFor();
    await page.getByTestId('filter-customer').click();
    await page.keyboard.type('天府');
    await page.locator('.ant-select-item-option', { hasText: CUSTOMER }).click();
    await page.waitForURL(new RegExp(`customer_id=${customer.id}`));
    await settle(() => page.getByTestId('card-row').count(), 1);
    const row = page.getByTestId('card-row');
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /天府电子 协议价/);
    assert.match(await row.innerText(), new RegExp(CUSTOMER));
    assert.match(await row.innerText(), /Active/);
    await checkA11y(page, 'agreement cards (en)');

    // The agreement card opens in the grid: 跨省 first 1 kg ¥13.00.
    await row.getByTestId('card-link').click();
    await page.getByTestId('rate-card-grid').waitFor();
    assert.equal(await page.getByTestId('cell-zones[3].bands[0].first_price').innerText(), '¥13.00');
    assert.match(await page.getByTestId('card-heading').innerText(), /Agreement price/);
    await checkA11y(page, 'agreement card grid (en)');

    await page.goto(`${server.url}/pricing?tab=zones`);
    const shanghai = page.locator('[data-testid="province-row"][data-code="31"]');
    await shanghai.waitFor();
    assert.match(await shanghai.innerText(), /江苏省/);
    assert.match(await shanghai.innerText(), /浙江省/);
    assert.equal(await page.getByTestId('remote-65').isChecked(), true, '新疆 is remote');
    assert.equal(await page.getByTestId('remote-31').isChecked(), false);
    await page.getByTestId('remote-31').check();
    assert.equal(await page.getByTestId('zones-dirty').getAttribute('data-dirty'), 'yes');
    await page.getByTestId('zones-discard').click();
    assert.equal(await page.getByTestId('remote-31').isChecked(), false);
    await checkA11y(page, 'zone matrix (en)');
    await page.getByTestId('lang-switch').click();
    await page.getByText('相邻省份（邻省）').first().waitFor();
    await checkA11y(page, 'zone matrix (zh)');
    await page.context().close();
  });

  test('the card grid at 390 px: it scrolls inside its table, the page does not', async () => {
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, { timeout: 30000, contextOptions: { viewport: { width: 390, height: 844 } } });
    await page.goto(`${server.url}/pricing/cards/${draftId}`);
    await page.getByTestId('rate-card-grid').waitFor();
    await page.getByTestId('cell-zones[4].bands[1].step_price').waitFor({ state: 'attached' });
    await noOverflow(page, 'the card page');
    await checkA11y(page, 'card grid at 390 px (zh)');
    await page.context().close();
  });
});

describe('the portal: contract and prices', () => {
  for (const lang of ['zh', 'en']) {
    test(`a portal user sees its contract's customer-facing terms and its agreement price, nothing internal (${lang}, 390 px)`, async () => {
      const page = await signIn(browser, server, 'tianfu.portal', USER_PASSWORD, { lang, timeout: 30000, contextOptions: { viewport: { width: 390, height: 844 } } });
      await page.goto(`${server.url}/contract`);
      await page.getByTestId('portal-contract-number').waitFor();
      assert.equal(await page.getByTestId('portal-contract-number').innerText(), contract.number);
      const terms = await page.getByTestId('portal-contract-card').innerText();
      if (lang === 'zh') {
        assert.match(terms, /生效中/);
        assert.match(terms, /月结/);
        assert.match(terms, /30 天/);
        assert.match(terms, /跨省/);
        assert.match(terms, /72 小时内/);
        assert.match(terms, /准时送达率/);
      } else {
        assert.match(terms, /In force/);
        assert.match(terms, /Monthly/);
        assert.match(terms, /72 hours/);
      }
      assert.match(terms, /易碎品须木箱包装/);
      // Nothing internal: the annual value, the notes, the owner, the approvals.
      const body = await page.locator('body').innerText();
      for (const internal of [INTERNAL_NOTE, '1,234,567', '1234567', '王经理', 'wang.manager', '赵会计', '审批', 'pproval', '年度', 'nnual']) {
        assert.ok(!body.includes(internal), `the portal shows "${internal}"`);
      }
      // The staff pages are not there.
      assert.equal(await page.getByTestId('nav-pricing').count(), 0);
      const cards = await page.evaluate(async () => (await fetch('/api/v1/rate-cards')).status);
      assert.equal(cards, 403, 'a portal user reads no rate card');

      // Its price list (价目表): 标准快递 at its agreement price (跨省 first 1 kg ¥13.00, each 0.5 kg
      // ¥3.00), the other products at the published price.
      const standard = page.getByTestId('price-list-standard');
      await standard.waitFor();
      assert.equal(await standard.getAttribute('data-kind'), 'agreement');
      assert.equal(await standard.getByTestId('price-list-kind').innerText(), lang === 'zh' ? '协议价' : 'Agreement price');
      const crossRow = standard.getByTestId('price-list-bands').locator('tr', { hasText: lang === 'zh' ? '跨省' : 'Cross-province' });
      const crossText = await crossRow.first().innerText();
      assert.match(crossText, lang === 'zh' ? /1 kg 内 ¥13\.00/ : /first 1 kg: ¥13\.00/);
      assert.match(crossText, lang === 'zh' ? /每 0\.5 kg ¥3\.00/ : /each 0\.5 kg: ¥3\.00/);
      assert.equal(await page.getByTestId('price-list-express').getAttribute('data-kind'), 'published');

      // Its prices, through the calculator: the agreement card (跨省 first 1 kg ¥13.00).
      await pickPlace(page, 'quote-origin', '黄浦区');
      await pickPlace(page, 'quote-destination', '东城区');
      await page.getByTestId('quote-weight').fill('2.3');
      // By hand: 2.5 kg 跨省 = ¥13.00 + 3 × ¥3.00 = ¥22.00; no monthly volume, no discount; above ¥8.00.
      assert.equal(await settle(() => total(page), '¥22.00'), '¥22.00');
      assert.equal(await page.getByTestId('quote-card-kind').getAttribute('data-kind'), 'agreement');
      assert.equal(await page.getByTestId('quote-card-kind').innerText(), lang === 'zh' ? '协议价' : 'Agreement price');
      await noOverflow(page, 'the portal contract page');
      await checkA11y(page, `portal contract and prices (${lang}, 390 px)`);
      await page.context().close();
    });
  }
});
