// Screenshots of the console's main pages (run by scripts/screenshots.sh; not a test, not in `make test`):
// a fresh server on a temporary SQLite database filled by `consign demo` with a fixed seed, Debian's
// Chromium at 1440×900 and 390×844, in Chinese (the list and the record in English too), saved as
// PNG files into the directory given (docs/screenshots by default).
//   node tests/e2e/screenshots.mjs [OUT_DIR]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, USER_PASSWORD, api, launchBrowser, login } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = process.env.CONSIGN_BINARY ?? path.join(root, 'build/src/app/consign');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs/screenshots'));
const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }];
const RECORD_ID = 1;     // a customer of the demo company (the same seed gives the same company)
const PORTAL_ID = 2;     // the account the portal user belongs to

async function startDemoServer(dir) {
  const db = `sqlite:${dir}/consign.db`;
  execFileSync(binary, ['demo', '--db', db, '--customers', '300', '--seed', '20261201', '--log-level', 'warn'], { stdio: 'ignore' });
  const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--static-dir', path.join(root, 'web/dist'),
    '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const { url, oneTimePassword } = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consign serve did not start:\n${text}`)), 30000);
    child.on('exit', (code) => reject(new Error(`consign serve exited with ${code}:\n${text}`)));
    child.stdout.on('data', (d) => {
      text += d;
      const listening = text.match(/Consign listening on (http:\/\/\S+)/);
      const password = text.match(/one-time password: (\S+)/);
      if (listening && password) {
        clearTimeout(timer);
        resolve({ url: listening[1], oneTimePassword: password[1] });
      }
    });
  });
  const server = { url, child };
  const once = await login(server, 'admin', oneTimePassword);
  await api(server, once, 'POST', '/api/v1/auth/password', { current_password: oneTimePassword, new_password: ADMIN_PASSWORD });
  server.adminToken = await login(server, 'admin', ADMIN_PASSWORD);
  await api(server, server.adminToken, 'POST', '/api/v1/users',
    { login: 'portal.demo', name: 'portal.demo', role: 'portal', customer_id: PORTAL_ID, password: USER_PASSWORD, must_change_password: false });
  return server;
}

async function settle(page, ms = 800) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(ms);
}

async function newPage(browser, lang, size) {
  const context = await browser.newContext({
    locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: size, deviceScaleFactor: 1, reducedMotion: 'reduce',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  return page;
}

async function signIn(page, server, loginName, password) {
  await page.goto(server.url + '/');
  await page.getByTestId('login-user').fill(loginName);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

const saved = [];
async function shot(page, name, lang, size) {
  const file = `${name}-${lang}-${size.width}x${size.height}.png`;
  // The whole page at once: the window made as tall as the page (a fullPage capture resizes the
  // page while it draws, and the frame's fixed parts end up drawn half-way through a resize).
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, file), animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(size);
  saved.push(file);
  console.log(`saved ${file}`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'consign-shots-'));
let server;
let browser;
try {
  mkdirSync(out, { recursive: true });
  server = await startDemoServer(dir);
  browser = await launchBrowser();
  for (const size of SIZES) {
    for (const lang of ['zh', 'en']) {
      const all = lang === 'zh';   // every page in Chinese; the list and the record in English too
      const page = await newPage(browser, lang, size);
      if (all) {
        await page.goto(server.url + '/');
        await page.getByTestId('login-submit').waitFor();
        await settle(page, 300);
        await shot(page, 'login', lang, size);
      }
      await signIn(page, server, 'admin', ADMIN_PASSWORD);
      if (all) {
        await page.goto(server.url + '/');
        await page.getByTestId('page-title').waitFor();
        await settle(page, 2000);   // the charts draw
        await shot(page, 'dashboard', lang, size);
      }
      await page.goto(server.url + '/customers');
      await page.getByTestId('page-title').waitFor();
      await settle(page);
      await shot(page, 'customers', lang, size);
      await page.goto(`${server.url}/customers/${RECORD_ID}`);
      await page.getByTestId('customer-name').waitFor();
      await settle(page);
      await shot(page, 'customer', lang, size);
      if (all) {
        await page.goto(`${server.url}/customers/${RECORD_ID}/edit`);
        await page.getByTestId('form-name').waitFor();
        await settle(page);
        await shot(page, 'customer-form', lang, size);
        await page.goto(`${server.url}/customers/import`);
        await page.getByTestId('page-title').waitFor();
        await settle(page);
        await shot(page, 'import', lang, size);
      }
      await page.context().close();
      if (all) {
        const portal = await newPage(browser, lang, size);
        await signIn(portal, server, 'portal.demo', USER_PASSWORD);
        await portal.getByTestId('portal-name').waitFor();
        await settle(portal);
        await shot(portal, 'portal-account', lang, size);
        await portal.context().close();
      }
    }
  }
  console.log(`${saved.length} screenshots in ${out}`);
} finally {
  await browser?.close();
  if (server) {
    server.child.kill('SIGTERM');
    await new Promise((r) => (server.child.exitCode !== null ? r() : server.child.on('exit', r)));
  }
  rmSync(dir, { recursive: true, force: true });
}
