// The carrier's scorecard on its page (issue 10 items 6 and 7) in Debian's Chromium. A carrier, its API
// key and an order 深圳 → 上海 are made through the API, and the carrier pushes a delivered journey
// through POST /api/v1/scans: picked up (103), arrived at a hub (ARRIVE), arrived in the destination
// city (1001), out for delivery (5), signed for (301, with the signer) — five of the six expected
// stages (the departure is missing). The page's 考核 card then shows 1 shipment, 100 % on time, scan
// completeness 83.3 %, one lane 广东→上海, the weekly trend chart; the quality card says allocation
// still uses the declared figures (nothing measured yet). Another carrier without shipments shows
// 暂无运单数据. The 7-day window keeps the same shipment; English; a 390 px phone. axe on each.
// The server runs on the real clock: scans are from the last hour (none may be in the server's future).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;
let carrier;
let idle;
let order;

const fen = (amount_minor) => ({ amount_minor, currency: 'CNY' });
const carrierBody = (code, name_zh, name_en) => ({
  code, name_zh, name_en, kind: 'subcontracted', coverage: ['44', '31'],
  products: ['standard'], daily_capacity_orders: 100, daily_capacity_grams: 1_000_000_000,
  rates: [{ product: 'standard', zone: 'cross_province', first_grams: 1000, first_price: fen(900), step_grams: 1000, step_price: fen(200) }],
  transit: [{ product: 'standard', zone: 'cross_province', hours: 48 }],
  declared: { on_time_bp: 9600, damage_bp: 10, scan_completeness_bp: 9700 },
});

