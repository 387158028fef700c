// The lead screens (线索, issue 8 item 6) in Debian's Chromium: a salesperson creates a lead through the
// form (a wrong 统一社会信用代码 refused at its field, then a right one), a second lead with the same
// phone is flagged as a duplicate with a link to the first, the admin sets the score weights, the
// salesperson records the three conditions and the evaluation and cannot review, a manager's review
// is refused at the one condition not yet checked and then passes, the lead is converted and the user
// lands on the new account. axe-core on every screen, in Chinese and in English, at 1440 and 390 px.
// Expected values are worked out here by hand; the data is set up through the API where the form is
// not what is tested.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, api, checkA11y, chooseOption, createUser, launchBrowser, login, signIn, startServer } from './harness.mjs';

let server;
let browser;
let firstId;      // the lead the form creates
let secondId;     // the lead with the same phone

// 统一社会信用代码, GB 32100-2015: 17 characters and a check character. The characters' values are
// 0–9 for the digits and A=10 B=11 C=12 D=13 E=14 F=15 G=16 H=17 J=18 K=19 L=20 M=21 N=22 P=23 Q=24
// R=25 T=26 U=27 W=28 X=29 Y=30 (no I O S V Z); the weights of positions 1–17 are 3^(i−1) mod 31:
// 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; the check character is 31 − (Σ value × weight mod 31),
// with 31 read as 0.
// For 91350100M000100Y4_:
//   9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24
//   + 0·10 + Y(30)·30 + 4·28 = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640;
//   1640 mod 31 = 1640 − 52·31 = 1640 − 1612 = 28; 31 − 28 = 3 → the check character is "3".
const GOOD_CODE = '91350100M000100Y43';
const BAD_CODE = '91350100M000100Y44';   // the same with a wrong check character

const SALES = { login: 'li.sales', name: '李晓' };
const MANAGER = { login: 'wang.manager', name: '王强' };
const COMPANY = '福州闽江电商物流有限公司';
const PHONE = '13905911234';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createUser(server, SALES.login, 'sales', { name: SALES.name });
  await createUser(server, MANAGER.login, 'manager', { name: MANAGER.name });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const adminApi = (method, path, body) => api(server, server.adminToken, method, path, body);

async function as(user, { lang = 'zh', viewport } = {}) {
  const page = await signIn(browser, server, user.login, user.login === 'admin' ? ADMIN_PASSWORD : USER_PASSWORD,
    { lang, contextOptions: viewport ? { viewport } : {} });
  return page;
}
const ADMIN = { login: 'admin' };

// axe once the toasts (antd message) have stopped moving.
async function a11y(page, label) {
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-message-notice-wrapper, .ant-message-notice')]
    .every((n) => getComputedStyle(n).opacity === '1'));
  await checkA11y(page, label);
}

