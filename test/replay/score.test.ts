/** Replay's pieces without a solve: the actual arrivals, the history a plan may see, the score, the files. */
import { parseConfig } from '../../src/config';
import type { History } from '../../src/domain';
import type { CoverageRow } from '../../src/plan';
import { actualArrivals, historyBefore, lostAtStaffing, parseStrategies, replayCsv, replayHoursCsv, replayMarkdown, replayHtml, runReplay, scorePlan, type ReplayResult } from '../../src/replay';
import { lostInquiries, requirementCell } from '../../src/staffing';

const config = parseConfig({
  currency: 'CNY',
  costPerLostInquiry: 10,
  queues: [
    { name: 'presales', share: 0.6, ahtSeconds: 150, concurrency: 3, target: { serviceLevel: 0.9, answerSeconds: 30 }, patienceSeconds: 300 },
    { name: 'aftersales', share: 0.4, ahtSeconds: 180, concurrency: 2, target: { serviceLevel: 0.8, answerSeconds: 30 }, patienceSeconds: 420 },
  ],
});

/** 2026-10-30 00:00 .. 2026-11-01 23:00, one series: 100 an hour, 300 on Nov 1; Oct 31 00:00-05:00 without data. */
function totalHistory(): History {
  const values = Array.from({ length: 72 }, (_, h) => (h >= 24 && h < 30 ? null : h >= 48 ? 300 : 100));
  return { timezone: 'Asia/Shanghai', startHour: '2026-10-30T00:00', hours: 72, queues: [{ name: 'all', values }], missingHours: 6, sourceRows: 66, rowsPerHour: 1 };
}

