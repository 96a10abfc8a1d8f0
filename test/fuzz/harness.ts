/**
 * Fuzzing the command line with mutated inputs: the sample history, config
 * and agents file, each mutated the way a careless export or a hostile user
 * would (overflowing counts, stray years, thousands of queues, broken quotes,
 * other encodings, extreme config values), then run through `inspect`,
 * `forecast`, `plan` and `erlang` in this process.
 *
 * Every case must end in exit 0 or 2 (`plan` may also exit 3: an impossible
 * request, or 4: a solve stopped at its safety time limit, which the harness
 * keeps short), with exactly one `error:` line on stderr and no stack trace when
 * it fails, no NaN or Infinity in anything printed or written, no output file
 * after a failure, and a bad data line named by its line number.
 *
 * Used by test/fuzz/fuzz.test.ts (a few hundred cases) and scripts/fuzz.ts
 * (any count, in worker threads with a watchdog for hangs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRng, type Rng } from '../../src/domain/random';
import { runCli } from '../helpers/cli';
import { repoRoot, tempDir } from '../helpers/paths';

export type Command = 'inspect' | 'forecast' | 'plan' | 'erlang';

export interface FuzzCase {
  index: number;
  command: Command;
  /** What was mutated, for the report. */
  mutation: string;
  /** The data line the mutation touched (1-based), when it touched one line of a data file. */
  line?: number;
  /** Which input file `line` is in. */
  lineFile?: 'history' | 'agents';
  files: { history?: Buffer; config?: string; agents?: Buffer };
  args: string[];
}

export interface CaseResult {
  index: number;
  command: Command;
  mutation: string;
  code: number;
  seconds: number;
  stderr: string;
  /** Every broken rule, empty when the case passed. */
  problems: string[];
  /** Exit 2 on a data-line mutation whose message names no line at all. */
  unlocated: boolean;
  /** Exit 2 whose message names a line, but not the mutated one (duplicates name both). */
  otherLine: boolean;
}

/** History lines: the last `HISTORY_DAYS` days of the sample before the forecast start. */
const HISTORY_DAYS = 42;
export const FORECAST_START = '2026-11-01';
const FORECAST_END = '2026-11-03';
const PLAN_END = '2026-11-02';

interface Base {
  history: string[];
  config: Record<string, unknown>;
  agents: string[];
}

let base: Base | undefined;

