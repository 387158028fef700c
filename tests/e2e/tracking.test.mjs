// The tracking screens (issue 10 items 5 and 7) in Debian's Chromium. A carrier, its API key and orders
// are made through the API, and the carrier pushes scans through POST /api/v1/scans — picked up, hub
// arrivals and departures, a "loaded" claim with no scan, and damage. Then: the order page's tracking
// card shows the timeline newest first with the claim marked, the ETA with its basis and confidence,
// and the damage exception; an order without scans says 暂无物流信息; the dispatcher resolves one damage
// in the exception queue (the outcome is required) and two more at once; the customer sees the same
// card in the portal; the public page /track/{waybill} shows the status without login, in both
// languages, and a mistyped number gets the typo message. axe on each screen.
// The server runs on the real clock: scans are from the last hour (ValidateScan refuses events more
// than 15 minutes in the server's future).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, signIn, startServer } from './harness.mjs';
import { CARRIER, chinaTime, orderBody } from './shipping.mjs';

let server;
let browser;
let carrierKey;
let main;        // the order with the whole timeline
let more = [];   // two more damaged orders, resolved together
let quiet;       // an order with no scan yet


async function pushScans(events) {
  const response = await fetch(server.url + '/api/v1/scans', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Carrier-Key': carrierKey }, body: JSON.stringify(events),
  });
  const report = await response.json();
  assert.equal(response.status, 200, JSON.stringify(report));
  assert.deepEqual(report.rejected, [], 'every event accepted');
  return report;
}

// The waybill's check digit (Luhn over the 12 digits, the rightmost doubled), as src/modules/orders/waybill.cpp.
function checkDigit(digits) {
  let sum = 0;
  let doubled = true;
  for (const c of [...digits].reverse()) {
    let d = Number(c);
    if (doubled) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    doubled = !doubled;
  }
  return (10 - (sum % 10)) % 10;
}
const mistyped = (waybill) => waybill.slice(0, 14) + String((Number(waybill[14]) + 1) % 10);

