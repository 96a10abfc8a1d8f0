/**
 * The page without JSON, in a real browser: an uploaded two-queue history
 * plans with its own queues, a vendor is added and priced in the pool form,
 * Run waits (and says why) while the settings are wrong, the defaults never
 * overwrite the sample when they arrive late; and in Chinese mode the results,
 * the roster, the Today step and the downloads speak Chinese.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { englishIn } from '../helpers/english';
import { tempDir } from '../helpers/paths';
import { runPlanJob } from '../../src/jobs';
import type { PlanRunner } from '../../src/web/queue';
import { startServer, type RunningServer } from '../../src/web/server';
import { launchChromium } from './browser';

let browser: Browser;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ browser, cleanup } = await launchChromium());
});

afterAll(async () => {
  await cleanup?.();
});

/** A page on `server` with every problem (script errors, failed or foreign requests) collected. */
async function open(server: RunningServer, beforeGoto?: (page: Page) => Promise<void>, ready = true): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) problems.push(`request off this server: ${r.url()}`);
  });
  await beforeGoto?.(page);
  await page.goto(server.url);
  // Ready: the defaults are in. Before that the script has started once the agents line is written.
  await page.waitForSelector(ready ? 'body[data-ready="true"]' : '#agents-file:not(:empty)');
  return { page, problems };
}

/** Four weeks of hourly inquiries in two queues, 售前 and 售后, as a shop's export has them. */
function twoQueueCsv(): string {
  const rows = ['日期,小时,队列,咨询量'];
  for (let d = 1; d <= 28; d++) {
    for (let hr = 0; hr < 24; hr++) {
      const day = hr >= 9 && hr <= 22;
      rows.push(`2026-02-${String(d).padStart(2, '0')},${hr},售前,${day ? 60 + d : 6}`);
      rows.push(`2026-02-${String(d).padStart(2, '0')},${hr},售后,${day ? 25 + (d % 5) : 3}`);
    }
  }
  return `${rows.join('\n')}\n`;
}

async function waitForValue(page: Page, selector: string, value: string): Promise<void> {
  // The page's CSP forbids eval, so wait from here rather than with a page-side predicate.
  for (let i = 0; i < 100 && (await page.inputValue(selector)) !== value; i++) await page.waitForTimeout(50);
  expect(await page.inputValue(selector)).toBe(value);
}

