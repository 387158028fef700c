// Import and export in Debian's Chromium at 1440×900 and 390×844, in Chinese and English: a file whose
// headers are not the template's → a mapping per unknown header → checked and imported; a row with two
// errors → both listed under its line with the fields' labels in the user's language; the failed rows
// downloaded (their content checked); the import history shows the runs; an export with chosen columns
// → the file's header is exactly them. axe-core on every page and dialog visited.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, checkA11y, createCustomer, launchBrowser, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createCustomer(server, { name: '深圳市顺达电子有限公司', industry: 'electronics', classification: { value_class: 'A' } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const SIZES = [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }];

// What each language must show (written here, not taken from the console).
const WORDS = {
  zh: {
    ignore: '不导入此列',
    kind: '类型：不是允许的取值',
    phone: '电话：不是有效的手机号或固定电话',
    failedHeader: '客户编码,客户名称,类型,行业,省,市,区,详细地址,联系人,联系人角色,电话,邮箱,价值分类,客户层级,标签,关系类型,关系深度,成熟度,营销类型,细分市场,生命周期阶段,发展阶段,统一社会信用代码,错误',
    failedErrors: /类型：.*；电话：/,
    exportHeader: '客户编码,客户名称,价值分类',
    rows: '1 / 1 / 0',
    partialRows: '2 / 1 / 1',
  },
  en: {
    ignore: 'Leave out this column',
    kind: 'Kind: Not an allowed value',
    phone: 'Phone: Not a valid mobile or landline number',
    failedHeader: 'code,name,kind,industry,province,city,district,street,contact_name,contact_role,phone,email,value_class,tier,tags,relationship_type,relationship_depth,maturity,marketing_type,market,lifecycle_stage,development_stage,credit_code,errors',
    failedErrors: /Kind: .*; Phone: /,
    exportHeader: 'code,name,value_class',
    rows: '1 / 1 / 0',
    partialRows: '2 / 1 / 1',
  },
};

async function open(lang, size) {
  const page = await signIn(browser, server, 'admin', ADMIN_PASSWORD,
    { lang, timeout: 20000, contextOptions: { acceptDownloads: true, viewport: { width: size.width, height: size.height } } });
  await page.goto(server.url + '/customers/import');
  await page.getByTestId('import-history').waitFor();
  return page;
}

async function choose(page, testId, text) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

