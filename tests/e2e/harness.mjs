// Browser-test harness: the real `consign serve` on a fresh SQLite database serving the built
// console, Debian's Chromium driven by playwright-core, and a few API calls to set up data.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = process.env.CONSIGN_BINARY ?? path.join(root, 'build/src/app/consign');
export const ADMIN_PASSWORD = 'admin-password-白云-e2e';
export const USER_PASSWORD = 'user-password-蓝天-e2e';

// Starts a server; resolves once it listens. `stop()` ends it and removes its database. `extraArgs`
// are more flags for `consign serve`; "{dir}" in them is the server's temporary directory.
export async function startServer(extraArgs = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'consign-e2e-'));
  const child = spawn(binary, ['serve', '--db', `sqlite:${dir}/consign.db`, '--listen', '127.0.0.1:0',
    '--static-dir', path.join(root, 'web/dist'), '--log-level', 'warn',
    ...extraArgs.map((a) => a.replaceAll('{dir}', dir))], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const { url, oneTimePassword } = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consign serve did not start:\n${out}\n${err}`)), 30000);
    child.on('exit', (code) => reject(new Error(`consign serve exited with ${code}:\n${out}\n${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const listening = out.match(/Consign listening on (http:\/\/\S+)/);
      const password = out.match(/one-time password: (\S+)/);
      if (listening && password) {
        clearTimeout(timer);
        resolve({ url: listening[1], oneTimePassword: password[1] });
      }
    });
  });
  const server = {
    url,
    db: `sqlite:${dir}/consign.db`,  // for the command line (e.g. `consign user add --team`)
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // The administrator changes the one-time password, as the console would make them do.
  const once = await login(server, 'admin', oneTimePassword);
  await api(server, once, 'POST', '/api/v1/auth/password', { current_password: oneTimePassword, new_password: ADMIN_PASSWORD });
  server.adminToken = await login(server, 'admin', ADMIN_PASSWORD);
  return server;
}

export async function api(server, token, method, pathname, body) {
  const response = await fetch(server.url + pathname, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function login(server, loginName, password) {
  const response = await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: loginName, password }),
  });
  if (response.status !== 200) throw new Error(`login ${loginName}: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

export async function createUser(server, loginName, role, extra = {}) {
  return api(server, server.adminToken, 'POST', '/api/v1/users',
    { login: loginName, name: loginName, role, password: USER_PASSWORD, must_change_password: false, ...extra });
}

export async function createCustomer(server, body) {
  return api(server, server.adminToken, 'POST', '/api/v1/customers', body);
}

// Debian's Chromium (package chromium), headless. CHROMIUM overrides the path.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

// A new browser context signed in to the console as `loginName`, in Chinese unless `lang` is 'en';
// `contextOptions` add to the context's (e.g. acceptDownloads). Answers the page once the console
// shows who is signed in.
export async function signIn(browser, server, loginName, password, { lang = 'zh', timeout = 15000, contextOptions = {} } = {}) {
  const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  await page.goto(server.url + '/');
  await page.getByTestId('login-user').fill(loginName);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
  return page;
}

// Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page as it is and fails on any
// serious or critical violation, listing each with the elements it found. The whole page is checked:
// nothing is left out (issue 7 asks for zero such violations on every page).
export async function checkA11y(page, label = page.url()) {
  // The page as the user ends up seeing it: axe on a half-faded error text or a drawer still sliding
  // shut measures a frame of the animation (a contrast of 2.5 for a red that ends at 4.6).
  // Endless ones (a spinner) are left alone, and no wait is longer than two seconds.
  await page.evaluate(() => Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]));
  // A toast that starts to fade out just as axe runs (antd's messages leave after three seconds, a
  // frame later than the wait above on a loaded machine) shows as a contrast of 1.01: a violation is
  // believed only when it is still there half a second later, twice over.
  let results, bad;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt) await page.waitForTimeout(500);
    results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (!bad.length) break;
  }
  if (bad.length) {
    const lines = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n` +
      v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join('; ')}`).join('\n'));
    throw new Error(`axe: ${bad.length} serious or critical violation(s) on ${label}:\n${lines.join('\n')}`);
  }
  return results;
}

// Picks an option of an antd Select by their test ids and waits for the list to close: on a phone the
// open list covers the dialog's buttons, and a click on them while it is still fading out lands on an
// option instead.
export async function chooseOption(page, selectTestId, optionTestId) {
  await page.getByTestId(selectTestId).click();
  await pickAndClose(page, page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="${optionTestId}"]`));
}

// Clicks the option and waits for the list to close. On a loaded machine the click can land while the
// list is still opening and be lost, leaving it open: then the option is clicked once more.
async function pickAndClose(page, option) {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await option.click();
  try {
    await open.waitFor({ state: 'hidden', timeout: 5000 });
  } catch {
    if (await option.count()) await option.click();
    await open.waitFor({ state: 'hidden' });
  }
}

// The same, for an option found by its text (antd gives each option its label as title).
export async function chooseTitled(page, selectTestId, title) {
  await page.getByTestId(selectTestId).click();
  await pickAndClose(page, page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`));
}

// A place in the division cascader, found by typing its name.
export async function pickPlace(page, testId, name) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  await page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item', { hasText: name }).first().click();
  await page.keyboard.press('Escape');
}

// A receiver of tests/tools/sinks.py in a process of its own: "smtp" (each mail written to <dir>/<n>.eml)
// or "http" with a plan of answers. Resolves once it listens: { port, dir, files(suffix), stop() }.
export async function startSink(kind, plan) {
  const dir = mkdtempSync(path.join(tmpdir(), `consign-sink-${kind}-`));
  const child = spawn('/usr/bin/python3', [path.join(root, 'tests/tools/sinks.py'), kind, dir, ...(plan ? [plan] : [])],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${kind} sink did not start (is python3-aiosmtpd installed?)\n${err}`)), 15000);
    child.on('exit', (code) => reject(new Error(`the ${kind} sink exited with ${code}:\n${err}`)));
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.match(/^(\d+)\s*$/m);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
  });
  return {
    port,
    dir,
    // The files received so far, oldest first, as text.
    files(suffix = kind === 'smtp' ? '.eml' : '.json') {
      return readdirSync(dir).filter((f) => f.endsWith(suffix) && !f.startsWith('.'))
        .sort((a, b) => parseInt(a, 10) - parseInt(b, 10)).map((f) => readFileSync(path.join(dir, f), 'utf8'));
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