describe('the settings in forms', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  test('an uploaded two-queue history plans with its own queues, and a vendor is added without JSON', async () => {
    const { page, problems } = await open(server);
    try {
      await page.setInputFiles('#file-input', { name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(twoQueueCsv()) });
      await page.waitForSelector('#history-view:not([hidden]) #history-chart svg polyline');
      // The history's queues replace the default one, each with its own fields.
      expect(await page.locator('#queues-body tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-queue')))).toEqual(['售前', '售后']);
      expect(await page.locator('#queues-note').innerText()).toBe('Queues found in the history: 售前, 售后. Check each one’s handling time, concurrency and target.');
      expect(await page.inputValue('[data-path="queues[1].ahtSeconds"]')).toBe('180');
      await page.fill('[data-path="queues[1].ahtSeconds"]', '240');
      await page.press('[data-path="queues[1].ahtSeconds"]', 'Tab');
      await page.fill('[data-path="queues[0].concurrency"]', '3');
      await page.press('[data-path="queues[0].concurrency"]', 'Tab');

      // A vendor, added and priced in its form.
      await page.click('#add-vendor');
      const vendor = page.locator('fieldset.pool.vendor');
      expect(await vendor.count()).toBe(1);
      expect(await page.inputValue('[data-path="pools[1].name"]')).toBe('vendor-a');
      await page.selectOption('[data-path="pools[1].pricing.model"]', 'perSeatShift');
      await page.fill('[data-path="pools[1].pricing.rate"]', '250');
      await page.press('[data-path="pools[1].pricing.rate"]', 'Tab');
      await page.fill('[data-path="pools[1].surge.maxAgentsPerDay"]', '10');
      await page.press('[data-path="pools[1].surge.maxAgentsPerDay"]', 'Tab');
      await page.fill('[data-path="pools[1].surge.rate"]', '380');
      await page.press('[data-path="pools[1].surge.rate"]', 'Tab');
      await page.fill('[data-path="pools[1].surge.noticeHours"]', '12');
      await page.press('[data-path="pools[1].surge.noticeHours"]', 'Tab');
      await page.fill('[data-path="pools[0].headcount"]', '8');
      await page.press('[data-path="pools[0].headcount"]', 'Tab');
      // One day keeps the solve short.
      await page.fill('[data-path="horizon.end"]', '2026-03-01');
      await page.press('[data-path="horizon.end"]', 'Tab');

      // A wrong value: Run waits, and the page says why next to it and at the field.
      await page.fill('[data-path="pools[1].trainingDays"]', '-1');
      await page.press('[data-path="pools[1].trainingDays"]', 'Tab');
      await page.locator('#config-error').waitFor({ state: 'visible' });
      expect(await page.locator('#run').isDisabled()).toBe(true);
      expect(await page.locator('#run-reason').innerText()).toBe('Fix the settings first: config pools[1].trainingDays: expected a whole number from 0 to 60, got -1 (in config.json)');
      expect(await page.getAttribute('[data-path="pools[1].trainingDays"]', 'class')).toContain('invalid');
      await page.fill('[data-path="pools[1].trainingDays"]', '2');
      await page.press('[data-path="pools[1].trainingDays"]', 'Tab');
      await page.locator('#config-error').waitFor({ state: 'hidden' });
      expect(await page.locator('#run-reason').innerText()).toBe('');

      // The JSON box is the expert view of the same config.
      const config = JSON.parse(await page.inputValue('#config-json')) as { queues: Array<Record<string, unknown>>; pools: Array<Record<string, unknown>> };
      expect(config.queues.map((q) => [q.name, q.ahtSeconds, q.concurrency])).toEqual([
        ['售前', 180, 3],
        ['售后', 240, 1],
      ]);
      expect(config.pools[1]).toEqual({ name: 'vendor-a', kind: 'vendor', maxAgentsPerDay: 20, pricing: { model: 'perSeatShift', rate: 250 }, trainingDays: 2, surge: { maxAgentsPerDay: 10, rate: 380, noticeHours: 12 } });

      const posted: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/plans') posted.push(r.postData() ?? '');
      });
      await page.click('#run');
      await page.waitForSelector('#results:not([hidden]) #kpis .kpi', { timeout: 90_000 });
      const sent = JSON.parse((JSON.parse(posted[0] as string) as { config: { text: string } }).config.text) as typeof config;
      expect(sent.queues.map((q) => q.name)).toEqual(['售前', '售后']);
      // The plan's coverage is per history queue, and the vendor is in the cost.
      const files = await page.locator('#downloads-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      const coverageHref = files.find((f) => f.endsWith('/coverage.csv')) as string;
      const coverage = await (await fetch(new URL(coverageHref, server.url))).text();
      expect([...new Set(coverage.trim().split('\n').slice(1).map((l) => l.split(',')[1]))]).toEqual(['售前', '售后', 'all']);
      const summary = JSON.parse(await (await fetch(new URL(files.find((f) => f.endsWith('/summary.json')) as string, server.url))).text()) as { pools: Record<string, { kind: string }> };
      expect(Object.keys(summary.pools)).toEqual(['in-house', 'vendor-a']);
      await page.click('#lang');
      expect(await page.locator('fieldset.pool.vendor legend').innerText()).toContain('外包商');
      expect(await page.locator('[data-path="pools[1].pricing.model"] option').allInnerTexts()).toEqual(['按小时', '按席位班次', '按咨询量', '固定费用加按小时']);
      // The downloads follow the language: the Chinese report under its plain name.
      expect(await page.getAttribute('#downloads-list a[data-file="report.html"]', 'href')).toMatch(/\/files\/zh\/report\.html$/);
      expect(await page.getAttribute('#downloads-list a[data-file="report.html"]', 'download')).toBe('report.html');
      const zhReport = await (await fetch(new URL((await page.getAttribute('#downloads-list a[data-file="report.html"]', 'href')) as string, server.url))).text();
      expect(zhReport).toContain('<html lang="zh-CN">');
      await page.click('#lang');
      await page.waitForSelector('#downloads-list a[data-file="report.html"][href$="/files/report.html"]', { timeout: 10_000 });
      expect(await page.getAttribute('#downloads-list a[data-file="report.html"]', 'href')).toMatch(/\/files\/report\.html$/);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  test('the defaults arriving after "Use the sample" never overwrite the sample config', async () => {
    let releaseDefaults: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      releaseDefaults = resolve;
    });
    const { page, problems } = await open(server, async (p) => {
      // Hold the page's first config request (its defaults) until the sample is in.
      let first = true;
      await p.route('**/api/config', async (route: Route) => {
        if (first && route.request().postData() === '{}') {
          first = false;
          await held;
        }
        await route.continue();
      });
    }, false).catch(async (error: unknown) => {
      releaseDefaults();
      throw error;
    });
    try {
      await page.click('#sample');
      await page.waitForSelector('#history-view:not([hidden]) #history-chart svg');
      await waitForValue(page, '[data-path="pools[1].name"]', 'vendor-a');
      expect(await page.getAttribute('body', 'data-ready')).toBeNull();
      releaseDefaults();
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.inputValue('[data-path="pools[0].headcount"]')).toBe('24');
      expect(await page.locator('fieldset.pool').count()).toBe(3);
      expect(await page.locator('#queues-body tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-queue')))).toEqual(['presales', 'aftersales']);
      expect((JSON.parse(await page.inputValue('#config-json')) as { pools: unknown[] }).pools).toHaveLength(3);
      expect(await page.locator('#run').isDisabled()).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      releaseDefaults();
      await page.close();
    }
  }, 60_000);
});