// An instant `minutes` ago, written as a carrier in China writes it: RFC 3339 at +08:00.
function chinaTime(minutesAgo) {
  const local = new Date(Date.now() - minutesAgo * 60_000 + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

async function a11y(page, label) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, null, { timeout: 10000 }).catch(() => undefined);
  await checkA11y(page, label);
}
// The whole page, and the scorecard card alone (to be read at its own size).
const shot = async (page, name) => {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
  await page.getByTestId('scorecard-card').screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}-card.png` });
};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  carrier = await api(server, server.adminToken, 'POST', '/api/v1/carriers', carrierBody('SCORE', '评分快运', 'Score Express'));
  const key = (await api(server, server.adminToken, 'POST', `/api/v1/carriers/${carrier.id}/api-keys`, { label: 'e2e' })).key;
  const customer = await createCustomer(server, { name: '顺达电子有限公司' });
  await createUser(server, 'diaodu', 'dispatcher', { name: '赵调度' });
  order = await api(server, server.adminToken, 'POST', '/api/v1/orders', {
    customer_id: customer.id, product: 'standard',
    shipper: { name: '张三', phone: '13812345678', division: '440305', address: '科技园南区 1 栋 101' },
    consignee: { name: '李四', phone: '13987654321', division: '310115', address: '世纪大道 100 号 2001 室' },
    goods: { pieces: 1, weight_grams: 2300, description: '样品' },
  });
  assert.equal(order.carrier_id, carrier.id);
  // The second carrier comes after the order, so the order cannot have gone to it.
  idle = await api(server, server.adminToken, 'POST', '/api/v1/carriers', carrierBody('IDLE', '闲置物流', 'Idle Logistics'));

  const w = order.waybill;
  const response = await fetch(server.url + '/api/v1/scans', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Carrier-Key': key },
    body: JSON.stringify([
      { waybill: w, event_id: 's1', code: '103', time: chinaTime(60), place: '深圳南山营业部', division: '440305' },
      { waybill: w, event_id: 's2', code: 'ARRIVE', time: chinaTime(50), place: '深圳转运中心', division: '440300' },
      { waybill: w, event_id: 's3', code: '1001', time: chinaTime(30), place: '上海转运中心', division: '310000' },
      { waybill: w, event_id: 's4', code: '5', time: chinaTime(20), place: '浦东新区营业部', division: '310115' },
      { waybill: w, event_id: 's5', code: '301', time: chinaTime(10), place: '世纪大道 100 号', division: '310115', signer: '李四' },
    ]),
  });
  const report = await response.json();
  assert.equal(response.status, 200, JSON.stringify(report));
  assert.deepEqual(report.rejected, []);
  assert.equal(report.stored, 5);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('carrier scorecard', () => {
  test('the carrier page shows the scorecard: 1 shipment, 100 % on time, scan completeness 83.3 %, one lane', async () => {
    // What the API says, first: the page shows exactly this.
    const score = await api(server, server.adminToken, 'GET', `/api/v1/carriers/${carrier.id}/scorecard?days=30`);
    assert.equal(score.overall.shipments, 1);
    assert.equal(score.overall.on_time_bp, 10000);
    assert.equal(score.overall.scan_completeness_bp, 8333);
    assert.deepEqual(score.lanes.map((l) => l.lane), ['44→31']);
    assert.equal(score.weeks.length, 1);

    const page = await signIn(browser, server, 'diaodu', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/carriers/${carrier.id}`);
    const card = page.getByTestId('scorecard-card');
    await card.getByTestId('score-shipments').waitFor();
    assert.equal(await card.getAttribute('data-days'), '30');
    assert.match(await card.getByTestId('score-shipments').innerText(), /运单\s*1\s*已签收 1/);
    assert.match(await card.getByTestId('score-on-time').innerText(), /准时率\s*100%\s*1\/1 单准时/);
    assert.match(await card.getByTestId('score-scan').innerText(), /扫描完整率\s*83\.3%/);
    assert.match(await card.getByTestId('score-damage').innerText(), /破损率\s*0%/);
    assert.match(await card.getByTestId('score-truthful').innerText(), /状态真实率\s*100%/);
    // The weekly trend: a chart, labelled with its figures.
    const trend = card.getByTestId('score-trend');
    await trend.locator('canvas').waitFor();
    assert.match(await trend.getAttribute('aria-label'), /准时率 100%、扫描完整率 83\.3%/);
    // One lane, by the provinces' short names.
    const lanes = card.getByTestId('score-lane');
    assert.equal(await lanes.count(), 1);
    assert.equal(await lanes.first().getAttribute('data-lane'), '44→31');
    assert.equal(await lanes.first().getByTestId('score-lane-name').innerText(), '广东→上海');
    assert.match(await lanes.first().innerText(), /广东→上海\s+1\s+100%/);

    // Declared beside measured: nothing measured yet, so allocation uses the declaration.
    const quality = page.getByTestId('quality-card');
    assert.equal(await quality.getAttribute('data-uses'), 'declared');
    assert.equal(await quality.getByTestId('declared-on-time').innerText(), '96%');
    assert.match(await quality.getByTestId('quality-note').innerText(), /派单现按申报.*50 单/);
    await a11y(page, 'carrier page with scorecard (zh)');
    await shot(page, 'scorecard-1440');

    // The 7-day window: the same shipment (picked up an hour ago).
    await card.getByText('近 7 天').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="scorecard-card"]')?.getAttribute('data-days') === '7');
    assert.match(await card.getByTestId('score-shipments').innerText(), /1/);

    // The list: the measured column stays empty until the hourly measurement.
    await page.goto(`${server.url}/carriers`);
    const row = page.locator('[data-testid="carrier-row"][data-code="SCORE"]');
    await row.waitFor();
    assert.equal(await row.getByTestId('carrier-measured').count(), 0);
    await page.context().close();
  });

  test('a carrier without shipments says 暂无运单数据', async () => {
    const page = await signIn(browser, server, 'diaodu', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/carriers/${idle.id}`);
    await page.getByTestId('scorecard-empty').waitFor();
    assert.match(await page.getByTestId('scorecard-empty').innerText(), /暂无运单数据/);
    assert.equal(await page.getByTestId('score-trend').count(), 0);
    await a11y(page, 'carrier page, empty scorecard (zh)');
    await page.context().close();
  });

  test('in English, and on a 390 px phone', async () => {
    const en = await signIn(browser, server, 'diaodu', USER_PASSWORD, { lang: 'en', contextOptions: { viewport: { width: 1440, height: 900 } } });
    await en.goto(`${server.url}/carriers/${carrier.id}`);
    const card = en.getByTestId('scorecard-card');
    await card.getByTestId('score-shipments').waitFor();
    assert.match(await card.getByTestId('score-on-time').innerText(), /On time\s*100%\s*1 of 1 on time/);
    assert.match(await en.getByTestId('quality-note').innerText(), /Allocation now uses the declared figures/);
    await a11y(en, 'carrier page with scorecard (en)');
    await en.context().close();

    const phone = await signIn(browser, server, 'diaodu', USER_PASSWORD, { contextOptions: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
    await phone.goto(`${server.url}/carriers/${carrier.id}`);
    const small = phone.getByTestId('scorecard-card');
    await small.getByTestId('score-trend').locator('canvas').waitFor();
    assert.match(await small.getByTestId('score-scan').innerText(), /83\.3%/);
    // Nothing wider than the screen but the lanes table, which scrolls in its own box.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    await a11y(phone, 'carrier page with scorecard (zh, 390 px)');
    await shot(phone, 'scorecard-390');
    await phone.context().close();
  });
});