async function a11y(page, label) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, null, { timeout: 10000 }).catch(() => undefined);
  await checkA11y(page, label);
}
const shot = async (page, name) => {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const carrier = await api(server, server.adminToken, 'POST', '/api/v1/carriers', CARRIER);
  carrierKey = (await api(server, server.adminToken, 'POST', `/api/v1/carriers/${carrier.id}/api-keys`, { label: 'e2e' })).key;
  const customer = await createCustomer(server, { name: '顺达电子有限公司' });
  await createUser(server, 'diaodu', 'dispatcher', { name: '赵调度' });
  await createUser(server, 'shunda.portal', 'portal', { name: '顺达下单员', customer_id: customer.id });
  main = await api(server, server.adminToken, 'POST', '/api/v1/orders', orderBody(customer.id));
  for (let i = 0; i < 2; i++) more.push(await api(server, server.adminToken, 'POST', '/api/v1/orders', orderBody(customer.id)));
  quiet = await api(server, server.adminToken, 'POST', '/api/v1/orders', orderBody(customer.id));
  assert.equal(main.carrier_id, carrier.id);

  const w = main.waybill;
  const report = await pushScans([
    { waybill: w, event_id: 'e1', code: '103', time: chinaTime(60), place: '深圳南山营业部', division: '440305' },
    { waybill: w, event_id: 'e2', code: 'ARRIVE', time: chinaTime(50), place: '深圳转运中心', division: '440300' },
    { waybill: w, event_id: 'e3', code: 'DEPART', time: chinaTime(45), place: '深圳转运中心', division: '440300' },
    { waybill: w, event_id: 'e4', code: 'LOADED', time: chinaTime(40), place: '深圳转运中心', division: '440300' },
    { waybill: w, event_id: 'e5', code: 'ARRIVE', time: chinaTime(20), place: '上海转运中心', division: '310000' },
    { waybill: w, event_id: 'e6', code: 'DAMAGED', time: chinaTime(10), place: '上海转运中心', division: '310000', reason: '外箱破损' },
    ...more.flatMap((o, i) => [
      { waybill: o.waybill, event_id: `m${i}a`, code: '103', time: chinaTime(30), place: '深圳南山营业部', division: '440305' },
      { waybill: o.waybill, event_id: `m${i}b`, code: 'DAMAGED', time: chinaTime(5), place: '深圳转运中心', division: '440300', reason: '受潮' },
    ]),
  ]);
  assert.equal(report.stored, 10);
  assert.ok(report.exceptions_raised >= 3, 'a damage exception for each of the three orders');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('tracking', () => {
  test('the order page shows the timeline newest first, the ETA explained and the damage exception', async () => {
    const tracking = await api(server, server.adminToken, 'GET', `/api/v1/orders/${main.id}/tracking`);
    assert.ok(tracking.eta, 'an ETA');
    const damage = tracking.exceptions.find((x) => x.kind === 'damaged');
    assert.ok(damage, 'a damage exception');

    const page = await signIn(browser, server, 'diaodu', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/orders/${main.id}`);
    const card = page.getByTestId('tracking-card');
    await card.getByTestId('tracking-timeline').waitFor();
    assert.equal(await card.getByTestId('tracking-status').innerText(), tracking.status_zh);
    assert.equal(await card.getByTestId('tracking-last-place').innerText(), '上海转运中心');
    const events = card.getByTestId('timeline-event');
    assert.equal(await events.count(), 6);
    // Newest first: the damage on top, the pickup at the bottom; the claim is marked as one.
    assert.match(await events.nth(0).innerText(), /上海转运中心[\s\S]*外箱破损/);
    assert.match(await events.nth(5).innerText(), /深圳南山营业部/);
    const claims = card.locator('[data-testid="timeline-event"][data-claim="true"]');
    assert.equal(await claims.count(), 1);
    assert.equal(await claims.getByTestId('timeline-claim').innerText(), '承运商报告，无扫描');
    // The ETA: 预计送达 p50, the basis and the confidence in words.
    assert.notEqual(await card.getByTestId('tracking-eta-p50').innerText(), '');
    assert.equal(await card.getByTestId('tracking-eta').getAttribute('data-basis'), tracking.eta.basis);
    assert.match(await card.getByTestId('tracking-eta-basis').innerText(), /估算|实际/);
    assert.match(await card.getByTestId('tracking-eta-confidence').innerText(), /^可信度：[高中低]/);
    // The damage exception, with its severity.
    const exception = card.locator('[data-testid="tracking-exception"][data-kind="damaged"]');
    assert.match(await exception.innerText(), /破损/);
    assert.equal(await exception.getByTestId('severity').getAttribute('data-severity'), damage.severity);
    assert.equal(await exception.getByTestId('tracking-exception-state').innerText(), '待处理');
    await a11y(page, 'order page with tracking (zh)');
    await shot(page, 'tracking-order');
    if (process.env.E2E_SCREENSHOTS) {
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'tracking-order-390');
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    // An order with no scan yet says so.
    await page.goto(`${server.url}/orders/${quiet.id}`);
    await page.getByTestId('tracking-card').getByTestId('tracking-empty').waitFor();
    assert.match(await page.getByTestId('tracking-empty').innerText(), /暂无物流信息/);

    // The orders list's 异常件 filter: the damaged orders, tagged; not the quiet one.
    await page.goto(`${server.url}/orders?exception=1`);
    await page.locator(`[data-testid="order-link"]:text-is("${main.waybill}")`).waitFor();
    assert.equal(await page.locator(`[data-testid="order-link"]:text-is("${quiet.waybill}")`).count(), 0);
    assert.ok(await page.getByTestId('order-exception-tag').count() >= 1);
    await page.context().close();
  });

  test('the dispatcher resolves the damage in the queue, alone and two at once, each with an outcome', async () => {
    const page = await signIn(browser, server, 'diaodu', USER_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.getByTestId('nav-exceptions').click();
    await page.getByTestId('exception-queue').waitFor();
    const row = page.locator(`[data-testid="exception-row"][data-waybill="${main.waybill}"][data-kind="damaged"]`);
    await row.waitFor();
    assert.equal(await row.getByTestId('exception-kind').innerText(), '破损');
    assert.equal(await row.getByTestId('exception-detail').innerText(), '扫描显示破损');
    assert.equal(await row.getByTestId('exception-waybill').getAttribute('href'), `/orders/${main.id}`);
    await a11y(page, 'exception queue (zh)');
    await shot(page, 'tracking-queue');
    if (process.env.E2E_SCREENSHOTS) {
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'tracking-queue-390');
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    // Only the damage: the kind filter, in the URL.
    await page.goto(`${server.url}/exceptions?kind=damaged`);
    await row.waitFor();
    assert.equal(await page.locator('[data-testid="exception-row"][data-kind="damaged"]').count(), 3);
    assert.equal(await page.locator('[data-testid="exception-row"]:not([data-kind="damaged"])').count(), 0);

    // One, with its outcome: the outcome is required.
    await row.getByTestId('exception-resolve').click();
    await page.getByTestId('resolve-outcome').waitFor();
    await page.getByTestId('resolve-confirm').click();
    await page.getByText('请写明处理结果').waitFor();
    await a11y(page, 'resolve dialog (zh)');
    await page.getByTestId('resolve-outcome').fill('已联系承运商理赔，补发货物');
    await page.getByTestId('resolve-confirm').click();
    await row.waitFor({ state: 'detached' });

    // Two at once, one outcome: one row ticked, then all the open ones shown.
    await page.locator(`[data-testid="exception-row"][data-waybill="${more[0].waybill}"] input[type="checkbox"]`).check();
    assert.equal(await page.getByTestId('exceptions-resolve-selected').innerText(), '批量处理（1）');
    await page.getByTestId('exceptions-select-all').click();
    assert.equal(await page.getByTestId('exceptions-resolve-selected').innerText(), '批量处理（2）');
    await page.getByTestId('exceptions-resolve-selected').click();
    await page.getByTestId('resolve-outcome').fill('受潮件已退回寄件人');
    await page.getByTestId('resolve-confirm').click();
    await page.getByTestId('exceptions-empty').waitFor();

    // Resolved ones list their outcome.
    await page.goto(`${server.url}/exceptions?state=resolved`);
    await row.waitFor();
    assert.equal(await row.getByTestId('exception-outcome').innerText(), '已处理：已联系承运商理赔，补发货物');
    for (const o of more) {
      const r = page.locator(`[data-testid="exception-row"][data-waybill="${o.waybill}"][data-kind="damaged"]`);
      assert.equal(await r.getByTestId('exception-outcome').innerText(), '已处理：受潮件已退回寄件人');
    }
    const listed = await api(server, server.adminToken, 'GET', '/api/v1/exceptions?kind=damaged&state=open');
    assert.equal(listed.items.length, 0);

    // The order page says so too.
    await page.goto(`${server.url}/orders/${main.id}`);
    const exception = page.locator('[data-testid="tracking-exception"][data-kind="damaged"]');
    await exception.waitFor();
    assert.equal(await exception.getByTestId('tracking-exception-state').innerText(), '已处理');
    await page.context().close();
  });

  test('the customer sees the same tracking card on its order in the portal', async () => {
    const page = await signIn(browser, server, 'shunda.portal', USER_PASSWORD);
    await page.goto(`${server.url}/orders/${main.id}`);
    const card = page.getByTestId('tracking-card');
    await card.getByTestId('tracking-timeline').waitFor();
    assert.equal(await card.getByTestId('timeline-event').count(), 6);
    assert.match(await card.getByTestId('tracking-exceptions').innerText(), /破损/);
    assert.equal(await page.getByTestId('nav-exceptions').count(), 0, 'the queue is the dispatchers\'');
    await a11y(page, 'portal order page with tracking (zh)');
    await page.context().close();
  });

  test('the public page shows the status without login, and a mistyped number says so', async () => {
    const tracking = await api(server, server.adminToken, 'GET', `/api/v1/track/${main.waybill}`);
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(`${server.url}/track/${main.waybill}`);
    await page.getByTestId('track-result').waitFor();
    assert.equal(new URL(page.url()).pathname, `/track/${main.waybill}`, 'no redirect to the login');
    assert.equal(await page.getByTestId('user-menu').count(), 0, 'not the console\'s frame');
    assert.equal(await page.getByTestId('track-status').innerText(), tracking.status_zh);
    assert.equal(await page.getByTestId('timeline-event').count(), 6);
    assert.equal(await page.getByTestId('timeline-claim').count(), 1);
    await page.getByTestId('tracking-eta-p50').waitFor();
    await a11y(page, 'public tracking (zh, 390 px)');
    await shot(page, 'tracking-public-390');

    // In English, by the switch.
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction((s) => document.querySelector('[data-testid="track-status"]')?.textContent === s, tracking.status_en);
    assert.match(await page.getByTestId('track-page').innerText(), /Expected delivery/);
    await a11y(page, 'public tracking (en, 390 px)');
    await page.getByTestId('lang-switch').click();

    // A mistyped number (the check digit does not match).
    await page.getByTestId('track-input').fill(mistyped(main.waybill));
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-invalid').waitFor();
    assert.match(await page.getByTestId('track-invalid').innerText(), /输错/);
    assert.equal(await page.getByTestId('track-result').count(), 0);
    await a11y(page, 'public tracking, mistyped (zh)');
    await shot(page, 'tracking-public-mistyped');

    // A well-formed number no order has.
    const digits = '000099999999';
    await page.goto(`${server.url}/track/CS${digits}${checkDigit(digits)}`);
    await page.getByTestId('track-not-found').waitFor();

    // The bare /track: the input box.
    await page.goto(`${server.url}/track`);
    await page.getByTestId('track-input').fill(main.waybill.toLowerCase());
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-result').waitFor();
    assert.equal(new URL(page.url()).pathname, `/track/${main.waybill}`);
    await context.close();
  });
});