function baseInputs(): Base {
  if (base) return base;
  const lines = fs.readFileSync(path.join(repoRoot, 'data/inquiries.csv'), 'utf8').trimEnd().split('\n');
  const first = new Date(Date.UTC(2026, 10, 1) - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = lines.slice(1).filter((l) => l.slice(0, 10) >= first && l.slice(0, 10) < FORECAST_START);
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/config.json'), 'utf8')) as Record<string, unknown>;
  // Short solves: the fuzz checks behaviour, not plan quality.
  config.solver = { ...(config.solver as object), timeLimitSeconds: 2, mipRelGap: 0.05 };
  const agents = fs.readFileSync(path.join(repoRoot, 'data/agents.csv'), 'utf8').trimEnd().split('\n');
  base = { history: [lines[0] as string, ...rows], config, agents };
  return base;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, from: number, to: number): number => from + Math.floor(rng() * (to - from + 1));

const BAD_COUNTS = [
  '999999999999999999999999999999999999999', '1000000001', '-3', '2.5', ' 5 ', '"5"', '" 5 "', '1e3', '', 'abc', '0x10', '５', '"1,200"',
  'NaN', 'Infinity', '+5', '4294967296', '1000000000',
];
const BAD_TIMESTAMPS = [
  '1899-01-01T00:00', '1970-01-01T00:00', '2100-01-01T00:00', '9999-12-31T23:00', '2012-06-01T10:00', '2040-06-01T10:00',
  '2026/10/01 10:00', '2026-10-1T1:00', '2026-02-30T10:00', '', 'yesterday', '2026-10-01T10:00+15:00', '2026-10-01T02:00Z',
  '2026-10-01T24:00', '"2026-10-01T10:00"', '2026-10-01 10:00:00.5', '20261001T1000',
];
const BAD_QUEUES = ['', 'all', 'ALL', '"pre,sales"', '"""vip"""', 'a b', '售前', '"multi\nline"'];

/** One mutated history (as bytes) and the data line it touched, if one. */
function mutateHistory(rng: Rng): { bytes: Buffer; mutation: string; line?: number } {
  const lines = baseInputs().history.slice();
  const L = int(rng, 2, lines.length); // a data line, 1-based
  const fields = (lines[L - 1] as string).split(',');
  const set = (i: number, value: string): void => {
    fields[i] = value;
    lines[L - 1] = fields.join(',');
  };
  const text = (): string => `${lines.join('\n')}\n`;
  const kind = int(rng, 0, 21);
  switch (kind) {
    case 0:
    case 1: {
      const v = pick(rng, BAD_COUNTS);
      set(2, v);
      return { bytes: Buffer.from(text()), mutation: `count ${JSON.stringify(v)}`, line: L };
    }
    case 2:
    case 3: {
      const v = pick(rng, BAD_TIMESTAMPS);
      set(0, v);
      return { bytes: Buffer.from(text()), mutation: `timestamp ${JSON.stringify(v)}`, line: L };
    }
    case 4: {
      const v = pick(rng, BAD_QUEUES);
      set(1, v);
      return { bytes: Buffer.from(text()), mutation: `queue ${JSON.stringify(v)}`, line: L };
    }
    case 5: {
      // Many distinct queues: over the cap when more than 200.
      const n = pick(rng, [150, 250, 3000]);
      for (let k = 0; k < n && k + 1 < lines.length; k++) {
        const f = (lines[k + 1] as string).split(',');
        f[1] = `q${k}`;
        lines[k + 1] = f.join(',');
      }
      return { bytes: Buffer.from(text()), mutation: `${n} queues`, ...(n > 200 ? { line: 202 } : {}) };
    }
    case 6: {
      const i = int(rng, 0, 2);
      set(i, `"${fields[i] ?? ''}`);
      return { bytes: Buffer.from(text()), mutation: 'an unclosed quote', line: L };
    }
    case 7: {
      const i = int(rng, 0, 2);
      set(i, `${fields[i] ?? ''}"x`);
      return { bytes: Buffer.from(text()), mutation: 'a quote inside a field', line: L };
    }
    case 8: {
      lines[L - 1] = rng() < 0.5 ? `${lines[L - 1] as string},9` : fields.slice(0, 2).join(',');
      return { bytes: Buffer.from(text()), mutation: 'a wrong number of fields', line: L };
    }
    case 9: {
      lines.splice(L, 0, lines[L - 1] as string);
      return { bytes: Buffer.from(text()), mutation: 'a repeated row', line: L + 1 };
    }
    case 10: {
      lines.splice(L, 0, pick(rng, ['', '   ', '\t', ',,']));
      const inserted = lines[L] as string;
      return { bytes: Buffer.from(text()), mutation: `an inserted line ${JSON.stringify(inserted)}`, ...(inserted === '' ? {} : { line: L + 1 }) };
    }
    case 11: {
      // Mixed line ends: a run of CRLF lines, or CR alone (accepted).
      const cut = int(rng, 1, lines.length - 1);
      const eol = pick(rng, ['\r\n', '\r']);
      const body = `${lines.slice(0, cut).join(eol)}${eol}${lines.slice(cut).join('\n')}\n`;
      return { bytes: Buffer.from(body), mutation: `mixed ${JSON.stringify(eol)} and LF line ends` };
    }
    case 12: {
      const encoding = pick(rng, ['utf16le', 'utf16le-bom', 'utf16be', 'utf16be-bom', 'utf32le', 'double-bom', 'bom']);
      const t = text();
      const le = Buffer.from(t, 'utf16le');
      const be = Buffer.from(le).swap16();
      const bytes =
        encoding === 'utf16le' ? le
          : encoding === 'utf16le-bom' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le])
            : encoding === 'utf16be' ? be
              : encoding === 'utf16be-bom' ? Buffer.concat([Buffer.from([0xfe, 0xff]), be])
                : encoding === 'utf32le' ? Buffer.from(Array.from(t).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8, 0, 0]))
                  : encoding === 'double-bom' ? Buffer.from(`\ufeff\ufeff${t}`)
                    : Buffer.from(`\ufeff${t}`);
      return { bytes, mutation: `encoding ${encoding}` };
    }
    case 13: {
      const bytes = Buffer.from(text());
      const at = Buffer.from(`${lines.slice(0, L - 1).join('\n')}\n`).length + int(rng, 0, 10);
      const junk = pick(rng, [[0xff, 0xfe, 0xfd], [0xe9], [0xc3, 0x28], [0x00], [0x80, 0x81]]);
      return { bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from(junk), bytes.subarray(at)]), mutation: `bytes ${junk.map((b) => b.toString(16)).join(' ')} inserted`, line: L };
    }
    case 14: {
      const bytes = Buffer.from(text());
      return { bytes: bytes.subarray(0, int(rng, 0, bytes.length)), mutation: 'truncated' };
    }
    case 15: {
      const header = pick(rng, ['timestamp,queue,count', '时间,队列,咨询量', 'timestamp,queue', 'time,queue,inquiries,inquiries', 'Timestamp,QUEUE,Inquiries', 'ts,queue,inquiries', '']);
      lines[0] = header;
      // An empty first line is skipped like any blank line: the first row is then read as the header.
      return { bytes: Buffer.from(text()), mutation: `header ${JSON.stringify(header)}`, line: header === '' ? 2 : 1 };
    }
    case 16: {
      return { bytes: Buffer.from(text().replace(/,/g, '\t')), mutation: 'tab-separated' };
    }
    case 17: {
      const a = int(rng, 2, lines.length);
      const b = int(rng, 2, lines.length);
      [lines[a - 1], lines[b - 1]] = [lines[b - 1] as string, lines[a - 1] as string];
      return { bytes: Buffer.from(text()), mutation: 'two rows swapped' };
    }
    case 18: {
      lines.splice(L - 1, 1);
      return { bytes: Buffer.from(text()), mutation: 'a row deleted' };
    }
    case 19: {
      // date,hour shape with an odd hour.
      const hour = pick(rng, [' 7 ', '7', '07:00', '24', '-1', '7.5', '', 'noon']);
      const shaped = lines.map((l, i) => {
        if (i === 0) return 'date,hour,queue,inquiries';
        const [ts, queue, count] = l.split(',');
        return `${(ts ?? '').slice(0, 10)},${Number((ts ?? '').slice(11, 13))},${queue ?? ''},${count ?? ''}`;
      });
      const f = (shaped[L - 1] as string).split(',');
      f[1] = hour;
      shaped[L - 1] = f.join(',');
      return { bytes: Buffer.from(`${shaped.join('\n')}\n`), mutation: `date,hour with hour ${JSON.stringify(hour)}`, line: L };
    }
    case 20: {
      // Finer rows: 30-minute halves (accepted, summed).
      const out = [lines[0] as string];
      for (const l of lines.slice(1)) {
        const [ts, queue, count] = l.split(',');
        const n = Number(count);
        out.push(`${ts},${queue},${Math.floor(n / 2)}`, `${(ts ?? '').slice(0, 14)}30,${queue},${n - Math.floor(n / 2)}`);
      }
      return { bytes: Buffer.from(`${out.join('\n')}\n`), mutation: '30-minute rows' };
    }
    default: {
      return { bytes: Buffer.from(text()), mutation: 'unchanged' };
    }
  }
}

