// Customer export in the console: masked by default; unmasked only for roles that may, with a reason;
// a large export (here more than 2 rows) runs in the background, shows its progress, then a download.
// With rows selected, the dialog says it exports those and the file holds exactly them, in the chosen
// columns (in Chinese from the bulk bar, in English from the toolbar's button).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, USER_PASSWORD, checkA11y, createCustomer, createUser, launchBrowser, startServer, signIn } from './harness.mjs';

let server;
let browser;
const customers = [];  // as created

before(async () => {
  server = await startServer(['--export-dir', '{dir}/exports', '--export-async-rows', '2']);
  browser = await launchBrowser();
  for (const [name, phone] of [['深圳市顺达电子有限公司', '13812345678'], ['上海东方酒店', '13900001111'], ['北京蓝天广告有限公司', '13700002222']]) {
    customers.push(await createCustomer(server, { name, contacts: [{ name: '陈建国', role: 'decision_maker', phone, is_primary: true }] }));
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(loginName, password, lang = 'zh') {
  return signIn(browser, server, loginName, password, { lang, timeout: 20000, contextOptions: { acceptDownloads: true } });
}

// The lines of a downloaded CSV (no byte-order mark, no empty last line).
async function csvLines(download) {
  return readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
}

// Ticks the list's row of each customer named.
async function select(page, names) {
  for (const name of names) {
    await page.getByTestId('customer-row').filter({ hasText: name }).locator('.ant-table-selection-column input').check();
  }
  await page.getByTestId('bulk-bar').waitFor();
}

// In the open export dialog: only the columns given, then export; answers the download.
async function exportColumns(page, columns) {
  await page.getByTestId('export-columns-all').click();  // all → none
  for (const c of columns) await page.getByTestId(`export-column-${c}`).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ok').click()]);
  return download;
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

  test('the selected rows only, in the chosen columns: from the bulk bar (zh) and the toolbar (en)', async () => {
    const [shunda, dongfang, lantian] = customers;
    const page = await logIn('admin', ADMIN_PASSWORD);
    await page.goto(server.url + '/customers');
    await page.getByTestId('customer-row').nth(2).waitFor();
    await select(page, [shunda.name, lantian.name]);
    await page.getByTestId('bulk-export').click();
    assert.equal(await page.getByTestId('export-rows').innerText(), '只导出所选的 2 个客户');
    await checkA11y(page, 'export dialog for a selection (zh)');
    const lines = await csvLines(await exportColumns(page, ['name']));
    assert.equal(lines.length, 3, lines.join('\n'));  // the header and the two selected rows
    assert.deepEqual(lines.slice(1).sort(), [shunda.name, lantian.name].sort());
    assert.doesNotMatch(lines.join('\n'), new RegExp(dongfang.name));

    // Nothing selected: the filtered list again.
    await page.getByTestId('bulk-clear').click();
    await page.getByTestId('export-csv').click();
    assert.equal(await page.getByTestId('export-rows').innerText(), '按当前筛选条件导出');
    await page.keyboard.press('Escape');
    await page.context().close();

    const en = await logIn('admin', ADMIN_PASSWORD, 'en');
    await en.goto(server.url + '/customers');
    await en.getByTestId('customer-row').nth(2).waitFor();
    await select(en, [dongfang.name]);
    await en.getByTestId('export-csv').click();
    assert.equal(await en.getByTestId('export-rows').innerText(), 'Exports only the selected customers (1)');
    await checkA11y(en, 'export dialog for a selection (en)');
    const enLines = await csvLines(await exportColumns(en, ['code', 'name']));
    assert.deepEqual(enLines, ['code,name', `${dongfang.code},${dongfang.name}`]);
    await en.context().close();
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
