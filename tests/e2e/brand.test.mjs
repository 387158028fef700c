// The public tracking page for a branded account (issue 10 item 5) in Debian's Chromium at 390 px:
// an admin uploads the account's logo on its page's 品牌 tab (the colour is set through the API), a
// carrier pushes scans from Shenzhen to Shanghai; then /track/{waybill}, without login, shows the logo
// in its header, the brand's colour on its primary button, and the map of the route — the chart's
// canvases hold the route drawn in that colour, the way written out beneath — all inside the phone's
// width. An order with no scan shows the map's empty state. axe on each screen.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, api, checkA11y, createCustomer, launchBrowser, signIn, startServer } from './harness.mjs';
import { CARRIER, chinaTime, orderBody } from './shipping.mjs';

const BRAND = '#1f5fbf';
const BRAND_RGB = [31, 95, 191];

let server;
let browser;
let customer;
let main;   // Shenzhen → Shanghai, with scans
let quiet;  // no scan yet


// A real PNG (width × height, one colour), made here so the test needs no file of its own.
function png(width, height, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);  // 8 bits, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const carrier = await api(server, server.adminToken, 'POST', '/api/v1/carriers', CARRIER);
  const carrierKey = (await api(server, server.adminToken, 'POST', `/api/v1/carriers/${carrier.id}/api-keys`, { label: 'e2e' })).key;
  customer = await createCustomer(server, { name: '顺达电子有限公司' });
  main = await api(server, server.adminToken, 'POST', '/api/v1/orders', orderBody(customer.id));
  quiet = await api(server, server.adminToken, 'POST', '/api/v1/orders', orderBody(customer.id));
  const w = main.waybill;
  const response = await fetch(server.url + '/api/v1/scans', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Carrier-Key': carrierKey },
    body: JSON.stringify([
      { waybill: w, event_id: 'e1', code: '103', time: chinaTime(60), place: '深圳南山营业部', division: '440305' },
      { waybill: w, event_id: 'e2', code: 'DEPART', time: chinaTime(45), place: '深圳转运中心', division: '440300' },
      { waybill: w, event_id: 'e3', code: 'ARRIVE', time: chinaTime(20), place: '上海转运中心', division: '310000' },
    ]),
  });
  assert.equal(response.status, 200, await response.text());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('brand and route map', () => {
  test('an admin uploads the account\'s logo on its 品牌 tab', async () => {
    await api(server, server.adminToken, 'PATCH', `/api/v1/customers/${customer.id}/brand`, { primary_color: BRAND });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'consign-brand-')), 'logo.png');
    writeFileSync(file, png(120, 40, [200, 30, 30]));
    const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    await page.goto(`${server.url}/customers/${customer.id}`);
    await page.getByTestId('brand-tab').click();
    await page.getByTestId('brand-no-logo').waitFor();
    await page.getByTestId('brand-section').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('brand-logo').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="brand-logo"]')?.naturalWidth === 120);
    const brand = (await api(server, server.adminToken, 'GET', `/api/v1/customers/${customer.id}`)).brand;
    assert.equal(brand.primary_color, BRAND);
    assert.equal(brand.logo_type, 'image/png');
    await checkA11y(page, 'customer brand tab');
    await page.context().close();
  });

  test('the public page at 390 px shows the logo, the colour and the map of the route', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(`${server.url}/track/${main.waybill}`);
    await page.getByTestId('track-result').waitFor();

    // The logo heads the page, loaded (an image the browser could decode).
    await page.waitForFunction(() => document.querySelector('[data-testid="track-logo"]')?.naturalWidth === 120);
    // The brand's colour is the page's primary colour.
    const background = await page.getByTestId('track-submit').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(background, `rgb(${BRAND_RGB.join(', ')})`);

    // The map: the cities in order, the destination, drawn on canvases in the brand's colour.
    const map = page.getByTestId('track-map');
    assert.equal(await map.getAttribute('data-route'), '4403,3101');
    assert.equal(await page.getByTestId('track-route').innerText(), '深圳市 → 上海市，目的地 上海市');
    await page.getByTestId('track-map-chart').locator('canvas').first().waitFor();
    await page.waitForFunction(([r, g, b]) => [...document.querySelectorAll('[data-testid="track-map-chart"] canvas')].some((canvas) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let hits = 0;
      for (let i = 0; i < data.length; i += 4)
        if (Math.abs(data[i] - r) < 12 && Math.abs(data[i + 1] - g) < 12 && Math.abs(data[i + 2] - b) < 12 && data[i + 3] > 200) hits++;
      return hits > 30;
    }), BRAND_RGB, { timeout: 15000 });
    assert.match(await page.getByTestId('track-map-chart').getAttribute('aria-label'), /深圳市 → 上海市/);

    // Phone first: the map and the page fit the width, nothing scrolls sideways.
    const box = await page.getByTestId('track-map-chart').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the map fits: ${JSON.stringify(box)}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scroll');
    await checkA11y(page, 'public tracking, branded, with the map (390 px)');
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/tracking-public-brand-390.png`, fullPage: true });

    // An order with no scan yet: the map's empty state, no map loaded for it.
    await page.goto(`${server.url}/track/${quiet.waybill}`);
    await page.getByTestId('track-map-empty').waitFor();
    assert.equal(await page.getByTestId('track-map').count(), 0);
    await context.close();
  });
});