type Json = Record<string, unknown>;

const CONFIG_VALUES: unknown[] = [0, -1, 1, 0.5, 1e6, 1e-12, 1e308, 'abc', null, [], {}, true, 23, 24, 16];

/** Config paths that take numbers or short lists, with a few structural mutations. */
function mutateConfig(rng: Rng): { config: string; mutation: string } {
  const c = JSON.parse(JSON.stringify(baseInputs().config)) as Json;
  const queues = c.queues as Json[];
  const shifts = c.shifts as Json[];
  const pools = c.pools as Json[];
  const q = pick(rng, queues);
  const s = pick(rng, shifts);
  const p = pick(rng, pools);
  const value = pick(rng, CONFIG_VALUES);
  const targets: Array<[string, () => void]> = [
    ['queues[].ahtSeconds', () => { q.ahtSeconds = pick(rng, [1e6, 1e-6, 0, 3600, value]); }],
    ['queues[].concurrency', () => { q.concurrency = value; }],
    ['queues[].target.serviceLevel', () => { (q.target as Json).serviceLevel = pick(rng, [0.999999, 1, 0, value]); }],
    ['queues[].target.answerSeconds', () => { (q.target as Json).answerSeconds = pick(rng, [0, 1e9, value]); }],
    ['queues[].maxOccupancy', () => { q.maxOccupancy = pick(rng, [0.01, 1e-12, 1, value]); }],
    ['queues[].patienceSeconds', () => { q.patienceSeconds = pick(rng, [1e-9, 1e9, 0.5, value]); }],
    ['queues[].name', () => { q.name = pick(rng, ['pre,sales', '"vip"', 'all', '', ' x', 'a'.repeat(70), 'presales']); }],
    ['shrinkage', () => { c.shrinkage = pick(rng, [0.99, 0.999999, 1, value]); }],
    ['shifts[].hours', () => { s.hours = pick(rng, [16, 1, 24, value]); s.paidHours = undefined; }],
    ['shifts[].startOffsets', () => { s.startOffsets = pick(rng, [Array.from({ length: 24 }, (_, i) => i), [0, 0], [25], value]); }],
    ['shifts 16 h × 24 offsets', () => { for (const x of shifts) { x.hours = 16; x.paidHours = 15; x.startOffsets = Array.from({ length: 24 }, (_, i) => i); } }],
    ['pools[].headcount', () => { p.headcount = pick(rng, [0, 5000, 1e9, value]); }],
    ['pools[].maxAgentsPerDay', () => { p.maxAgentsPerDay = pick(rng, [0, 1, 1e9, value]); }],
    ['pools[].minAgentsPerDay', () => { p.minAgentsPerDay = pick(rng, [5, 1000, value]); }],
    ['pools[].productivity', () => { p.productivity = pick(rng, [1e-9, 2, value]); }],
    ['every in-house headcount 0', () => { for (const x of pools) if (x.kind === 'inhouse') x.headcount = 0; }],
    ['outsourcing', () => { c.outsourcing = pick(rng, [{ min: 0.9, max: 1 }, { min: 1, max: 1 }, { min: 0.7, max: 0.6 }, { min: 0, max: 0 }, value]); }],
    ['events uplift', () => { c.events = [{ name: 'double-11', uplift: pick(rng, [1e6, 1e-6, 1000, value]) }]; }],
    ['understaffingPenalty', () => { c.understaffingPenalty = pick(rng, [0, 1e12, value]); }],
    ['minAgentsPerHour', () => { c.minAgentsPerHour = pick(rng, [1, 500, 1e6, value]); }],
    ['solver.timeLimitSeconds', () => { c.solver = { ...(c.solver as Json), timeLimitSeconds: pick(rng, [1e-9, 0.001, 0.01, value]) }; }],
    ['horizon 10 years', () => { c.horizon = { start: '2026-11-01', end: '2036-11-01' }; }],
    ['roster', () => { c.roster = { minRestHours: pick(rng, [0, 24, value]), maxConsecutiveDays: pick(rng, [1, 14, value]) }; }],
    ['unknown field', () => { (p as Json).colour = 'red'; }],
    ['timezone', () => { c.timezone = pick(rng, ['Mars/Olympus', 'UTC', 'America/New_York', value]); }],
    ['a queue removed', () => { queues.splice(0, 1); }],
    ['40 queues', () => { c.queues = Array.from({ length: 40 }, (_, i) => ({ name: `q${i}` })); }],
  ];
  const [name, apply] = pick(rng, targets);
  apply();
  return { config: `${JSON.stringify(c, null, 2)}\n`, mutation: `config ${name}` };
}