describe('the actual arrivals', () => {
  test('a total is split by the config shares, as the forecaster splits it; hours without data count as none', () => {
    const a = actualArrivals(totalHistory(), config, '2026-10-31', '2026-11-01', 'h.csv');
    expect(a.startHour).toBe('2026-10-31T00:00');
    expect(a.hours).toBe(48);
    expect(a.queues.map((q) => q.name)).toEqual(['presales', 'aftersales']);
    expect(a.queues[0]!.values[6]).toBeCloseTo(60, 12);
    expect(a.queues[1]!.values[30]).toBeCloseTo(120, 12);
    expect(a.queues[0]!.values[5]).toBe(0);
    expect(a.hoursWithoutData).toBe(6);
  });

  test('queues named in the history are taken as they are', () => {
    const h: History = { ...totalHistory(), queues: [{ name: 'aftersales', values: new Array(72).fill(7) }, { name: 'presales', values: new Array(72).fill(11) }] };
    const a = actualArrivals(h, config, '2026-11-01', '2026-11-01', 'h.csv');
    expect(a.queues.map((q) => [q.name, q.values[0]])).toEqual([['presales', 11], ['aftersales', 7]]);
  });

  test.each([
    ['after the history', '2026-11-05', '2026-11-06', 'h.csv: no inquiries from 2026-11-05 to 2026-11-06 (the history covers 2026-10-30T00:00 .. 2026-11-01T23:00); expected the actual arrivals of the replayed days in the history'],
    ['ending past the history', '2026-11-01', '2026-11-03', 'h.csv: the history ends 2026-11-01, inside the replayed days 2026-11-01 .. 2026-11-03; expected actual arrivals through 2026-11-03'],
  ])('a window %s is bad input naming the file', (_what, start, end, message) => {
    expect(() => actualArrivals(totalHistory(), config, start, end, 'h.csv')).toThrow(message);
    try {
      actualArrivals(totalHistory(), config, start, end, 'h.csv');
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });

  test('a plan sees the history up to the hour before the replay, its trailing hours without data dropped', () => {
    const before = historyBefore(totalHistory(), '2026-11-01');
    expect(before.hours).toBe(48);
    expect(before.queues[0]!.values.every((v) => v === null || v === 100)).toBe(true);
    expect(before.missingHours).toBe(6);
    expect(historyBefore(totalHistory(), '2026-10-31T00:00'.slice(0, 10)).hours).toBe(24);
  });
});

describe('the score of a plan on the actual arrivals', () => {
  const presales = config.queues[0]!;
  test('a fractional staffing loses what the loss curve says between its whole agents', () => {
    const at5 = lostInquiries(presales, 300, 5);
    const at6 = lostInquiries(presales, 300, 6);
    expect(lostAtStaffing(presales, 300, 5)).toBe(at5);
    expect(lostAtStaffing(presales, 300, 5.25)).toBeCloseTo(at5 + 0.25 * (at6 - at5), 12);
    expect(lostAtStaffing(presales, 0, 3)).toBe(0);
  });

  test('per queue-hour figures add up to the totals; only hours with inquiries count toward the target', () => {
    const actuals = { startHour: '2026-11-01T00:00', hours: 2, queues: [{ name: 'presales', values: [300, 0] }, { name: 'aftersales', values: [80, 120] }], hoursWithoutData: 0 };
    const row = (timestamp: string, queue: string, scheduled: number): CoverageRow => ({ timestamp, queue, required: 0, scheduled, shortfall: 0, surplus: 0, agents: scheduled });
    const coverage = [row('2026-11-01T00:00', 'presales', 6.5), row('2026-11-01T00:00', 'aftersales', 5), row('2026-11-01T00:00', 'all', 11.5), row('2026-11-01T01:00', 'presales', 1), row('2026-11-01T01:00', 'aftersales', 3)];
    const score = scorePlan(config, coverage, 1000, actuals, new Map([['presales', [280, 10]]]));
    expect(score.hours).toHaveLength(4);
    const lost = score.hours.reduce((n, h) => n + h.lost, 0);
    expect(score.lostInquiries).toBeCloseTo(lost, 9);
    expect(score.lostServiceCost).toBeCloseTo(10 * lost, 9);
    expect(score.total).toBeCloseTo(1000 + 10 * lost, 9);
    expect(score.hoursWithInquiries).toBe(3);
    const levels = score.hours.filter((h) => h.serviceLevel !== null).map((h) => h.serviceLevel as number);
    expect(score.lowestServiceLevel).toBe(Math.min(...levels));
    expect(score.hoursMeetingTarget).toBe(score.hours.filter((h) => h.meetsTarget).length);
    const first = score.hours[0]!;
    expect(first).toMatchObject({ timestamp: '2026-11-01T00:00', queue: 'presales', actual: 300, forecast: 280, scheduled: 6.5, needed: requirementCell(presales, 300, config.shrinkage).agents });
    expect(first.serviceLevel).toBeCloseTo(1 - lostAtStaffing(presales, 300, 6.5) / 300, 12);
    expect(score.hours[1]).toMatchObject({ queue: 'aftersales', forecast: 0 });
    expect(score.hours[2]).toMatchObject({ queue: 'presales', actual: 0, serviceLevel: null, meetsTarget: null, lost: 0 });
  });
});

test('more simulated inquiries than the limit is refused before anything is planned', async () => {
  await expect(runReplay({ config, history: totalHistory(), historyFile: 'h.csv', start: '2026-11-01', end: '2026-11-01', strategies: ['p50'], runs: 10_000, seed: 1 })).rejects.toThrow(
    '--runs 10000: 10000 run(s) of 7,200 actual inquiries each; expected at most 50,000,000 simulated inquiries in all (fewer --runs, or --runs 0)',
  );
});

test('strategies are a comma-separated list of p50, p90, hedged', () => {
  expect(parseStrategies('hedged, p50,hedged')).toEqual(['hedged', 'p50']);
  expect(() => parseStrategies('p50,p75')).toThrow('--strategies "p50,p75": "p75" is not a strategy; expected a comma-separated list of p50, p90, hedged');
});

describe('the replay files', () => {
  const actuals = { startHour: '2026-11-01T00:00', hours: 1, queues: [{ name: 'presales', values: [300] }, { name: 'aftersales', values: [80] }], hoursWithoutData: 0 };
  const row = (queue: string, scheduled: number): CoverageRow => ({ timestamp: '2026-11-01T00:00', queue, required: 0, scheduled, shortfall: 0, surplus: 0, agents: scheduled });
  const strategy = (name: 'p50' | 'hedged', cost: number, agents: number) => {
    const score = scorePlan(config, [row('presales', agents), row('aftersales', 4)], cost, actuals, new Map());
    return { strategy: name, score, scheduled: [agents + 4], needed: [score.hours[0]!.needed + score.hours[1]!.needed], simulation: null, notes: ['a forecast note'] };
  };
  const result: ReplayResult = { start: '2026-11-01', end: '2026-11-01', currency: 'CNY', actuals, strategies: [strategy('p50', 300, 5), strategy('hedged', 340, 7)], best: 'p50', configured: 'p50' };
  result.best = result.strategies[0]!.score.total <= result.strategies[1]!.score.total ? 'p50' : 'hedged';

  test('replay.csv: one row per strategy, amounts to the cent', () => {
    const lines = replayCsv(result).trimEnd().split('\n');
    expect(lines[0]).toBe('strategy,cost,lost_inquiries,lost_service_cost,total,lowest_hourly_sl,hours_meeting_target');
    expect(lines).toHaveLength(3);
    const p50 = result.strategies[0]!.score;
    expect(lines[1]).toBe(`p50,300.00,${p50.lostInquiries.toFixed(2)},${p50.lostServiceCost.toFixed(2)},${p50.total.toFixed(2)},${p50.lowestServiceLevel!.toFixed(4)},${p50.hoursMeetingTarget}`);
    expect(replayHoursCsv(result).trimEnd().split('\n')).toHaveLength(1 + 2 * 2);
  });

  test('replay.md and replay.html in English and Chinese name the lowest total and chart each strategy', () => {
    const md = replayMarkdown(result, 'en');
    expect(md).toContain('# Replay 2026-11-01 .. 2026-11-01');
    expect(md).toContain(`Lowest total: ${result.best}`);
    expect(md).toContain('| p50 (config) |');
    expect(md).toContain('- a forecast note');
    const zh = replayMarkdown(result, 'zh');
    expect(zh).toContain('# 回放 2026-11-01 .. 2026-11-01');
    expect(zh).toContain(`合计最低：${result.best}`);
    const html = replayHtml(result, 'zh');
    expect(html).toContain('<html lang="zh-CN">');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toContain('按实际所需');
    expect(replayHtml(result, 'en')).toContain('needed on actuals');
  });
});
