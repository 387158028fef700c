// Customer export in the console: masked by default; unmasked only for roles that may, with a reason;
// a large export (here more than 2 rows) runs in the background, shows its progress, then a download.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, createCustomer, createUser, launchBrowser, startServer, signIn } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer(['--export-dir', '{dir}/exports', '--export-async-rows', '2']);
  browser = await launchBrowser();
  for (const [name, phone] of [['深圳市顺达电子有限公司', '13812345678'], ['上海东方酒店', '13900001111'], ['北京蓝天广告有限公司', '13700002222']]) {
    await createCustomer(server, { name, contacts: [{ name: '陈建国', role: 'decision_maker', phone, is_primary: true }] });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(loginName, password) {
  return signIn(browser, server, loginName, password, { timeout: 20000, contextOptions: { acceptDownloads: true } });
}

// Waits for the background export's download button and returns the downloaded file's text.
async function downloadFinishedExport(page) {
  await page.getByTestId('export-done').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  return readFileSync(await download.path(), 'utf8');
}

describe('customer export', () => {
  test('a large export runs in the background, masked, then downloads; unmasked asks for a reason', async () => {
    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.goto(server.url + '/customers');
    await page.getByTestId('customer-row').first().waitFor();

    await page.getByTestId('export-csv').click();
    await page.getByTestId('export-ok').click();  // the dialog: all columns, the console's language
    const masked = await downloadFinishedExport(page);
    assert.match(masked, /深圳市顺达电子有限公司/);
    assert.doesNotMatch(masked, /13812345678/);
    assert.match(masked, /5678/);
    await page.keyboard.press('Escape');

    await page.getByTestId('export-unmasked').click();
    assert.equal(await page.getByTestId('export-unmasked-ok').isDisabled(), true, 'no reason, no export');
    await page.getByTestId('export-reason').click();
    await page.locator('.ant-select-item-option[title="客户要求"]').click();
    await page.getByTestId('export-unmasked-ok').click();
    const unmasked = await downloadFinishedExport(page);
    assert.match(unmasked, /13812345678/);
    assert.match(unmasked, /陈建国/);
    await page.context().close();
  });

  test('a salesperson exports masked and is not offered the unmasked export', async () => {
    await createUser(server, 'li.sales', 'sales');
    const page = await logIn('li.sales', USER_PASSWORD);
    await page.goto(server.url + '/customers');
    await page.getByTestId('export-csv').waitFor();
    assert.equal(await page.getByTestId('export-unmasked').count(), 0);
    await page.context().close();
  });
});
