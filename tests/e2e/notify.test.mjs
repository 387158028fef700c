// The notification screens (issue 10 items 4 and 7) in Debian's Chromium, with a real SMTP server
// (tests/tools/sinks.py, Debian's python3-aiosmtpd) behind `consign serve --smtp-url`. An admin sets an
// account's notification settings on the customer page — e-mail for picked up and exception; a carrier
// pushes a pickup and a DAMAGED scan through POST /api/v1/scans with its API key; the order page shows
// the timeline, the ETA, the exception and the customer's notifications; the exception queue says the
// customer was told; the e-mails arrive at the SMTP sink (the waybill in the body, a Chinese subject in
// RFC 2047); the delivery log lists them as sent with each attempt in its drawer. Then the templates
// page (edit with a placeholder inserted, the live preview, a bad placeholder named under its field,
// reset to the default), and the portal: its own settings with the webhook secret shown once, its
// delivery log and its exceptions. axe on each screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, api, checkA11y, createCustomer, createUser, launchBrowser, signIn, startServer, startSink } from './harness.mjs';
import { CARRIER, chinaTime, orderBody } from './shipping.mjs';

let smtp;
let server;
let browser;
let carrierKey;
let customer;
let order;


async function pushScans(events) {
  const response = await fetch(server.url + '/api/v1/scans', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Carrier-Key': carrierKey }, body: JSON.stringify(events),
  });
  const report = await response.json();
  assert.equal(response.status, 200, JSON.stringify(report));
  assert.deepEqual(report.rejected, [], 'every event accepted');
  return report;
}

// A received mail: its headers (unfolded) and its body (base64 UTF-8, as the server writes it).
function parseMail(raw) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  // RFC 2047: =?UTF-8?B?…?= words, joined without the space between them.
  const subject = (headers.subject ?? '').replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi,
    (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
  const bodyText = rest.join('\n\n');
  const body = /base64/i.test(headers['content-transfer-encoding'] ?? '')
    ? Buffer.from(bodyText.replace(/\s+/g, ''), 'base64').toString('utf8') : bodyText;
  return { headers, subject, body };
}

async function mails(atLeast, timeout = 30000) {
  const until = Date.now() + timeout;
  for (;;) {
    const got = smtp.files().map(parseMail);
    if (got.length >= atLeast || Date.now() > until) return got;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function a11y(page, label) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, null, { timeout: 10000 }).catch(() => undefined);
  await checkA11y(page, label);
}
const wide = { contextOptions: { viewport: { width: 1440, height: 900 } } };