/** A mutated agents file and the line it touched. */
function mutateAgents(rng: Rng): { bytes: Buffer; mutation: string; line?: number } {
  const lines = baseInputs().agents.slice();
  const L = int(rng, 2, lines.length);
  const fields = (lines[L - 1] as string).split(',');
  const kind = int(rng, 0, 6);
  const text = (): string => `${lines.join('\n')}\n`;
  switch (kind) {
    case 0:
      return { bytes: Buffer.from(text(), 'utf16le'), mutation: 'agents in UTF-16LE without a BOM' };
    case 1: {
      const many = [lines[0] as string];
      for (let i = 0; i < 5000; i++) many.push(`A${i},Agent ${i},in-house,day;middle,true,5,`);
      return { bytes: Buffer.from(`${many.join('\n')}\n`), mutation: '5,000 agents', line: 2002 };
    }
    case 2: {
      const all = lines.map((l, i) => (i === 0 ? l : `${l.split(',').slice(0, 6).join(',')},2026-10-01..2026-12-31`));
      return { bytes: Buffer.from(`${all.join('\n')}\n`), mutation: 'every agent on leave' };
    }
    case 3: {
      const i = int(rng, 0, 6);
      fields[i] = pick(rng, ['', 'maybe', '0', '9', 'UNFILLED', 'vendor-a', 'night', '2026-11-05..2026-11-03', '"', 'IH001']);
      lines[L - 1] = fields.join(',');
      return { bytes: Buffer.from(text()), mutation: `agents field ${i} ${JSON.stringify(fields[i])}`, line: L };
    }
    case 4:
      return { bytes: Buffer.from(`\ufeff\ufeff${text()}`), mutation: 'agents with two BOMs' };
    case 5:
      lines.splice(L, 0, lines[L - 1] as string);
      return { bytes: Buffer.from(text()), mutation: 'an agent repeated', line: L + 1 };
    default:
      return { bytes: Buffer.from(text()), mutation: 'agents unchanged' };
  }
}

