/** The cross-field rules of the `capacity` section (schema.ts holds its fields and defaults). */
import { ConfigError, describeValue } from '../domain';
import type { Config, InhousePoolConfig } from './schema';

/** The in-house pool hires join: `capacity.pool`, else the first in-house pool (null when there is none). */
export function hiringPool(config: Pick<Config, 'pools' | 'capacity'>): InhousePoolConfig | null {
  const inhouse = config.pools.filter((p): p is InhousePoolConfig => p.kind === 'inhouse');
  const wanted = config.capacity?.pool;
  return (wanted === undefined ? inhouse[0] : inhouse.find((p) => p.name === wanted)) ?? null;
}

export function checkCapacity(config: Config, file: string | undefined): void {
  const c = config.capacity;
  if (!c) return;
  const inhouse = config.pools.filter((p) => p.kind === 'inhouse').map((p) => p.name);
  const vendors = config.pools.filter((p) => p.kind === 'vendor').map((p) => p.name);
  if (c.pool !== undefined && !inhouse.includes(c.pool)) {
    throw new ConfigError('capacity.pool', inhouse.length > 0 ? `expected an in-house pool (${inhouse.join(', ')}), got ${describeValue(c.pool)}` : `expected an in-house pool, but the config has none; got ${describeValue(c.pool)}`, file);
  }
  if (c.pool === undefined && inhouse.length === 0) {
    throw new ConfigError('capacity', 'expected an in-house pool for the hires to join, but every pool is a vendor; got a capacity section', file);
  }
  if (c.classSize.min > c.classSize.max) {
    throw new ConfigError('capacity.classSize.min', `expected at most classSize.max (${c.classSize.max}), got ${c.classSize.min}`, file);
  }
  if (c.temps.contractWeeks <= c.trainingWeeks) {
    throw new ConfigError('capacity.temps.contractWeeks', `expected more weeks than trainingWeeks (${c.trainingWeeks}): a temp must work after training, got ${c.temps.contractWeeks}`, file);
  }
  const days = new Set<string>();
  c.classStartWeekdays.forEach((d, i) => {
    if (days.has(d)) throw new ConfigError(`capacity.classStartWeekdays[${i}]`, `expected each weekday once, got ${describeValue(d)} twice`, file);
    days.add(d);
  });
  const seen = new Set<string>();
  c.vendors.forEach((v, i) => {
    if (!vendors.includes(v.name)) {
      throw new ConfigError(`capacity.vendors[${i}].name`, vendors.length > 0 ? `expected a vendor pool (${vendors.join(', ')}), got ${describeValue(v.name)}` : `expected a vendor pool, but the config has none; got ${describeValue(v.name)}`, file);
    }
    if (seen.has(v.name)) throw new ConfigError(`capacity.vendors[${i}].name`, `expected each vendor once, got ${describeValue(v.name)} twice`, file);
    seen.add(v.name);
  });
}
