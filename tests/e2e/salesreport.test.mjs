// The pipeline report (销售报表, issue 8 item 6) in Debian's Chromium, at 1440×900 and 390×844, in Chinese
// and English: the empty state of a new installation; the funnel, conversion by source, win/loss and
// forecast figures as the server counted them over the data this test seeds (worked out below); each
// chart an image labelled with its summary and its figures in a table; a salesperson's report covers
// only their own, their team's and the unassigned; the owner filter and the date filters narrow it
// (the URL keeps them) down to the filtered empty state; axe-core finds nothing serious anywhere.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, login, signIn, startServer } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = process.env.CONSIGN_BINARY ?? path.join(root, 'build/src/app/consign');

let server;
let browser;
let zhao;  // sales, team 华南一组

const SIZES = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }];

// Teams are made by the command line only (consign user add --team).
function addTeamUser(loginName, name) {
  const r = spawnSync(binary, ['user', 'add', '--db', server.db, '--login', loginName, '--name', name, '--role', 'sales',
    '--team', '华南一组', '--password-stdin'], { input: USER_PASSWORD + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

const lead = (source, company, phone, extra = {}) => ({
  source, company, industry: 'electronics', monthly_volume: 1000, contacts: [{ name: '王经理', phone }], ...extra,
});

// The data (fen):
//   赵磊 (sales, 华南一组): L1 referral, converted → O1 at 交易, won, ¥45,000.00 a month;
//                          L2 telemarketing, open; O4 进一步沟通 40 % × 200,000 = 80,000.
//   admin:                 L3 halo, unassigned (the pool), open; O2 跟进 60 % × 1,000,000 = 600,000;
//                          O3 lost (price).
// The admin sees everything: forecast 680,000 = ¥6,800.00, won ¥45,000.00, 2 open, 1 won, 1 lost.
// 赵磊 sees his own and the pool: forecast ¥800.00, won ¥45,000.00, nothing lost.
async function seed() {
  const zhaoToken = await login(server, 'zhao.sales', USER_PASSWORD);
  const admin = server.adminToken;
  const l1 = await api(server, zhaoToken, 'POST', '/api/v1/leads', lead('referral', '深圳顺达电子有限公司', '13812340001', {
    credit_code: '91440300708461136T', monthly_spend: { amount_minor: 4500000, currency: 'CNY' } }));
  await api(server, zhaoToken, 'POST', '/api/v1/leads', lead('telemarketing', '广州飞鸿服饰有限公司', '13812340002'));
  await api(server, admin, 'POST', '/api/v1/leads', lead('halo', '东莞精工电子有限公司', '13812340003'));
  for (const condition of ['not_yet_customer', 'has_need', 'good_credit'])
    await api(server, zhaoToken, 'PUT', `/api/v1/leads/${l1.id}/checks/${condition}`, { met: true, evidence: '电话核实' });
  await api(server, admin, 'POST', `/api/v1/leads/${l1.id}/review`, { decision: 'qualified', reason: '三项条件均满足' });
  const converted = await api(server, zhaoToken, 'POST', `/api/v1/leads/${l1.id}/convert`);
  const o1 = converted.opportunity.id;
  await api(server, zhaoToken, 'POST', `/api/v1/opportunities/${o1}/stage`, { stage: 'deal' });
  await api(server, zhaoToken, 'POST', `/api/v1/opportunities/${o1}/won`);
  await api(server, zhaoToken, 'POST', '/api/v1/opportunities', { name: '顺达 华北线路', account_id: converted.account_id,
    stage: 'deeper_talks', monthly_revenue: { amount_minor: 200000, currency: 'CNY' } });
  const account = await createCustomer(server, { name: '上海东方医药', industry: 'pharma' });
  await api(server, admin, 'POST', '/api/v1/opportunities', { name: '东方医药 冷链', account_id: account.id,
    stage: 'follow_up', monthly_revenue: { amount_minor: 1000000, currency: 'CNY' } });
  const o3 = await api(server, admin, 'POST', '/api/v1/opportunities', { name: '东方医药 仓配', account_id: account.id,
    monthly_revenue: { amount_minor: 12345, currency: 'CNY' } });
  await api(server, admin, 'POST', `/api/v1/opportunities/${o3.id}/lost`, { reason: 'price', note: '报价高' });
}

const WORDS = {
  zh: {
    nav: '销售报表', empty: /还没有线索或商机/, emptyFiltered: /没有符合筛选条件/, clear: '清除筛选',
    sources: ['逐户寻访', '客户引荐', '光辉效应', '直接邮寄', '电话营销', '滚雪球', '资料查阅', '市场咨询'],
    referral: ['客户引荐', '1', '1（100.00%）', '1（100.00%）', '1（100.00%）'],
    doorToDoor: ['逐户寻访', '0', '0（—）', '0（—）', '0（—）'],
    telemarketing: ['电话营销', '1', '0（0.00%）', '0（0.00%）', '0（0.00%）'],
    maintenance: ['维护', '100%', '1', '¥45,000.00', '¥45,000.00'],
    followUp: ['跟进', '60%', '1', '¥10,000.00', '¥6,000.00'],
    won: '赢单', lostPrice: '丢单：价格', funnelLabel: /销售漏斗（按阶段）：.*维护 1 个/,
  },
  en: {
    nav: 'Pipeline report', empty: /No leads or opportunities yet/, emptyFiltered: /match these filters/, clear: 'Clear filters',
    sources: ['Door-to-door', 'Referral', 'Halo / influencer', 'Direct mail', 'Telemarketing', 'Snowball', 'Desk research', 'Market consulting'],
    referral: ['Referral', '1', '1 (100.00%)', '1 (100.00%)', '1 (100.00%)'],
    doorToDoor: ['Door-to-door', '0', '0 (—)', '0 (—)', '0 (—)'],
    telemarketing: ['Telemarketing', '1', '0 (0.00%)', '0 (0.00%)', '0 (0.00%)'],
    maintenance: ['Maintenance', '100%', '1', '¥45,000.00', '¥45,000.00'],
    followUp: ['Follow-up', '60%', '1', '¥10,000.00', '¥6,000.00'],
    won: 'Won', lostPrice: 'Lost: Price', funnelLabel: /Funnel by stage: .*Maintenance 1/,
  },
};

async function cells(page, testId) {
  return (await page.getByTestId(testId).locator('th, td').allInnerTexts()).map((s) => s.trim());
}

async function stat(page, testId) {
  return (await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText()).trim();
}

async function settled(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

async function open(loginName, password, lang, size, query = '') {
  const page = await signIn(browser, server, loginName, password, { lang, timeout: 20000, contextOptions: { viewport: { width: size.width, height: size.height } } });
  await page.goto(`${server.url}/sales/report${query}`);
  await page.getByTestId('salesreport').waitFor();
  return page;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  addTeamUser('zhao.sales', '赵磊');
  const options = await api(server, server.adminToken, 'GET', '/api/v1/users/options');
  zhao = options.users.find((u) => u.name === '赵磊');
  await createUser(server, 'kefu.agent', 'agent');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('pipeline report', () => {
  test('a new installation shows the empty state (zh and en); the menu names the report', async () => {
    for (const lang of ['zh', 'en']) {
      const page = await open('admin', ADMIN_PASSWORD, lang, SIZES[0]);
      await page.getByTestId('salesreport-empty').waitFor();
      assert.match(await page.getByTestId('salesreport-empty').innerText(), WORDS[lang].empty);
      assert.equal((await page.getByTestId('nav-salesreport').first().innerText()).trim(), WORDS[lang].nav);
      await settled(page);
      await checkA11y(page, `salesreport empty ${lang}`);
      await page.context().close();
    }
    await seed();
  });

  for (const size of SIZES) {
    for (const lang of ['zh', 'en']) {
      test(`${size.name} ${lang}: the admin's report, figures as counted by hand, charts with text alternatives`, async () => {
        const words = WORDS[lang];
        const page = await open('admin', ADMIN_PASSWORD, lang, size);
        await page.getByTestId('table-funnel').waitFor();
        assert.equal(await stat(page, 'stat-forecast'), '¥6,800.00');
        assert.equal(await stat(page, 'stat-won-revenue'), '¥45,000.00');
        assert.equal(await stat(page, 'stat-open'), '2');
        assert.equal(await stat(page, 'stat-won'), '1');
        assert.deepEqual(await cells(page, 'table-funnel-maintenance'), words.maintenance);
        assert.deepEqual(await cells(page, 'table-funnel-follow_up'), words.followUp);
        assert.deepEqual((await cells(page, 'table-forecast-total')).slice(1), ['2', '¥6,800.00']);
        assert.deepEqual(await cells(page, 'table-conversion-referral'), words.referral);
        assert.deepEqual(await cells(page, 'table-conversion-telemarketing'), words.telemarketing);
        assert.deepEqual(await cells(page, 'table-conversion-door_to_door'), words.doorToDoor);
        // The eight sources in seed 004's words, in order.
        const sources = await page.getByTestId('table-conversion').locator('tbody th').allInnerTexts();
        assert.deepEqual(sources.map((s) => s.trim()), words.sources);
        assert.deepEqual(await cells(page, 'table-winloss-won'), [words.won, '1']);
        assert.deepEqual(await cells(page, 'table-winloss-lost-price'), [words.lostPrice, '1']);
        // Each chart is an image labelled with its summary.
        for (const id of ['chart-funnel', 'chart-conversion', 'chart-winloss'])
          assert.equal(await page.getByTestId(id).getAttribute('role'), 'img', id);
        assert.match(await page.getByTestId('chart-funnel').getAttribute('aria-label'), words.funnelLabel);
        // Nothing wider than a phone: the tables scroll within themselves.
        if (size.width < 768) {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(wide <= size.width, `page ${wide}px wide on a ${size.width}px screen`);
          const funnel = await page.getByTestId('chart-funnel').boundingBox();
          assert.ok(funnel.width >= 240 && funnel.x >= 0 && funnel.x + funnel.width <= size.width, JSON.stringify(funnel));
        }
        await settled(page);
        await checkA11y(page, `salesreport ${size.name} ${lang}`);
        await page.context().close();
      });
    }
  }

  test('a salesperson sees their own, their team\'s and the pool only', async () => {
    const page = await open('zhao.sales', USER_PASSWORD, 'zh', SIZES[0]);
    await page.getByTestId('table-funnel').waitFor();
    assert.equal(await stat(page, 'stat-forecast'), '¥800.00');
    assert.equal(await stat(page, 'stat-won-revenue'), '¥45,000.00');
    assert.deepEqual((await cells(page, 'table-funnel-follow_up')).slice(2), ['0', '¥0.00', '¥0.00']);
    assert.deepEqual(await cells(page, 'table-winloss-lost-price'), ['丢单：价格', '0']);
    assert.deepEqual((await cells(page, 'table-conversion-halo')).slice(0, 2), ['光辉效应', '1']);  // the pool's lead
    await settled(page);
    await checkA11y(page, 'salesreport as a salesperson');
    await page.context().close();
  });

  test('owner and date filters narrow the report and live in the URL; the filtered empty state clears them', async () => {
    const page = await open('admin', ADMIN_PASSWORD, 'zh', SIZES[0]);
    await page.getByTestId('table-funnel').waitFor();
    // The owner picker, by the person's name.
    await page.getByTestId('filter-owner_id').click();
    await page.getByRole('option', { name: '赵磊' }).click();
    await page.waitForURL((u) => u.searchParams.get('owner_id') === String(zhao.id));
    await page.waitForFunction(() => document.querySelector('[data-testid="stat-forecast"] .ant-statistic-content-value')?.textContent?.trim() === '¥800.00');
    assert.equal(await stat(page, 'stat-open'), '1');
    // A date range before anything was created: nothing matches.
    await page.locator('#salesreport-from').fill('2020-01-01');
    await page.locator('#salesreport-from').press('Enter');
    await page.locator('#salesreport-to').fill('2020-12-31');
    await page.locator('#salesreport-to').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('from') === '2020-01-01' && u.searchParams.get('to') === '2020-12-31');
    await page.getByTestId('salesreport-empty').waitFor();
    assert.match(await page.getByTestId('salesreport-empty').innerText(), WORDS.zh.emptyFiltered);
    await settled(page);
    await checkA11y(page, 'salesreport filtered empty');
    // The same URL opened afresh shows the same.
    const again = await open('admin', ADMIN_PASSWORD, 'en', SIZES[0], `?owner_id=${zhao.id}&from=2020-01-01&to=2020-12-31`);
    await again.getByTestId('salesreport-empty').waitFor();
    assert.match(await again.getByTestId('salesreport-empty').innerText(), WORDS.en.emptyFiltered);
    await again.context().close();
    // Clearing brings everything back.
    await page.getByTestId('salesreport-empty').getByRole('button', { name: WORDS.zh.clear }).click();
    await page.getByTestId('table-funnel').waitFor();
    assert.equal(await stat(page, 'stat-forecast'), '¥6,800.00');
    assert.equal(new URL(page.url()).search, '');
    await page.context().close();
  });

  test('a role without the sales pipeline has no menu entry and no access', async () => {
    const page = await signIn(browser, server, 'kefu.agent', USER_PASSWORD, { lang: 'zh', timeout: 20000 });
    assert.equal(await page.getByTestId('nav-salesreport').count(), 0);
    await page.goto(`${server.url}/sales/report`);
    await page.getByText('无权访问').first().waitFor();
    assert.equal(await page.getByTestId('salesreport').count(), 0);
    await page.context().close();
  });
});