function setFile(page, name, csv) {
  return page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

const bom = (s) => s.replace(/^\uFEFF/, '');

// axe measures colours as they are: wait until antd's fade-in animations (the finite ones) have finished.
async function settled(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

describe('import and export', () => {
  for (const size of SIZES) {
    for (const lang of ['zh', 'en']) {
      test(`${size.name} ${lang}: mapping, every error of a row, failed rows, history, export columns`, async () => {
        const w = WORDS[lang];
        const tag = `${size.name}-${lang}`;
        const page = await open(lang, size);
        await settled(page);
        await checkA11y(page, `import ${tag}`);

        // 1. Headers that are not the template's: the check asks for a mapping.
        const mappedFile = `mapped-${tag}.csv`;
        await setFile(page, mappedFile, `公司,手机号码,联系人,备注\r\n杭州西湖物流${tag},13800001111,李雷,老客户\r\n`);
        await page.getByTestId('import-check').click();
        await page.getByTestId('import-mapping').waitFor();
        assert.deepEqual(await page.getByTestId('import-mapping-header').allInnerTexts(), ['公司', '手机号码', '备注']);
        assert.equal(await page.getByTestId('import-run').isDisabled(), true, 'no import before every header is mapped');
        await settled(page);
        await checkA11y(page, `import mapping ${tag}`);
        await choose(page, 'import-mapping-0', '(name)');
        await choose(page, 'import-mapping-1', '(phone)');
        await choose(page, 'import-mapping-2', w.ignore);
        await page.getByTestId('import-mapping-apply').click();
        await page.waitForFunction(() => document.querySelector('[data-testid="import-valid"]')?.textContent === '1');
        assert.equal(await page.getByTestId('import-failed').innerText(), '0');
        await page.getByTestId('import-run').click();
        await page.waitForFunction(() => document.querySelector('[data-testid="import-imported"]')?.textContent === '1');

        // 2. A row with two errors: both listed under its line, labelled in the user's language.
        const badFile = `bad-${tag}.csv`;
        const bad = `客户名称,类型,联系人,电话,邮箱\r\n乙公司${tag},个人x,王五,123,ok@x.cn\r\n丙公司${tag},组织,赵六,13812345678,c${size.width}${lang}@b.cn\r\n`;
        await setFile(page, badFile, bad);
        assert.equal(await page.getByTestId('import-mapping').count(), 0, 'a new file starts without a mapping');
        await page.getByTestId('mode-valid').click();
        await page.getByTestId('import-run').click();
        await page.waitForFunction(() => document.querySelector('[data-testid="import-imported"]')?.textContent === '1');
        assert.equal(await page.getByTestId('import-error-row').count(), 1, 'one bad row');
        const row = page.getByTestId('import-error-row');
        assert.match(await row.locator('td').first().innerText(), /^\s*2\s*$/);
        const problems = await row.getByTestId('import-problem').allInnerTexts();
        assert.equal(problems.length, 2, problems.join(' | '));
        assert.ok(problems[0].startsWith(w.kind), problems[0]);
        assert.ok(problems[1].startsWith(w.phone), problems[1]);
        await settled(page);
        await checkA11y(page, `import report ${tag}`);

        // 3. The failed rows as a file: the template's columns, the bad row as it was, its problems.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-failed-rows').click()]);
        const lines = bom(readFileSync(await download.path(), 'utf8')).split(/\r?\n/).filter(Boolean);
        assert.equal(lines.length, 2, lines.join('\n'));
        assert.equal(lines[0], w.failedHeader);
        assert.ok(lines[1].startsWith(`,乙公司${tag},个人x,,,,,,王五,,123,ok@x.cn,`), lines[1]);
        assert.match(lines[1], w.failedErrors);

        // 4. The history: this session's runs, newest first, with who, file and rows.
        await page.waitForFunction((f) => [...document.querySelectorAll('[data-testid="import-history-file"]')].some((e) => e.textContent === f), badFile);
        const runs = await page.getByTestId('import-history-row').evaluateAll((rows) => rows.map((r) => ({
          file: r.querySelector('[data-testid="import-history-file"]')?.textContent, rows: r.querySelector('[data-testid="import-history-rows"]')?.textContent, text: r.textContent,
        })));
        assert.equal(runs[0].file, badFile);
        assert.equal(runs[0].rows, w.partialRows);
        const mappedRuns = runs.filter((r) => r.file === mappedFile);
        assert.equal(mappedRuns.length, 3, 'the first check, the check with the mapping, the import');
        assert.equal(mappedRuns[0].rows, w.rows);
        assert.match(runs[0].text, /admin/);

        // 5. Export with chosen columns: the file's header is exactly them.
        await page.goto(server.url + '/customers');
        await page.getByTestId('customer-row').first().waitFor();
        await page.getByTestId('export-csv').click();
        await page.getByTestId('export-columns-all').waitFor();
        await settled(page);
        await checkA11y(page, `export dialog ${tag}`);
        await page.getByTestId('export-columns-all').click();
        assert.equal(await page.getByTestId('export-ok').isDisabled(), true, 'no columns, no export');
        for (const c of ['value_class', 'name', 'code']) await page.getByTestId(`export-column-${c}`).click();
        await page.getByTestId(`export-lang-${lang}`).click();
        const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ok').click()]);
        const exported = bom(readFileSync(await file.path(), 'utf8')).split(/\r?\n/);
        assert.equal(exported[0], w.exportHeader);
        assert.ok(exported.some((l) => l.includes('深圳市顺达电子有限公司')));
        await page.context().close();
      });
    }
  }
});
