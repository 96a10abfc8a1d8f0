/**
 * The size caps of a config (docs/limits.md), checked on the parsed JSON before
 * the schema looks at it: a name of five million characters, a list of a
 * thousand queues or an object nested a million deep is refused at once, naming
 * its path, instead of being matched against a pattern (which can overflow the
 * stack), validated item by item, or planned for minutes. The walk is
 * iterative, so no input can make it recurse.
 */
import { ConfigError, describeValue } from '../domain';
import {
  MAX_CONFIG_DEPTH,
  MAX_CONFIG_QUEUES,
  MAX_EVENTS,
  MAX_HOLIDAYS,
  MAX_LIST_ITEMS,
  MAX_NAME_CHARS,
  MAX_OBJECT_FIELDS,
  MAX_POOLS,
  MAX_SHIFTS,
  MAX_TEXT_CHARS,
  groupedInt,
} from '../domain/limits';

/** Caps of the lists that size the work, by path with `[]` for any index, and what their items are called. */
const LIST_CAPS: Record<string, { max: number; items: string }> = {
  queues: { max: MAX_CONFIG_QUEUES, items: 'queues' },
  pools: { max: MAX_POOLS, items: 'pools' },
  shifts: { max: MAX_SHIFTS, items: 'shifts' },
  events: { max: MAX_EVENTS, items: 'events' },
  'calendar.holidays': { max: MAX_HOLIDAYS, items: 'holidays' },
  'pools[].shifts': { max: MAX_SHIFTS, items: 'shift names' },
  'pools[].queues': { max: MAX_CONFIG_QUEUES, items: 'queue names' },
  'design.pools': { max: MAX_POOLS, items: 'pool limits' },
  'capacity.vendors': { max: MAX_POOLS, items: 'vendor contract terms' },
  'shifts[].startOffsets': { max: 24, items: 'start offsets (one per hour of the day)' },
};

/** Paths (`[]` for any index) whose strings are names: the name fields and the lists of shift and queue names. */
const NAME_PATHS = new Set([
  'queues[].name',
  'pools[].name',
  'shifts[].name',
  'events[].name',
  'calendar.holidays[].name',
  'design.pools[].name',
  'pools[].shifts[]',
  'pools[].queues[]',
  'capacity.pool',
  'capacity.vendors[].name',
]);

interface Node {
  value: unknown;
  /** For messages: `pools[1].name`. */
  path: string;
  /** For the caps: `pools[].name`. */
  pattern: string;
  depth: number;
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** Throws a ConfigError naming the first value over its cap, in document order. */
export function checkConfigSizes(json: unknown, file?: string): void {
  const stack: Node[] = [{ value: json, path: '', pattern: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, pattern, depth } = stack.pop() as Node;
    if (typeof value === 'string') {
      const name = NAME_PATHS.has(pattern);
      const max = name ? MAX_NAME_CHARS : MAX_TEXT_CHARS;
      if (value.length > max) {
        throw new ConfigError(path, `expected ${name ? 'a name' : 'a text'} of at most ${groupedInt(max)} characters, got ${groupedInt(value.length)} characters (${describeValue(value)})`, file);
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_CONFIG_DEPTH) throw new ConfigError(path, `expected at most ${MAX_CONFIG_DEPTH} levels of nesting, got deeper`, file);
    const children: Node[] = [];
    if (Array.isArray(value)) {
      const cap = LIST_CAPS[pattern] ?? { max: MAX_LIST_ITEMS, items: 'items' };
      if (value.length > cap.max) throw new ConfigError(path, `expected at most ${groupedInt(cap.max)} ${cap.items}, got ${groupedInt(value.length)}`, file);
      value.forEach((item, i) => children.push({ value: item, path: `${path}[${i}]`, pattern: `${pattern}[]`, depth: depth + 1 }));
    } else {
      const keys = Object.keys(value);
      if (keys.length > MAX_OBJECT_FIELDS) throw new ConfigError(path, `expected at most ${MAX_OBJECT_FIELDS} fields, got ${groupedInt(keys.length)}`, file);
      for (const key of keys) {
        if (key.length > MAX_NAME_CHARS) {
          throw new ConfigError(path, `expected field names of at most ${MAX_NAME_CHARS} characters, got one of ${groupedInt(key.length)} characters (${describeValue(key)})`, file);
        }
        children.push({ value: (value as Record<string, unknown>)[key], path: join(path, key), pattern: join(pattern, key), depth: depth + 1 });
      }
    }
    // Pushed in reverse, so the first child is looked at first: the error names the first offender.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
}