before(async () => {
  smtp = await startSink('smtp');
  server = await startServer(['--smtp-url', `smtp://127.0.0.1:${smtp.port}`, '--mail-from', '顺达物流 <notice@consign.test>',
    '--notify-retry-base', '1s', '--notify-timeout', '5s', '--webhook-private-hosts', '1']);
  browser = await launchBrowser();
  const carrier = await api(server, server.adminToken, 'POST', '/api/v1/carriers', CARRIER);
  carrierKey = (await api(server, server.adminToken, 'POST', `/api/v1/carriers/${carrier.id}/api-keys`, { label: 'e2e' })).key;
  customer = await createCustomer(server, { name: '顺达电子有限公司' });
  await createUser(server, 'shunda.portal', 'portal', { name: '顺达下单员', customer_id: customer.id });
  order = await api(server, server.adminToken, 'POST', '/api/v1/orders', orderBody(customer.id));
  assert.equal(order.carrier_id, carrier.id);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

describe('notifications', () => {
  test('an admin chooses e-mail for pickups and exceptions; the scans tell the customer by e-mail; the screens show it', async () => {
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, wide);
    await page.goto(`${server.url}/customers/${customer.id}`);
    await page.getByTestId('notifications-tab').click();
    const settings = page.getByTestId('notify-settings');
    await settings.waitFor();
    assert.equal(await settings.getAttribute('data-revision'), '0');
    // Nothing chosen yet: every box unticked.
    assert.equal(await settings.locator('input[type="checkbox"]:checked').count(), 0);
    await page.getByTestId('notify-email').fill('not-an-address');
    await page.getByTestId('topic-email-picked_up').check();
    await page.getByTestId('topic-email-exception').check();
    await page.getByTestId('notify-save').click();
    // The server's problem is shown under its field.
    const emailItem = page.locator('.ant-form-item', { has: page.getByTestId('notify-email') });
    await emailItem.locator('.ant-form-item-explain-error').waitFor();
    assert.match(await emailItem.locator('.ant-form-item-explain-error').innerText(), /格式不正确/);
    await a11y(page, 'customer notification settings with a field error (zh)');
    await page.getByTestId('notify-email').fill('ops@shunda.test');
    await page.getByTestId('notify-save').click();
    await page.locator('[data-testid="notify-settings"][data-revision="1"]').waitFor();
    // The e-mail comes back masked; the boxes stay as saved.
    assert.notEqual(await page.getByTestId('notify-email').inputValue(), 'ops@shunda.test');
    assert.match(await page.getByTestId('notify-email').inputValue(), /\*/);
    assert.equal(await page.getByTestId('topic-email-picked_up').isChecked(), true);
    assert.equal(await page.getByTestId('topic-email-delivered').isChecked(), false);
    const stored = await api(server, server.adminToken, 'GET', `/api/v1/customers/${customer.id}/notification-settings`);
    assert.deepEqual(stored.email_topics, ['picked_up', 'exception']);
    assert.equal(stored.language, 'zh');
    await a11y(page, 'customer notification settings saved (zh)');

    // The carrier pushes a pickup and a damage.
    const w = order.waybill;
    const report = await pushScans([
      { waybill: w, event_id: 'n1', code: '103', time: chinaTime(60), place: '深圳南山营业部', division: '440305' },
      { waybill: w, event_id: 'n2', code: 'ARRIVE', time: chinaTime(40), place: '深圳转运中心', division: '440300' },
      { waybill: w, event_id: 'n3', code: 'DAMAGED', time: chinaTime(10), place: '上海转运中心', division: '310000', reason: '外箱破损' },
    ]);
    assert.equal(report.stored, 3);
    assert.equal(report.exceptions_raised, 1);

    // Both e-mails arrive at the SMTP server, in Chinese, each naming the waybill.
    const received = await mails(2);
    assert.equal(received.length, 2, 'a pickup mail and an exception mail');
    for (const m of received) {
      assert.match(m.headers.to ?? '', /ops@shunda\.test/);
      assert.ok(m.body.includes(w), `the waybill in the body: ${m.body}`);
      assert.match(m.subject, /[\u4e00-\u9fff]/, `a Chinese subject: ${m.subject}`);
      assert.ok(m.subject.includes(w), `the waybill in the subject: ${m.subject}`);
    }
    assert.ok(received.some((m) => m.subject.includes('已揽收')), received.map((m) => m.subject).join(' | '));
    // Nothing else: the arrival was not chosen, and nothing is sent twice.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(smtp.files().length, 2);

    // The order page: the timeline, the ETA, the exception and the customer's notifications, sent.
    await page.goto(`${server.url}/orders/${order.id}`);
    const card = page.getByTestId('tracking-card');
    await card.getByTestId('tracking-timeline').waitFor();
    assert.equal(await card.getByTestId('timeline-event').count(), 3);
    assert.notEqual(await card.getByTestId('tracking-eta-p50').innerText(), '');
    assert.match(await card.locator('[data-testid="tracking-exception"][data-kind="damaged"]').innerText(), /破损/);
    const notes = page.getByTestId('order-notification');
    await page.locator('[data-testid="order-notification"][data-status="sent"][data-topic="exception"]').waitFor();
    assert.equal(await notes.count(), 2);
    await a11y(page, 'order page with its notifications (zh)');

    // The exception queue: the customer was told.
    await page.goto(`${server.url}/exceptions`);
    const row = page.locator(`[data-testid="exception-row"][data-waybill="${w}"][data-kind="damaged"]`);
    await row.waitFor();
    const told = row.getByTestId('customer-told');
    assert.equal(await told.getAttribute('data-told'), 'sent');
    assert.match(await told.innerText(), /已告知/);
    await a11y(page, 'exception queue with customer told (zh)');

    // The delivery log: both sent; the drawer shows the message and its one attempt.
    await page.getByTestId('nav-delivery-log').click();
    await page.getByTestId('delivery-log').waitFor();
    await page.locator('[data-testid="log-row"][data-topic="exception"][data-status="sent"]').waitFor();
    assert.equal(await page.locator('[data-testid="log-row"][data-status="sent"]').count(), 2);
    assert.match(await page.locator('[data-testid="log-row"][data-topic="exception"]').getByTestId('log-destination').innerText(), /\*/);
    await a11y(page, 'delivery log (zh)');
    await page.locator('[data-testid="log-row"][data-topic="exception"]').getByTestId('log-open').click();
    const drawer = page.getByTestId('log-drawer');
    await drawer.waitFor();
    assert.ok((await drawer.getByTestId('drawer-body').innerText()).includes(w));
    assert.equal(await drawer.locator('[data-testid="drawer-attempt"][data-ok="true"]').count(), 1);
    await a11y(page, 'delivery log drawer (zh)');
    await page.keyboard.press('Escape');
    // Filtered by the waybill and by a status nothing has.
    await page.getByTestId('log-order').fill(w);
    await page.getByTestId('log-order').press('Enter');
    await page.waitForURL(/order_id=/);
    assert.equal(await page.locator('[data-testid="log-row"]').count(), 2);
    await page.goto(`${server.url}/notifications?status=dead`);
    await page.getByTestId('log-empty').waitFor();
    await page.context().close();
  });

  test('an admin edits a template with a placeholder, previews it, is told of a bad one and resets it', async () => {
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, wide);
    await page.getByTestId('nav-notification-templates').click();
    await page.getByTestId('templates-page').waitFor();
    assert.equal(await page.getByTestId('template-item').count(), 20, '5 events × e-mail, SMS × zh, en');
    await page.locator('[data-testid="template-item"][data-key="picked_up/email/zh"] button').click();
    const editor = page.locator('[data-testid="template-editor"][data-key="picked_up/email/zh"]');
    await editor.waitFor();
    // The server's preview of the built-in text.
    assert.match(await editor.getByTestId('template-preview-subject').innerText(), /SF1000000018/);

    await editor.getByTestId('template-subject').fill('顺达：快件 {{waybill}} 已揽收');
    await editor.getByTestId('template-body').fill('您好，快件已从 ');
    await editor.getByTestId('template-body').press('End');
    await editor.getByTestId('placeholder-place').click();
    assert.equal(await editor.getByTestId('template-body').inputValue(), '您好，快件已从 {{place}}');
    // The live preview, as it is typed.
    assert.equal(await editor.getByTestId('template-preview-subject').innerText(), '顺达：快件 SF1000000018 已揽收');
    assert.match(await editor.getByTestId('template-preview-body').innerText(), /您好，快件已从 深圳市南山区/);
    await a11y(page, 'templates editor (zh)');

    // A placeholder that does not exist is named under the body.
    await editor.getByTestId('template-body').fill('{{nope}} 已揽收');
    await editor.getByTestId('template-save').click();
    const bodyItem = editor.locator('.ant-form-item', { has: page.getByTestId('template-body') });
    await bodyItem.locator('.ant-form-item-explain-error').waitFor();
    assert.match(await bodyItem.locator('.ant-form-item-explain-error').innerText(), /占位符/);

    await editor.getByTestId('template-body').fill('您好，快件 {{waybill}} 已从 {{place}} 揽收。');
    await editor.getByTestId('template-save').click();
    await page.locator('[data-testid="template-item"][data-key="picked_up/email/zh"][data-default="false"]').waitFor();
    const saved = (await api(server, server.adminToken, 'GET', '/api/v1/notification-templates')).items
      .find((x) => x.topic === 'picked_up' && x.channel === 'email' && x.language === 'zh');
    assert.equal(saved.subject, '顺达：快件 {{waybill}} 已揽收');
    assert.equal(saved.is_default, false);

    // Reset, after a confirmation.
    await editor.getByTestId('template-reset').click();
    await page.getByTestId('template-reset-confirm').click();
    await page.locator('[data-testid="template-item"][data-key="picked_up/email/zh"][data-default="true"]').waitFor();
    assert.equal(await editor.getByTestId('template-subject').inputValue(), '您的快件 {{waybill}} 已揽收');

    // An SMS template counts its characters.
    await page.locator('[data-testid="template-item"][data-key="exception/sms/en"] button').click();
    const sms = page.locator('[data-testid="template-editor"][data-key="exception/sms/en"]');
    await sms.waitFor();
    assert.equal(await sms.getByTestId('template-subject').count(), 0);
    assert.match(await sms.getByTestId('template-sms-count').innerText(), /\/ 300/);
    await page.context().close();
  });

  test("a dispatcher sees the delivery log but neither the templates' menu entry nor their page", async () => {
    await createUser(server, 'diaodu', 'dispatcher', { name: '赵调度' });
    const page = await signIn(browser, server, 'diaodu', USER_PASSWORD, wide);
    await page.getByTestId('nav-delivery-log').waitFor();
    assert.equal(await page.getByTestId('nav-notification-templates').count(), 0);
    await page.goto(`${server.url}/notification-templates`);
    await page.getByText('无权访问').first().waitFor();
    await page.context().close();
  });

  test('the portal: its own notification settings (the webhook secret shown once), its log and its exceptions', async () => {
    const page = await signIn(browser, server, 'shunda.portal', USER_PASSWORD, wide);
    await page.getByTestId('nav-my-notifications').click();
    const settings = page.getByTestId('notify-settings');
    await settings.waitFor();
    assert.match(await page.getByTestId('notify-email').inputValue(), /\*/, 'the e-mail masked');
    assert.equal(await page.getByTestId('topic-email-exception').isChecked(), true);
    await page.getByTestId('notify-language-en').click();
    await page.getByTestId('notify-webhook-url').fill('http://127.0.0.1:9/hooks/consign');
    await page.getByTestId('topic-webhook-delivered').check();
    await page.getByTestId('notify-save').click();
    // The secret, once, with a copy button.
    const secret = page.getByTestId('notify-secret');
    await secret.waitFor();
    assert.ok((await secret.innerText()).trim().length >= 20);
    assert.equal(await page.locator('.ant-modal .ant-typography-copy').count(), 1);
    await a11y(page, 'portal webhook secret shown once (zh)');
    await page.getByTestId('notify-secret-done').click();
    await secret.waitFor({ state: 'hidden' });
    await page.locator('[data-testid="notify-has-secret"]', { hasText: '已设置签名密钥' }).waitFor();
    const stored = await api(server, server.adminToken, 'GET', `/api/v1/customers/${customer.id}/notification-settings`);
    assert.equal(stored.language, 'en');
    assert.equal(stored.has_webhook_secret, true);
    assert.equal(stored.webhook_secret, undefined, 'never shown again');
    assert.deepEqual(stored.webhook_topics, ['delivered']);
    assert.deepEqual(stored.email_topics, ['picked_up', 'exception'], 'the masked e-mail kept the stored one');
    // Their own delivery log.
    await page.locator('[data-testid="log-row"][data-status="sent"]').first().waitFor();
    assert.equal(await page.locator('[data-testid="log-row"]').count(), 2);
    assert.equal(await page.getByTestId('log-account').count(), 0, 'no account filter in the portal');
    await a11y(page, 'portal notifications (zh)');

    // Their exceptions: the damage, told.
    await page.getByTestId('nav-my-exceptions').click();
    const row = page.locator(`[data-testid="my-exception-row"][data-waybill="${order.waybill}"][data-kind="damaged"]`);
    await row.waitFor();
    assert.equal(await row.getByTestId('customer-told').getAttribute('data-told'), 'sent');
    await a11y(page, 'portal my exceptions (zh)');
    await page.getByTestId('my-exceptions-state').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title$="已处理"]').click();
    await page.getByTestId('my-exceptions-empty').waitFor();
    await page.context().close();
  });

  test('on a phone (390 px) a message opens in a drawer as wide as the screen, no wider', async () => {
    const page = await signIn(browser, server, 'shunda.portal', USER_PASSWORD, { contextOptions: { viewport: { width: 390, height: 844 } } });
    await page.goto(`${server.url}/notification-settings`);
    await page.locator('[data-testid="log-row"][data-status="sent"]').first().getByTestId('log-open').click();
    const drawer = page.getByTestId('log-drawer');
    await drawer.getByTestId('drawer-body').waitFor();
    const box = await page.locator('.ant-drawer-content-wrapper').boundingBox();
    assert.ok(box && box.x >= 0 && box.width <= 390, `the drawer is ${box?.width} px wide from x = ${box?.x}`);
    await page.context().close();
  });

  test('the settings and templates read in English', async () => {
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, { lang: 'en', ...wide });
    await page.goto(`${server.url}/customers/${customer.id}`);
    await page.getByTestId('notifications-tab').click();
    await page.getByTestId('notify-settings').waitFor();
    assert.match(await page.getByTestId('notify-settings').innerText(), /Events to notify/);
    await a11y(page, 'customer notification settings (en)');
    await page.goto(`${server.url}/notification-templates?t=delivered/email/en`);
    const editor = page.locator('[data-testid="template-editor"][data-key="delivered/email/en"]');
    await editor.waitFor();
    assert.match(await editor.innerText(), /Placeholders/);
    await a11y(page, 'templates editor (en)');
    await page.context().close();
  });
});