const ERLANG_VALUES = ['0', '1', '1e-300', '1e-12', '0.5', '30', '400', '1e7', '1e12', '1e300', '-1', 'abc', '1e6'];

/** Shares of the cases: history mutations (inspect, forecast), config and agents mutations (plan); the rest erlang. */
export interface CaseMix {
  history: number;
  plan: number;
  /** Solver time limit of the plan cases, seconds (a config mutation may set its own). */
  timeLimitSeconds?: number;
}

export const DEFAULT_MIX: CaseMix = { history: 0.75, plan: 0.17 };

/** The fuzz case number `index` of the run with `seed` (deterministic). */
export function makeCase(seed: number, index: number, mix: CaseMix = DEFAULT_MIX): FuzzCase {
  const rng = createRng((seed * 1_000_003 + index * 7919) >>> 0);
  const roll = rng();
  if (roll < mix.history) {
    const m = mutateHistory(rng);
    const command: Command = rng() < 0.5 ? 'inspect' : 'forecast';
    return {
      index,
      command,
      mutation: m.mutation,
      ...(m.line !== undefined ? { line: m.line, lineFile: 'history' as const } : {}),
      files: { history: m.bytes, config: `${JSON.stringify(baseInputs().config)}\n` },
      args: [],
    };
  }
  if (roll < mix.history + mix.plan) {
    const agentsCase = rng() < 0.3;
    const a = agentsCase ? mutateAgents(rng) : undefined;
    const cfg = agentsCase ? { config: `${JSON.stringify(baseInputs().config)}\n`, mutation: '' } : mutateConfig(rng);
    if (mix.timeLimitSeconds !== undefined && !cfg.mutation.includes('solver')) {
      const parsed = JSON.parse(cfg.config) as Json;
      parsed.solver = { ...(parsed.solver as Json), timeLimitSeconds: mix.timeLimitSeconds };
      cfg.config = `${JSON.stringify(parsed, null, 2)}\n`;
    }
    return {
      index,
      command: 'plan',
      mutation: a ? a.mutation : cfg.mutation,
      ...(a?.line !== undefined ? { line: a.line, lineFile: 'agents' as const } : {}),
      files: {
        history: Buffer.from(`${baseInputs().history.join('\n')}\n`),
        config: cfg.config,
        agents: a ? a.bytes : Buffer.from(`${baseInputs().agents.join('\n')}\n`),
      },
      args: [],
    };
  }
  const options = ['--calls', '--interval-minutes', '--aht', '--answer-seconds', '--service-level', '--patience', '--concurrency', '--max-occupancy', '--agents'];
  const args = ['--calls', '400', '--interval-minutes', '30', '--aht', '257'];
  const changed: string[] = [];
  for (let k = int(rng, 1, 3); k > 0; k--) {
    const option = pick(rng, options);
    const value = pick(rng, ERLANG_VALUES);
    const at = args.indexOf(option);
    if (at >= 0) args[at + 1] = value;
    else args.push(option, value);
    changed.push(`${option} ${value}`);
  }
  return { index, command: 'erlang', mutation: `erlang ${changed.join(' ')}`, files: {}, args };
}

const NON_FINITE = /\bNaN\b|Infinity/;

