/**
 * The page in a real browser (Debian's chromium, headless, via playwright-core):
 * sample upload and history chart, a bad CSV's located error, a config error
 * next to its field, the language switch, a plan run, a plan run after the
 * kept upload expired. Screenshots of the main
 * views go to test-artifacts/ (not committed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { repoRoot, tempDir } from '../helpers/paths';
import type { PlanRunner } from '../../src/jobs';
import { startServer, type RunningServer } from '../../src/web/server';
import { artifactsDir, launchChromium } from './browser';

let server: RunningServer;
let browser: Browser;
let cleanup: () => Promise<void>;
let page: Page;

beforeAll(async () => {
  server = await startServer({ port: 0 });
  ({ browser, cleanup } = await launchChromium());
});

afterAll(async () => {
  await cleanup?.();
  await server?.close();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) problems.push(`request off this server: ${r.url()}`);
  });
  (page as unknown as { problems: string[] }).problems = problems;
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
});

afterEach(async () => {
  const problems = (page as unknown as { problems: string[] }).problems;
  await page.close();
  expect(problems).toEqual([]);
});

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });

test('the sample history uploads and its chart and facts appear', async () => {
  expect(await page.locator('#run').isDisabled()).toBe(true);
  await page.click('#sample');
  await page.waitForSelector('#history-view:not([hidden]) #history-chart svg polyline');
  expect(await page.locator('#run').isDisabled()).toBe(false);
  const facts = await page.locator('#history-facts').innerText();
  expect(facts).toContain('Total inquiries');
  // Every event marker is labelled, and the chart names its axis.
  const markers = await page.locator('#history-chart line.marker').count();
  expect(markers).toBeGreaterThan(1);
  expect(await page.locator('#history-chart text.marker-label').count()).toBe(markers);
  expect(await page.locator('#history-chart text.axis-label').textContent()).toBe('inquiries');
  expect(await page.locator('#history-file').innerText()).toMatch(/^inquiries\.csv · [\d,]+ KB · [\d,]+ rows$/);
  // The settings form is filled from the sample config.
  expect(await page.inputValue('[data-path="horizon.start"]')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(await page.locator('#pools-body fieldset.pool').count()).toBeGreaterThan(0);
  await shot('history');
});

test('an own CSV without a config starts from the defaults and gets a horizon proposed', async () => {
  const rows = ['date,hour,咨询量'];
  for (let d = 1; d <= 28; d++) for (let hr = 0; hr < 24; hr++) rows.push(`2026-02-${String(d).padStart(2, '0')},${hr},${hr >= 9 && hr <= 22 ? 120 + d : 20}`);
  await page.setInputFiles('#file-input', { name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
  await page.waitForSelector('#history-view:not([hidden]) #history-chart svg polyline');
  expect(await page.locator('#history-facts').innerText()).toContain('2026-02-01T00:00 — 2026-02-28T23:00');
  expect(await page.inputValue('[data-path="horizon.start"]')).toBe('2026-03-01');
  expect(await page.inputValue('[data-path="horizon.end"]')).toBe('2026-03-14');
  // The default config's single in-house pool, as the CLI uses without --config.
  expect(await page.locator('#pools-body fieldset.pool').count()).toBe(1);
  expect(await page.inputValue('[data-path="pools[0].name"]')).toBe('in-house');
  expect(await page.inputValue('[data-path="pools[0].headcount"]')).toBe('50');
  await shot('own-csv');

  // A new time zone reads the history again in it: the facts follow the config.
  const uploads: string[] = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/history') uploads.push(`${url.searchParams.get('timezone') ?? ''} ${r.status()}`);
  });
  const config = JSON.parse(await page.inputValue('#config-json')) as Record<string, unknown>;
  await page.click('#step-settings details summary');
  await page.fill('#config-json', JSON.stringify({ ...config, timezone: 'Europe/Berlin' }, null, 2));
  await page.click('#apply-json');
  for (let i = 0; i < 100 && uploads.length === 0; i++) await page.waitForTimeout(50);
  expect(uploads).toEqual(['Europe/Berlin 200']);
  await page.waitForSelector('#history-view:not([hidden]) #history-chart svg polyline');
  expect(await page.locator('#history-facts').innerText()).toContain('2026-02-01T00:00 — 2026-02-28T23:00');
});

test('a bad CSV shows the located error next to the upload', async () => {
  await page.setInputFiles('#file-input', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,abc\n') });
  const error = page.locator('#history-error');
  await error.waitFor({ state: 'visible' });
  expect(await error.locator('.message').innerText()).toBe('bad.csv:3:2: count "abc"; expected a whole number of inquiries >= 0');
  expect(await page.locator('#history-view').isHidden()).toBe(true);
  await shot('bad-csv');
});

test('a bad setting is shown next to its field, and Run waits with the reason beside it', async () => {
  await page.click('#sample');
  await page.waitForSelector('#history-chart svg');
  const field = '[data-path="pools[0].headcount"]';
  await page.fill(field, '-5');
  await page.dispatchEvent(field, 'change');
  const error = page.locator('#config-error');
  await error.waitFor({ state: 'visible' });
  expect(await error.locator('.message').innerText()).toBe('config pools[0].headcount: expected a whole number >= 0, got -5 (in config.json)');
  expect(await page.getAttribute(field, 'class')).toContain('invalid');
  expect(await page.locator('#run').isDisabled()).toBe(true);
  expect(await page.locator('#run-reason').innerText()).toBe('Fix the settings first: config pools[0].headcount: expected a whole number >= 0, got -5 (in config.json)');
  await shot('config-error');
});

test('the language switch turns every label to Chinese and back', async () => {
  await page.click('#sample');
  await page.waitForSelector('#history-chart svg');
  await page.click('#lang');
  expect(await page.locator('#step-history h2').innerText()).toBe('1. 咨询量历史');
  expect(await page.locator('#run').innerText()).toBe('运行规划');
  expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(await page.locator('#history-facts').innerText()).toContain('咨询总量');
  await shot('chinese');
  await page.click('#lang');
  expect(await page.locator('#step-history h2').innerText()).toBe('1. Inquiry history');
  expect(await page.locator('#run').innerText()).toBe('Run the plan');
});

test('the what-if tab compares scenarios side by side', async () => {
  await page.click('#sample');
  await page.waitForSelector('#history-chart svg');
  // Two days and a 5% gap keep the solves short; edited through the Config JSON box.
  const config = JSON.parse(await page.inputValue('#config-json')) as Record<string, unknown>;
  config.horizon = { start: '2026-11-10', end: '2026-11-11' };
  config.solver = { mipRelGap: 0.05 };
  await page.click('#step-settings details summary');
  await page.fill('#config-json', JSON.stringify(config, null, 2));
  await page.click('#apply-json');
  // The page's CSP forbids eval, so wait from here rather than with a page-side predicate.
  const start = '[data-path="horizon.start"]';
  for (let i = 0; i < 100 && (await page.inputValue(start)) !== '2026-11-10'; i++) await page.waitForTimeout(50);
  expect(await page.inputValue(start)).toBe('2026-11-10');
  expect(JSON.parse(await page.inputValue('#scenarios-json')).scenarios).toHaveLength(5);
  await page.fill('#scenarios-json', JSON.stringify({ scenarios: [{ name: '50/50 ratio', overrides: [{ outsourcing: { min: 0.5, max: 0.5 } }] }], simulation: { runs: 1, seed: 7 } }));
  await page.click('#run-whatif');
  await page.waitForSelector('#whatif-results:not([hidden]) #comparison-table tbody tr', { timeout: 60_000 });
  // A formatted table, best first: rank, scenario, cost with lost service, ...
  const rows = await page.locator('#comparison-table tbody tr').allInnerTexts();
  expect(rows.map((r) => r.split('\t').slice(0, 2))).toEqual(expect.arrayContaining([['1', expect.any(String)], ['2', expect.any(String)]]));
  expect(rows.map((r) => r.split('\t')[1]).sort()).toEqual(['50/50 ratio', 'base']);
  expect(rows.every((r) => /^\d\t[^\t]+\t[\d,]+\t/.test(r))).toBe(true);
  expect(await page.locator('#whatif-downloads a[data-file="comparison.html"]').count()).toBe(1);
  // Every scenario's plan folder is there to download, file by file.
  const folderNodes = page.locator('#whatif-downloads details.folder');
  const folders = await Promise.all(Array.from({ length: await folderNodes.count() }, (_, i) => folderNodes.nth(i).getAttribute('data-folder')));
  expect(folders).toEqual(['00-base', '01-50-50-ratio']);
  await page.click('#whatif-downloads details[data-folder="01-50-50-ratio"] summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#whatif-downloads a[data-file="01-50-50-ratio/shifts.csv"]')]);
  const saved = path.join(tempDir(), 'shifts.csv');
  await download.saveAs(saved);
  expect(fs.readFileSync(saved, 'utf8').split('\n')[0]).toMatch(/^date,shift,start,end,pool,agents,cost,/);
  await shot('whatif');

  // comparison.html fits a 1366 px screen with the shortfall and service columns in view.
  const [html] = await Promise.all([page.waitForEvent('download'), page.click('#whatif-downloads a[data-file="comparison.html"]')]);
  const htmlFile = path.join(tempDir(), 'comparison.html');
  await html.saveAs(htmlFile);
  const laptop = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    await laptop.setContent(fs.readFileSync(htmlFile, 'utf8'));
    const table = await laptop.locator('table.main').boundingBox();
    expect(table).not.toBeNull();
    expect((table?.x ?? 0) + (table?.width ?? Infinity)).toBeLessThanOrEqual(1366);
    for (const head of ['shortfall agent-h', 'hours on target']) {
      const box = await laptop.locator('table.main thead th', { hasText: head }).boundingBox();
      expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual(1366);
    }
  } finally {
    await laptop.close();
  }
  // The comparison downloads in the page's language.
  await page.click('#lang');
  // The what-if results re-render after the click (asynchronously).
  await page.waitForSelector('#whatif-downloads a[data-file="comparison.html"][href$="/files/zh/comparison.html"]', { timeout: 10_000 });
  expect(await page.getAttribute('#whatif-downloads a[data-file="comparison.html"]', 'href')).toMatch(/\/files\/zh\/comparison\.html$/);
  expect(await page.getAttribute('#whatif-downloads a[data-file="comparison.html"]', 'download')).toBe('comparison.html');
});

test('a bad scenario shows the scenario reader message under the what-if box', async () => {
  await page.click('#sample');
  await page.waitForSelector('#history-chart svg');
  await page.fill('#scenarios-json', '{"scenarios": [{"name": "x", "overrides": [{"outsourcing": {"min": 2}}]}]}');
  await page.click('#run-whatif');
  const error = page.locator('#whatif-run-error');
  await error.waitFor({ state: 'visible' });
  expect(await error.locator('.message').innerText()).toMatch(/^scenario "x" overrides\[0\]\.outsourcing\.min: /);
});

test('a plan run shows KPIs, charts and the roster, and its downloads equal the CLI plan folder', async () => {
  await page.click('#sample');
  await page.waitForSelector('#history-chart svg');
  expect(await page.locator('#agents-file').innerText()).toMatch(/^agents\.csv · \d+ agents$/);
  const config = JSON.parse(await page.inputValue('#config-json')) as Record<string, unknown>;
  config.horizon = { start: '2026-11-10', end: '2026-11-12' };
  await page.click('#step-settings details summary');
  await page.fill('#config-json', JSON.stringify(config, null, 2));
  await page.click('#apply-json');
  const start = '[data-path="horizon.start"]';
  for (let i = 0; i < 100 && (await page.inputValue(start)) !== '2026-11-10'; i++) await page.waitForTimeout(50);
  await page.click('#run');
  await page.waitForSelector('#progress-box:not([hidden])');
  await page.waitForSelector('#results:not([hidden]) #roster-table tbody tr', { timeout: 90_000 });
  expect(await page.locator('#kpis').innerText()).toContain('Total cost');
  expect(await page.locator('#coverage-chart svg polyline.line-scheduled').count()).toBe(1);
  // The agents chart: its own title, an axis label, ticks at midnights labelled MM-DD.
  expect(await page.locator('#coverage-chart svg > title').textContent()).toBe('Agents per hour: required and scheduled');
  expect(await page.locator('#coverage-chart text.axis-label').textContent()).toBe('agents');
  expect(await page.locator('#coverage-chart line.tick').count()).toBe(3);
  expect(await page.locator('#coverage-chart text.tick-label').allTextContents()).toEqual(['11-10', '11-11', '11-12']);
  // The roster's name column stays in view when the dates scroll.
  expect(await page.locator('#roster-table td.name-col').first().evaluate((n) => (globalThis as unknown as { getComputedStyle(e: unknown): { position: string } }).getComputedStyle(n).position)).toBe('sticky');
  expect(await page.locator('#demand-chart svg polygon.band-demand').count()).toBe(1);
  expect(await page.locator('#cost-chart svg rect.bar').count()).toBeGreaterThan(0);
  await shot('plan-results');

  // The same run from the CLI: the page sent its config as this text.
  const dir = tempDir();
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const out = path.join(dir, 'plan');
  const cli = await runCli(['plan', '--config', configFile, '--history', path.join(repoRoot, 'data/inquiries.csv'), '--agents', path.join(repoRoot, 'data/agents.csv'), '--out-dir', out]);
  expect(cli.code).toBe(0);
  for (const name of ['roster.csv', 'summary.json', 'roster-grid.csv', 'roster.xlsx']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#downloads-list a[data-file="${name}"]`)]);
    const saved = path.join(dir, `web-${name}`);
    await download.saveAs(saved);
    expect([name, fs.readFileSync(saved).equals(fs.readFileSync(path.join(out, name)))]).toEqual([name, true]);
  }
  // Lowest service level as the CLI has it: over the hours with inquiries.
  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as { lowestHourlyServiceLevel: number };
  expect(await page.locator('#kpis .kpi', { hasText: 'Lowest' }).locator('b').innerText()).toBe(`${(summary.lowestHourlyServiceLevel * 100).toFixed(1)}%`);

  // A failed upload afterwards leaves nothing of the earlier run, and Run waits for a good file.
  await page.setInputFiles('#file-input', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('timestamp,inquiries\n2026-06-01T10:00,abc\n') });
  await page.locator('#history-error').waitFor({ state: 'visible' });
  expect(await page.locator('#results').isHidden()).toBe(true);
  expect(await page.locator('#history-view').isHidden()).toBe(true);
  expect(await page.locator('#downloads-list a').count()).toBe(0);
  expect(await page.locator('#run').isDisabled()).toBe(true);
  expect(await page.locator('#run-whatif').isDisabled()).toBe(true);
}, 120_000);

test('a plan whose kept history has expired sends the file again and runs', async () => {
  // Its own server: histories expire after 300 ms, and runs wait until the server stops.
  const runner: PlanRunner = (_inputs, _progress, _timeoutMs, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('stopped'))));
  const expiring = await startServer({ port: 0, historyTtlMs: 300, runner });
  const own = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    const calls: string[] = [];
    own.on('response', (r) => {
      const where = new URL(r.url()).pathname;
      if (where === '/api/history' || where === '/api/plans') calls.push(`${where} ${r.status()}`);
    });
    await own.goto(expiring.url);
    await own.waitForSelector('body[data-ready="true"]');
    const rows = ['timestamp,inquiries'];
    for (let hr = 0; hr < 48; hr++) rows.push(`2026-02-0${1 + Math.floor(hr / 24)}T${String(hr % 24).padStart(2, '0')}:00,${20 + hr}`);
    await own.setInputFiles('#file-input', { name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
    await own.waitForSelector('#history-view:not([hidden]) #history-chart svg');
    await own.waitForTimeout(600);
    // Run options: quantile and time limit go into the config, strict with the request.
    await own.selectOption('#quantile', 'p90');
    await own.fill('#time-limit', '45');
    await own.press('#time-limit', 'Tab');
    await own.check('#strict');
    const posted: string[] = [];
    own.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/plans') posted.push(r.postData() ?? '');
    });
    await own.click('#run');
    await own.waitForSelector('#progress-box:not([hidden])');
    expect(calls).toEqual(['/api/history 200', '/api/plans 404', '/api/history 200', '/api/plans 202']);
    const body = JSON.parse(posted[posted.length - 1] as string) as { strict: boolean; config: { text: string } };
    expect(body.strict).toBe(true);
    expect(JSON.parse(body.config.text)).toMatchObject({ forecast: { quantile: 'p90' }, solver: { timeLimitSeconds: 45 } });
    expect(await own.locator('#run-error').isVisible()).toBe(false);
  } finally {
    await own.close();
    await expiring.close();
  }
});