describe('Chinese mode', () => {
  const PLAN = path.join(__dirname, '../golden/plan-small');
  const read = (name: string): string => fs.readFileSync(path.join(PLAN, name), 'utf8');
  const golden = fs.readdirSync(PLAN, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== '.peakshift-folder')
    .map((e) => path.relative(PLAN, path.join(e.parentPath, e.name)))
    .map((name) => ({ name, type: name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', body: read(name) }));
  // A plan run answers with the golden plan folder (and its English report as the other language's); a re-plan runs for real.
  const runner: PlanRunner = (inputs, onProgress) =>
    inputs.replan ? runPlanJob(inputs, onProgress) : Promise.resolve({ files: [...golden, { name: 'en/report.html', type: 'text/html; charset=utf-8', body: read('report.html') }], summary: JSON.parse(read('summary.json')) as unknown });
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, runner });
  });
  afterAll(async () => {
    await server?.close();
  });

  test('results, the roster and the Today step speak Chinese; local times', async () => {
    const { page, problems } = await open(server);
    try {
      await page.click('#lang');
      await page.click('#sample');
      await page.waitForSelector('#history-chart svg');
      await page.click('#run');
      await page.waitForSelector('#results:not([hidden]) #roster-table tbody tr');
      const kpis = await page.locator('#kpis').innerText();
      expect(kpis).toContain('未在目标时间内接起的咨询');
      expect(kpis).toMatch(/highs 最优，差距 \d+\.\d\d%/);
      expect(await page.locator('#roster-table thead th').allInnerTexts()).toEqual(['工号', '姓名', '人员池', '2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '出勤天数', '夜班数']);
      const cells = await page.locator('#roster-table tbody td').allInnerTexts();
      expect(cells).toContain('休');
      expect(cells).not.toContain('OFF');
      expect(cells).toContain('合计');
      // In Chinese the plain report.html is already Chinese; English mode links the English one.
      expect(await page.getAttribute('#downloads-list a[data-file="report.html"]', 'href')).toMatch(/\/files\/report\.html$/);
      expect(await page.locator('#downloads-list a[data-file="en/report.html"]').count()).toBe(0);

      expect(await page.locator('#today-plan').innerText()).toMatch(/^调整的规划完成于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      const forecast = read('forecast.csv').trim().split('\n').slice(1).map((l) => l.split(','));
      const morning = forecast.filter(([ts, q]) => q !== 'all' && (ts as string).startsWith('2026-11-11') && (ts as string) < '2026-11-11T10:00');
      // A busier morning than forecast: the re-plan adds people.
      const actuals = `timestamp,queue,inquiries\n${morning.map(([ts, q, f]) => `${ts},${q},${Math.round(Number(f) * 1.6)}`).join('\n')}\n`;
      const file = path.join(tempDir(), 'morning.csv');
      fs.writeFileSync(file, actuals);
      await page.fill('#today-now', '2026-11-11T10:00');
      await page.setInputFiles('#today-actuals', file);
      await page.click('#run-today');
      await page.waitForSelector('#today-results:not([hidden])', { timeout: 60_000 });
      expect(await page.locator('#today-changes thead th').allInnerTexts()).toEqual(['生效时间', '调整', '人员池', '工号', '班次', '计薪小时', '成本']);
      const line = await page.locator('#today-line').innerText();
      expect(line).toMatch(/^.+ × \d+.*：[+-]CNY [\d,]+；缺口 \d+ → \d+ 有效人时$/);
      const actions = await page.locator('#today-changes tbody td:nth-child(2)').allInnerTexts();
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions) expect(['延长班次', '召回上班', '临时增援席位', '取消班次', '提前下班']).toContain(a);
      expect((await page.locator('#today-changes tbody td:nth-child(1)').allInnerTexts()).every((t) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(t))).toBe(true);
      // The whole page as a manager reads it: no phrase of the catalogue's English side.
      expect(englishIn(await page.locator('body').innerText())).toEqual([]);
      await page.click('#lang');
      // The results and the Today table re-render after the click (asynchronously): wait for them.
      await page.waitForSelector('#downloads-list a[data-file="report.html"][href$="/files/en/report.html"]', { timeout: 10_000 });
      await page.waitForFunction("document.querySelector('#today-changes thead th')?.textContent === 'From'", undefined, { timeout: 10_000 }).catch(() => undefined);
      expect(await page.locator('#today-changes thead th').first().innerText()).toBe('From');
      expect(await page.getAttribute('#downloads-list a[data-file="report.html"]', 'href')).toMatch(/\/files\/en\/report\.html$/);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});