/** Every file under `dir` (relative paths). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Run one case in this process and check every rule. */
export async function runCase(c: FuzzCase): Promise<CaseResult> {
  const dir = tempDir('peakshift-fuzz-');
  try {
    const file = (name: string, content: string | Buffer | undefined): string | undefined => {
      if (content === undefined) return undefined;
      const full = path.join(dir, name);
      fs.writeFileSync(full, content);
      return full;
    };
    const history = file('history.csv', c.files.history);
    const config = file('config.json', c.files.config);
    const agents = file('agents.csv', c.files.agents);
    const out = path.join(dir, c.command === 'plan' ? 'plan-out' : 'forecast.csv');
    let argv: string[];
    switch (c.command) {
      case 'inspect':
        argv = ['inspect', '--history', history as string, '--config', config as string, '--json'];
        break;
      case 'forecast':
        argv = ['forecast', '--history', history as string, '--config', config as string, '--start', FORECAST_START, '--end', FORECAST_END, '--out', out];
        break;
      case 'plan':
        argv = ['plan', '--config', config as string, '--history', history as string, '--agents', agents as string, '--start', FORECAST_START, '--end', PLAN_END, '--out-dir', out, '-q'];
        break;
      case 'erlang':
        argv = ['erlang', ...c.args, '--json'];
        break;
    }
    const started = process.hrtime.bigint();
    const r = await runCli(argv);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const problems: string[] = [];
    const allowed = c.command === 'plan' ? [0, 2, 3, 4] : [0, 2];
    if (!allowed.includes(r.code)) problems.push(`exit ${r.code}`);
    if (/\n\s+at /.test(r.stderr)) problems.push('a stack trace');
    const written = c.command === 'plan' ? filesUnder(out) : fs.existsSync(out) ? [out] : [];
    if (r.code !== 0) {
      const errorLines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '));
      if (errorLines.length !== 1 || !(errorLines[0] as string).startsWith('error: ')) problems.push(`stderr of ${errorLines.length} error lines`);
      if (written.length > 0) problems.push(`output written on exit ${r.code}`);
    } else {
      const texts = [r.stdout, ...written.map((f) => fs.readFileSync(f, 'utf8'))];
      if (texts.some((t) => NON_FINITE.test(t))) problems.push('NaN or Infinity in the output');
    }
    if (seconds >= 10) problems.push(`${seconds.toFixed(1)} s`);
    let unlocated = false;
    let otherLine = false;
    if (r.code === 2 && c.line !== undefined && c.lineFile !== undefined) {
      const name = c.lineFile === 'history' ? history : agents;
      const m = new RegExp(`^error: ${escapeRe(name as string)}:(\\d+)`).exec(r.stderr);
      const sameFile = r.stderr.startsWith(`error: ${name as string}`);
      if (sameFile && !m) unlocated = !/file of|queue-hours|byte-order|UTF-|agents; expected|servers|choices/.test(r.stderr);
      if (m && Number(m[1]) !== c.line && !r.stderr.includes(`line ${c.line}`)) otherLine = true;
      if (unlocated) problems.push('a data-line error without a line');
    }
    return { index: c.index, command: c.command, mutation: c.mutation, code: r.code, seconds, stderr: r.stderr.trim(), problems, unlocated, otherLine };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Two planner answers that are still exit 1 for models with nothing to staff
 * and for time limits too small to find any plan. Counted apart so they stay
 * visible; they become plain failures once the planner answers them with an
 * empty plan or exit 3.
 */
export interface FuzzSummary {
  cases: number;
  seed: number;
  byCommand: Record<string, number>;
  byExit: Record<string, number>;
  crashes: number;
  hangs: number;
  nonFinite: number;
  unlocated: number;
  otherLine: number;
  slowest: { seconds: number; mutation: string; command: string };
  /** Longest case per command, seconds. */
  slowestByCommand: Record<string, number>;
  failures: CaseResult[];
}

export function summarize(seed: number, results: readonly CaseResult[], hangs: readonly CaseResult[] = []): FuzzSummary {
  const byCommand: Record<string, number> = {};
  const byExit: Record<string, number> = {};
  const slowestByCommand: Record<string, number> = {};
  let slowest = { seconds: 0, mutation: '', command: '' };
  for (const r of results) {
    byCommand[r.command] = (byCommand[r.command] ?? 0) + 1;
    slowestByCommand[r.command] = Math.max(slowestByCommand[r.command] ?? 0, Number(r.seconds.toFixed(3)));
    byExit[String(r.code)] = (byExit[String(r.code)] ?? 0) + 1;
    if (r.seconds > slowest.seconds) slowest = { seconds: r.seconds, mutation: r.mutation, command: r.command };
  }
  return {
    cases: results.length + hangs.length,
    seed,
    byCommand,
    byExit,
    crashes: results.filter((r) => r.problems.some((p) => p.startsWith('exit') || p === 'a stack trace' || p.startsWith('stderr'))).length,
    hangs: hangs.length + results.filter((r) => r.seconds >= 10).length,
    nonFinite: results.filter((r) => r.problems.includes('NaN or Infinity in the output')).length,
    unlocated: results.filter((r) => r.unlocated).length,
    otherLine: results.filter((r) => r.otherLine).length,
    slowest,
    slowestByCommand,
    failures: [...results.filter((r) => r.problems.length > 0), ...hangs],
  };
}