// The message antd shows under a form field.
const fieldError = (page, testId) =>
  page.locator('.ant-form-item').filter({ has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

async function pick(page, selectTestId, optionTitle) {
  await page.getByTestId(selectTestId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionTitle}"]`).click();
}

describe('leads', () => {
  test('a salesperson creates a lead: a wrong credit code is refused at its field, a right one is saved, yuan become fen exactly', async () => {
    const page = await as(SALES);
    await page.getByTestId('nav-leads').click();
    await page.waitForURL(/\/leads$/);
    await page.getByTestId('leads-empty').waitFor();
    assert.match(await page.getByTestId('leads-empty').innerText(), /还没有线索/);
    await a11y(page, 'empty lead list (zh)');

    await page.getByTestId('new-lead').click();
    await page.waitForURL(/\/leads\/new$/);
    await page.getByTestId('form-company').fill(COMPANY);
    await page.getByTestId('form-credit-code').fill(BAD_CODE.toLowerCase());
    assert.equal(await page.getByTestId('form-credit-code').inputValue(), BAD_CODE, 'upper-cased as typed');
    await pick(page, 'form-source', '电话营销');
    await pick(page, 'form-industry', '电商');
    await page.getByTestId('form-region').click();
    await page.locator('.ant-cascader-menu-item[title="福建省"]').click();
    await page.locator('.ant-cascader-menu-item[title="福州市"]').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('form-region').getByTitle('福建省 / 福州市').waitFor();
    await page.getByTestId('form-contact-name-0').fill('林晓东');
    await page.getByTestId('form-contact-title-0').fill('物流经理');
    await page.getByTestId('form-contact-phone-0').fill(PHONE);
    await page.getByTestId('form-contact-email-0').fill('lin.xd@minjiang.example.cn');
    await page.getByTestId('form-stated-needs').fill('每天两次上门揽收，当日件 18:00 截单');
    await page.getByTestId('form-underlying-needs').fill('大促期间不能爆仓，丢件要快速理赔');
    await page.getByTestId('form-monthly-volume').fill('3000');
    await page.getByTestId('form-monthly-spend').fill('12,000.5');
    await page.getByTestId('form-competitor-name').fill('某速运');
    await page.getByTestId('form-competitor-strengths').fill('时效稳定');
    await page.getByTestId('form-competitor-weaknesses').fill('价格高，旺季加收附加费');
    await page.getByTestId('form-competitor-services').fill('代收货款、保价');
    await a11y(page, 'new lead form (zh)');

    await page.getByTestId('form-submit').click();
    await fieldError(page, 'form-credit-code').getByText('校验位不正确，请核对是否输错').waitFor();
    await page.getByTestId('save-bar').getByTestId('form-error-link').getByText('统一社会信用代码: 校验位不正确，请核对是否输错').waitFor();
    assert.match(page.url(), /\/leads\/new$/, 'not saved');
    await a11y(page, 'lead form with the server\'s credit-code error (zh)');

    await page.getByTestId('form-credit-code').fill(GOOD_CODE);
    await page.getByTestId('form-submit').click();
    await page.waitForURL(/\/leads\/\d+$/);
    firstId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.getByTestId('lead-company').getByText(COMPANY).waitFor();
    assert.equal(await page.getByTestId('lead-credit-code').innerText(), GOOD_CODE);
    assert.equal(await page.getByTestId('lead-source').innerText(), '电话营销');
    assert.equal(await page.getByTestId('lead-region').innerText(), '福建省 福州市');
    assert.equal(await page.getByTestId('lead-spend').innerText(), '¥12,000.50');
    assert.equal(await page.getByTestId('lead-owner').innerText(), SALES.name, 'a salesperson\'s own lead is theirs');
    assert.equal(await page.getByTestId('lead-status').innerText(), '待审查');
    const saved = await adminApi('GET', `/api/v1/leads/${firstId}`);
    assert.deepEqual(saved.monthly_spend, { amount_minor: 1200050, currency: 'CNY' }, '12,000.5 yuan is 1,200,050 fen');
    assert.equal(saved.monthly_volume, 3000);
    assert.equal(saved.region_code, '3501');
    assert.equal(saved.source, 'telemarketing');
    assert.equal(saved.industry, 'ecommerce');
    assert.equal(saved.competitor.weaknesses, '价格高，旺季加收附加费');
    assert.equal(saved.duplicate, false);
    await a11y(page, 'lead page, details (zh)');
    await page.getByTestId('tab-contacts').click();
    await page.getByTestId('contact-row').first().waitFor();
    await a11y(page, 'lead page, contacts (zh)');

    // The list shows it; the row opens it by keyboard too.
    await page.getByTestId('nav-leads').click();
    await page.getByTestId('lead-row').first().waitFor();
    const row = page.getByTestId('lead-row').filter({ hasText: COMPANY });
    assert.match(await row.innerText(), /电话营销[\s\S]*电商[\s\S]*福建省 福州市[\s\S]*待审查[\s\S]*李晓/);
    await row.getByTestId('lead-link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/leads/${firstId}$`));
    await page.context().close();
  });

  test('a second lead with the same phone is flagged as a duplicate, with a link to the first', async () => {
    const second = await adminApi('POST', '/api/v1/leads', {
      company: '闽江电商（福州）供应链有限公司', source: 'referral', industry: 'ecommerce',
      contacts: [{ name: '林晓东', phone: PHONE }],
    });
    secondId = second.id;
    const page = await as(SALES);
    await page.goto(`${server.url}/leads`);
    const row = page.getByTestId('lead-row').filter({ hasText: '闽江电商（福州）供应链有限公司' });
    await row.getByTestId('lead-duplicate').waitFor();
    assert.equal(await row.getByTestId('lead-duplicate').innerText(), '疑似重复');
    assert.equal(await page.getByTestId('lead-row').filter({ hasText: COMPANY }).getByTestId('lead-duplicate').count(), 0,
      'the first lead had no twin when it was saved');
    assert.match(await row.innerText(), /未分配/, 'a manager\'s or admin\'s lead waits in the pool');
    await a11y(page, 'lead list with a duplicate (zh)');

    await row.getByTestId('lead-link').click();
    await page.waitForURL(new RegExp(`/leads/${secondId}$`));
    const duplicates = page.getByTestId('lead-duplicates');
    await duplicates.waitFor();
    const link = duplicates.getByTestId('duplicate-lead');
    assert.equal(await link.getAttribute('href'), `/leads/${firstId}`);
    assert.match(await duplicates.getByTestId('duplicate').first().innerText(), /联系人电话相同/);
    await a11y(page, 'lead page with duplicates (zh)');
    await link.click();
    await page.waitForURL(new RegExp(`/leads/${firstId}$`));
    await page.getByTestId('lead-company').getByText(COMPANY).waitFor();
    await page.context().close();
  });

  test('the admin sets the score weights: a total other than 100 is refused, 30/20/20/20/10 is saved', async () => {
    const page = await as(ADMIN);
    await page.goto(`${server.url}/leads`);
    await page.getByTestId('lead-settings').click();
    await page.waitForURL(/\/leads\/settings$/);
    const set = async (values) => {
      for (const [criterion, value] of Object.entries(values)) await page.getByTestId(`weight-input-${criterion}`).fill(String(value));
    };
    await set({ service_fit: 30, volume: 20, market_potential: 20, financial_state: 20, scale: 20 });
    await page.getByTestId('weights-sum').getByText('合计必须为 100%，当前为 110%').waitFor();
    await page.getByTestId('weights-save').click();
    await page.getByTestId('weights-error').getByText('合计必须为 100').waitFor();
    await a11y(page, 'score weights refused (zh)');
    await set({ scale: 10 });
    await page.getByTestId('weights-sum').getByText('合计：100%').waitFor();
    await page.getByTestId('weights-save').click();
    await page.getByText('权重已保存').waitFor();
    const { weights } = await adminApi('GET', '/api/v1/sales/score-weights');
    assert.deepEqual(weights, { service_fit: 30, volume: 20, market_potential: 20, financial_state: 20, scale: 10 });
    await page.context().close();

    // A salesperson may not open the page: the menu has no way there and the URL says no access.
    const sales = await as(SALES);
    await sales.goto(`${server.url}/leads`);
    await sales.getByTestId('new-lead').waitFor();
    assert.equal(await sales.getByTestId('lead-settings').count(), 0);
    await sales.goto(`${server.url}/leads/settings`);
    await sales.getByTestId('no-access').waitFor();
    await sales.context().close();
  });

  test('checks and evaluation by the salesperson (no review button), a manager\'s review refused at the unchecked condition then passed, conversion lands on the account', async () => {
    const sales = await as(SALES);
    await sales.goto(`${server.url}/leads/${firstId}?tab=qualification`);
    await sales.getByTestId('qualification').waitFor();
    for (const c of ['not_yet_customer', 'has_need', 'good_credit']) {
      assert.equal(await sales.getByTestId(`condition-${c}-state`).innerText(), '未检查');
    }
    const check = async (page, condition, met, evidence) => {
      await page.getByTestId(`condition-${condition}-record`).click();
      await page.getByTestId(met ? 'check-met-yes' : 'check-met-no').click();
      await page.getByTestId('check-evidence').fill(evidence);
      await page.getByTestId('check-save').click();
      await page.getByTestId('check-evidence').waitFor({ state: 'detached' });
    };
    // Saving without evidence is refused in the dialog.
    await sales.getByTestId('condition-has_need-record').click();
    await sales.getByTestId('check-save').click();
    await sales.getByText('请写明检查依据').waitFor();
    await a11y(sales, 'condition check dialog (zh)');
    await sales.keyboard.press('Escape');
    await sales.getByTestId('check-evidence').waitFor({ state: 'detached' });

    await check(sales, 'not_yet_customer', true, '客户系统中查无此公司，现由某速运承运');
    await check(sales, 'has_need', true, '电话沟通：日均 100 票，需要每天两次揽收');
    await sales.waitForFunction(() => document.querySelector('[data-testid="condition-has_need-state"]')?.getAttribute('data-state') === 'met');
    assert.equal(await sales.getByTestId('condition-not_yet_customer-state').innerText(), '符合');
    assert.equal(await sales.getByTestId('condition-has_need-evidence').innerText(), '电话沟通：日均 100 票，需要每天两次揽收');
    assert.equal(await sales.getByTestId('condition-has_need-by').innerText(), SALES.name);
    assert.equal(await sales.getByTestId('condition-good_credit-state').innerText(), '未检查');

    // The evaluation under the admin's weights 30/20/20/20/10 (previous test): ratings 4, 5, 3, 4, 2
    // score (4·30 + 5·20 + 3·20 + 4·20 + 2·10) ÷ 5 = (120 + 100 + 60 + 80 + 20) ÷ 5 = 380 ÷ 5 = 76.
    assert.equal(await sales.getByTestId('weight-service_fit').innerText(), '权重 30%');
    assert.equal(await sales.getByTestId('weight-scale').innerText(), '权重 10%');
    const ratings = { service_fit: 4, volume: 5, market_potential: 3, financial_state: 4, scale: 2 };
    for (const [criterion, value] of Object.entries(ratings)) await sales.getByTestId(`rating-${criterion}`).fill(String(value));
    await sales.getByTestId('evaluate').click();
    await sales.getByTestId('lead-score-now').getByText('76 / 100').waitFor();
    assert.equal((await adminApi('GET', `/api/v1/leads/${firstId}`)).evaluation.score, 76);

    // A salesperson cannot review.
    assert.equal(await sales.getByTestId('review-submit').count(), 0);
    await sales.getByTestId('review-managers-only').waitFor();
    await a11y(sales, 'qualification as a salesperson (zh)');

    // The manager's review before the third check: refused, and the problem shows at that condition.
    const manager = await as(MANAGER);
    await manager.goto(`${server.url}/leads/${firstId}?tab=qualification`);
    await manager.getByTestId('review-submit').waitFor();
    await manager.getByTestId('review-qualified').click();
    await manager.getByTestId('review-reason').fill('信用、财务和规模均符合要求');
    await manager.getByTestId('review-submit').click();
    await manager.getByTestId('condition-good_credit-problem').getByText('尚未检查').waitFor();
    assert.equal(await manager.getByTestId('condition-has_need-problem').count(), 0);
    await a11y(manager, 'review refused at a condition (zh)');

    await check(manager, 'good_credit', true, '信用中国查询无失信记录，与现合作方无欠款');
    await manager.getByTestId('condition-good_credit-problem').waitFor({ state: 'detached' });
    assert.equal(await manager.getByTestId('condition-good_credit-by').innerText(), MANAGER.name);
    await manager.getByTestId('review-submit').click();
    await manager.getByTestId('review-decision').getByText('通过（合格）').waitFor();
    assert.equal(await manager.getByTestId('lead-status').innerText(), '已合格');
    await a11y(manager, 'qualified lead (zh)');
    await manager.context().close();

    // The salesperson converts the qualified lead and lands on the new account.
    await sales.reload();
    await sales.getByTestId('convert-lead').click();
    await sales.getByTestId('convert-ok').waitFor();
    await a11y(sales, 'convert dialog (zh)');
    await sales.getByTestId('convert-ok').click();
    await sales.waitForURL(/\/customers\/\d+$/);
    const accountId = Number(new URL(sales.url()).pathname.split('/')[2]);
    await sales.getByTestId('customer-name').getByText(COMPANY).waitFor();
    const lead = await adminApi('GET', `/api/v1/leads/${firstId}`);
    assert.equal(lead.status, 'converted');
    assert.equal(lead.account_id, accountId);
    // The converted lead links to its account and can no longer be edited or converted.
    await sales.goto(`${server.url}/leads/${firstId}`);
    await sales.getByTestId('lead-converted').waitFor();
    assert.equal(await sales.getByTestId('lead-account-link').getAttribute('href'), `/customers/${accountId}`);
    assert.equal(await sales.getByTestId('edit-lead').count(), 0);
    assert.equal(await sales.getByTestId('convert-lead').count(), 0);
    assert.equal(await sales.getByTestId('lead-status').innerText(), '已转化');
    await sales.context().close();
  });

  test('in English: the list, the form, the lead page and its qualification pass axe', async () => {
    const page = await as(MANAGER, { lang: 'en' });
    await page.goto(`${server.url}/leads`);
    await page.getByTestId('lead-row').first().waitFor();
    assert.equal(await page.getByTestId('page-title').innerText(), 'Leads');
    await a11y(page, 'lead list (en)');
    // A filter: the converted lead only.
    await pick(page, 'filter-status', 'Converted');
    await page.waitForURL(/status=converted/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="lead-row"]').length === 1);
    await page.getByTestId('lead-row').filter({ hasText: COMPANY }).waitFor();
    await pick(page, 'filter-source', 'Door-to-door');
    await page.getByTestId('leads-empty').getByText('No leads match').waitFor();
    await a11y(page, 'filtered empty lead list (en)');

    await page.goto(`${server.url}/leads/new`);
    await page.getByTestId('form-company').waitFor();
    await page.getByTestId('form-company').fill('Test');
    await page.getByTestId('form-credit-code').fill('91350100M00010');
    await pick(page, 'form-source', 'Referral');
    await page.getByTestId('form-contact-name-0').fill('Lin');
    await page.getByTestId('form-monthly-spend').fill('12.345');
    await page.getByTestId('form-monthly-spend').blur();
    await fieldError(page, 'form-monthly-spend').getByText('An amount such as 12000 or 12000.50 (at most two decimals)').waitFor();
    await page.getByTestId('form-monthly-spend').fill('');
    await page.getByTestId('form-submit').click();
    await fieldError(page, 'form-credit-code').getByText('Wrong length (a credit code has 18 characters)').waitFor();
    await a11y(page, 'lead form with errors (en)');
    await page.getByTestId('form-cancel').click();
    await page.getByTestId('leave-go').click();

    await page.goto(`${server.url}/leads/${secondId}?tab=qualification`);
    await page.getByTestId('review-panel').getByText('Qualification review').waitFor();
    await a11y(page, 'lead qualification (en)');
    await page.getByTestId('tab-details').click();
    await page.getByTestId('lead-duplicates').getByText('May be the same company as').waitFor();
    await a11y(page, 'lead page with duplicates (en)');
    await page.context().close();
  });

  test('at 390 px: the list as cards, the lead page and the form fit the phone\'s width', async () => {
    const viewport = { width: 390, height: 844 };
    const page = await as(MANAGER, { viewport });
    const fits = async (what) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `${what}: the page is ${width} px wide`);
    };
    await page.goto(`${server.url}/leads`);
    await page.getByTestId('lead-row').first().waitFor();
    await fits('list');
    await a11y(page, 'lead list at 390 px (zh)');
    await page.goto(`${server.url}/leads/${secondId}?tab=qualification`);
    await page.getByTestId('qualification').waitFor();
    await fits('qualification');
    await a11y(page, 'qualification at 390 px (zh)');
    await page.getByTestId('record-actions').click();
    await page.getByTestId('assign-lead').click();
    await page.getByTestId('assign-ok').waitFor();
    await pick(page, 'assign-owner', SALES.name);
    await a11y(page, 'assign dialog at 390 px (zh)');
    await page.getByTestId('assign-ok').click();
    await page.getByText(`线索已分配给 ${SALES.name}`).waitFor();
    await page.getByTestId('tab-details').click();
    await page.getByTestId('lead-owner').getByText(SALES.name).waitFor();
    assert.equal((await adminApi('GET', `/api/v1/leads/${secondId}`)).owner_id,
      (await adminApi('GET', '/api/v1/users/options')).users.find((u) => u.name === SALES.name).id);
    await page.goto(`${server.url}/leads/${secondId}/edit`);
    await page.getByTestId('form-company').waitFor();
    await fits('form');
    await a11y(page, 'lead form at 390 px (zh)');
    await page.context().close();
  });

  // The server is being changed (in main) so that a lead's contacts arrive masked and one value is
  // revealed by POST /api/v1/leads/{id}/reveal; until that lands here, this test cannot pass.
  test('a manager reveals a masked contact phone of a lead with a reason', async () => {
    const page = await as(MANAGER);
    await page.goto(`${server.url}/leads/${secondId}?tab=contacts`);
    const phone = page.getByTestId('contact-phone');
    await phone.waitFor();
    assert.equal(await phone.innerText(), '*******1234', 'masked for a manager too');
    await page.getByTestId('lead-masked-notice').waitFor();
    await page.getByTestId('contact-phone-show').click();
    await page.getByTestId('reveal-help').waitFor();
    await a11y(page, 'reveal dialog on a lead (zh)');
    await chooseOption(page, 'reveal-reason', 'reveal-reason-callback');
    await page.getByTestId('reveal-confirm').click();
    await page.waitForFunction((p) => document.querySelector('[data-testid="contact-phone"]')?.textContent === p, PHONE);
    assert.equal(await page.getByTestId('contact-phone').getAttribute('data-revealed'), 'true');
    // The API sends it masked to the salesperson as well.
    const token = await login(server, SALES.login, USER_PASSWORD);
    const lead = await api(server, token, 'GET', `/api/v1/leads/${secondId}`);
    assert.equal(lead.contacts[0].phone, '*******1234');
    await page.context().close();
  });
});
