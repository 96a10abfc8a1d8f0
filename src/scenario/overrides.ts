/**
 * Applying a scenario's overrides: pure functions (Config, Demand) → (Config, Demand).
 * Config overrides are applied one by one and the config is re-validated with
 * parseConfig after each, so an override that breaks a cross-field rule is
 * reported with its own location. Volume overrides scale the demand (every
 * quantile alike) in the hours they select.
 */
import { parseConfig, type Config, type EventConfig, type PoolConfig } from '../config';
import { ConfigError, dayNumber, hourNumber, type Demand, type QueueDemand } from '../domain';
import { ScenarioError } from './errors';
import type { Override, Scenario, VolumeOverride } from './schema';

export interface ApplyContext {
  /** Scenario file, for messages. */
  file?: string;
  /** True when the base reads a demand file: event overrides cannot reach it. */
  demandBased?: boolean;
}

const list = (names: string[]): string => names.join(', ');

function clean(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function applyPool(config: Config, value: Extract<Override, { kind: 'pool' }>['value'], fail: (path: string, problem: string) => never): void {
  const index = config.pools.findIndex((p) => p.name === value.name);
  if (index < 0) fail('name', `no pool named ${JSON.stringify(value.name)}; expected one of ${list(config.pools.map((p) => p.name))}`);
  if (value.remove) {
    const others = Object.keys(value).filter((k) => k !== 'name' && k !== 'remove');
    if (others.length > 0) fail(others[0] as string, 'expected no other change on a pool being removed');
    config.pools.splice(index, 1);
    // The pool's entries elsewhere in the config go with it (its contract terms, its design limits).
    if (config.capacity) {
      config.capacity.vendors = config.capacity.vendors.filter((v) => v.name !== value.name);
      if (config.capacity.pool === value.name) delete config.capacity.pool;
    }
    if (config.design) config.design.pools = config.design.pools.filter((p) => p.name !== value.name);
    return;
  }
  const pool = config.pools[index] as PoolConfig;
  const inhouseOnly = ['headcount', 'hourlyCost', 'nightPremium', 'maxDaysPerWeek'] as const;
  const vendorOnly = ['rate', 'rateMultiplier', 'engagementFee', 'availableFrom', 'trainingDays', 'minShare', 'maxShare'] as const;
  if (pool.kind === 'vendor') {
    for (const key of inhouseOnly) if (value[key] !== undefined) fail(key, `pool ${JSON.stringify(pool.name)} is a vendor; expected one of the vendor fields (rate, rateMultiplier, engagementFee, availableFrom, trainingDays, minShare, maxShare) or a common one`);
    if (value.rate !== undefined) pool.pricing.rate = value.rate;
    if (value.rateMultiplier !== undefined) pool.pricing.rate = clean(pool.pricing.rate * value.rateMultiplier);
    if (value.engagementFee !== undefined) pool.engagementFee = value.engagementFee;
    if (value.availableFrom !== undefined) pool.availableFrom = value.availableFrom;
    if (value.trainingDays !== undefined) pool.trainingDays = value.trainingDays;
    if (value.minShare !== undefined) pool.minShare = value.minShare;
    if (value.maxShare !== undefined) pool.maxShare = value.maxShare;
  } else {
    for (const key of vendorOnly) if (value[key] !== undefined) fail(key, `pool ${JSON.stringify(pool.name)} is in-house; expected one of the in-house fields (headcount, hourlyCost, nightPremium, maxDaysPerWeek) or a common one`);
    if (value.headcount !== undefined) pool.headcount = value.headcount;
    if (value.hourlyCost !== undefined) pool.hourlyCost = value.hourlyCost;
    if (value.nightPremium !== undefined) pool.nightPremium = value.nightPremium;
    if (value.maxDaysPerWeek !== undefined) pool.maxDaysPerWeek = value.maxDaysPerWeek;
  }
  if (value.productivity !== undefined) pool.productivity = value.productivity;
  if (value.minAgentsPerDay !== undefined) pool.minAgentsPerDay = value.minAgentsPerDay;
  if (value.maxAgentsPerDay !== undefined) pool.maxAgentsPerDay = value.maxAgentsPerDay;
  if (value.shifts !== undefined) {
    const names = config.shifts.map((s) => s.name);
    value.shifts.forEach((s, i) => {
      if (!names.includes(s)) fail(`shifts[${i}]`, `no shift named ${JSON.stringify(s)}; expected one of ${list(names)}`);
    });
    pool.shifts = value.shifts;
  }
}

function applyQueue(config: Config, value: Extract<Override, { kind: 'queue' }>['value'], fail: (path: string, problem: string) => never): void {
  if (value.ahtSeconds !== undefined && value.ahtMultiplier !== undefined) fail('ahtMultiplier', 'expected either ahtSeconds or ahtMultiplier, not both');
  const targets = value.name === undefined ? config.queues : config.queues.filter((q) => q.name === value.name);
  if (targets.length === 0) fail('name', `no queue named ${JSON.stringify(value.name)}; expected one of ${list(config.queues.map((q) => q.name))}`);
  for (const q of targets) {
    if (value.ahtSeconds !== undefined) q.ahtSeconds = value.ahtSeconds;
    if (value.ahtMultiplier !== undefined) q.ahtSeconds = clean(q.ahtSeconds * value.ahtMultiplier);
    if (value.concurrency !== undefined) q.concurrency = value.concurrency;
    if (value.serviceLevel !== undefined) q.target.serviceLevel = value.serviceLevel;
    if (value.answerSeconds !== undefined) q.target.answerSeconds = value.answerSeconds;
    if (value.maxAbandonRate !== undefined) q.target.maxAbandonRate = value.maxAbandonRate;
    if (value.patienceSeconds !== undefined) q.patienceSeconds = value.patienceSeconds;
    if (value.maxOccupancy !== undefined) q.maxOccupancy = value.maxOccupancy;
  }
}

function applyEvent(config: Config, value: Extract<Override, { kind: 'event' }>['value'], ctx: ApplyContext, fail: (path: string, problem: string) => never): void {
  if (ctx.demandBased) {
    fail('', 'the base reads a demand file, which already carries its events; expected a base with a history (the forecast applies events), or a volume override limited to the event');
  }
  const index = config.events.findIndex((e) => e.name === value.name);
  if (value.remove) {
    if (index < 0) fail('name', `no event named ${JSON.stringify(value.name)} in the config; expected one of ${list(config.events.map((e) => e.name)) || '(none)'}`);
    config.events.splice(index, 1);
    return;
  }
  const { name, remove: _remove, ...changes } = value;
  void _remove;
  const anchors = (['date', 'monthDay', 'lunarDate'] as const).filter((k) => changes[k] !== undefined);
  if (index < 0) {
    config.events.push({ name, ...changes } as EventConfig);
    return;
  }
  const event = config.events[index] as EventConfig;
  // Moving an event replaces its anchor rather than adding a second one.
  if (anchors.length > 0) {
    delete event.date;
    delete event.monthDay;
    delete event.lunarDate;
  }
  Object.assign(event, changes);
}

function applyOne(config: Config, override: Override, ctx: ApplyContext, fail: (path: string, problem: string) => never): void {
  switch (override.kind) {
    case 'outsourcing':
      Object.assign(config.outsourcing, override.value);
      return;
    case 'shrinkage':
      config.shrinkage = override.value;
      return;
    case 'quantile':
      config.forecast.quantile = override.value;
      return;
    case 'pool':
      applyPool(config, override.value, fail);
      return;
    case 'queue':
      applyQueue(config, override.value, fail);
      return;
    case 'event':
      applyEvent(config, override.value, ctx, fail);
      return;
    case 'volume': {
      const v = override.value;
      if (v.queue !== undefined && !config.queues.some((q) => q.name === v.queue)) {
        fail('queue', `no queue named ${JSON.stringify(v.queue)}; expected one of ${list(config.queues.map((q) => q.name))}`);
      }
      return;
    }
  }
}

/**
 * The scenario's config: every config override applied in order, the config
 * re-validated after each. Volume overrides only have their queue checked here.
 */
export function applyConfigOverrides(base: Config, scenario: Scenario, ctx: ApplyContext = {}): Config {
  let config = base;
  scenario.overrides.forEach((override, i) => {
    const at = `overrides[${i}].${override.kind}`;
    const fail = (path: string, problem: string): never => {
      throw new ScenarioError(scenario.name, path ? `${at}.${path}` : at, problem, ctx.file);
    };
    if (override.kind === 'volume') {
      applyOne(config, override, ctx, fail);
      return;
    }
    const next = structuredClone(config);
    applyOne(next, override, ctx, fail);
    try {
      config = parseConfig(next);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The config's own message, without its "config " prefix: "outsourcing.min: expected 0 when ...".
      throw new ScenarioError(scenario.name, at, `makes the config invalid: ${error.message.replace(/^config /, '')}`, ctx.file);
    }
  });
  return config;
}

export function volumeOverrides(scenario: Scenario): Array<{ index: number; value: VolumeOverride }> {
  const out: Array<{ index: number; value: VolumeOverride }> = [];
  scenario.overrides.forEach((o, index) => {
    if (o.kind === 'volume') out.push({ index, value: o.value });
  });
  return out;
}

/**
 * A demand with only the `all` total, split over the config's queues by their
 * shares (queues without a share split what the others leave, equally), as
 * the staffing stage would; a demand already split by queue is copied.
 */
export function splitByQueue(demand: Demand, config: Config): QueueDemand[] {
  const only = demand.queues[0];
  if (demand.queues.length !== 1 || !only || only.name !== 'all') {
    return demand.queues.map((q) => ({ ...q, forecast: [...q.forecast], p10: [...q.p10], p50: [...q.p50], p90: [...q.p90] }));
  }
  const given = config.queues.reduce((sum, q) => sum + (q.share ?? 0), 0);
  const without = config.queues.filter((q) => q.share === undefined).length;
  const rest = without > 0 ? Math.max(0, 1 - given) / without : 0;
  return config.queues.map((q) => {
    const share = q.share ?? rest;
    const part = (series: number[]): number[] => series.map((x) => x * share);
    return { name: q.name, forecast: part(only.forecast), p10: part(only.p10), p50: part(only.p50), p90: part(only.p90) };
  });
}

/** Multiplier per hour of `demand` for one volume override (1 where it does not apply). */
function hourMask(demand: Demand, v: VolumeOverride): boolean[] {
  const start = hourNumber(demand.startHour);
  const from = v.from !== undefined ? dayNumber(v.from) : -Infinity;
  const to = v.to !== undefined ? dayNumber(v.to) : Infinity;
  return Array.from({ length: demand.hours }, (_, i) => {
    const hour = start + i;
    const day = Math.floor(hour / 24);
    const hourOfDay = hour - day * 24;
    if (day < from || day > to) return false;
    if (v.hours && (hourOfDay < v.hours[0] || hourOfDay >= v.hours[1])) return false;
    if (v.event !== undefined && demand.events[i] !== v.event) return false;
    return true;
  });
}

/**
 * Scale the demand by the scenario's volume overrides. An override limited to
 * an event or queue the demand does not have is an error (a typo would
 * otherwise silently change nothing).
 */
export function applyVolumeOverrides(demand: Demand, config: Config, scenario: Scenario, ctx: ApplyContext = {}): Demand {
  const volumes = volumeOverrides(scenario);
  if (volumes.length === 0) return demand;
  const byQueue = volumes.some((v) => v.value.queue !== undefined);
  const queues = byQueue ? splitByQueue(demand, config) : demand.queues.map((q) => ({ ...q, forecast: [...q.forecast], p10: [...q.p10], p50: [...q.p50], p90: [...q.p90] }));
  for (const { index, value } of volumes) {
    const at = `overrides[${index}].volume`;
    const mask = hourMask(demand, value);
    if (value.event !== undefined && !demand.events.includes(value.event)) {
      const names = [...new Set(demand.events.filter((e) => e !== ''))];
      throw new ScenarioError(scenario.name, `${at}.event`, `no hour of the demand has event ${JSON.stringify(value.event)}; expected one of ${names.length > 0 ? list(names) : '(no events in the horizon)'}`, ctx.file);
    }
    if (!mask.some(Boolean)) {
      throw new ScenarioError(scenario.name, at, `selects no hour of the demand (${demand.startHour} + ${demand.hours} hours); expected limits that overlap it`, ctx.file);
    }
    let targets = queues;
    if (value.queue !== undefined) {
      targets = queues.filter((q) => q.name === value.queue);
      if (targets.length === 0) {
        throw new ScenarioError(scenario.name, `${at}.queue`, `the demand has no queue ${JSON.stringify(value.queue)} (it has ${list(queues.map((q) => q.name))}); expected a demand split by queue`, ctx.file);
      }
    }
    for (const q of targets) {
      for (let i = 0; i < demand.hours; i++) {
        if (!mask[i]) continue;
        for (const series of [q.forecast, q.p10, q.p50, q.p90]) series[i] = (series[i] ?? 0) * value.multiplier;
      }
    }
  }
  return { ...demand, queues, events: [...demand.events] };
}

/** Both steps for a demand-based base: (Config, Demand) → (Config, Demand). */
export function applyScenario(config: Config, demand: Demand, scenario: Scenario, ctx: ApplyContext = {}): { config: Config; demand: Demand } {
  const next = applyConfigOverrides(config, scenario, { ...ctx, demandBased: true });
  return { config: next, demand: applyVolumeOverrides(demand, next, scenario, ctx) };
}
