/**
 * Every command in the documentation runs as written: the shell commands of
 * README.md, README.zh-CN.md, data/README.md and docs/*.md (```sh, ```shell and ```console
 * blocks; where a block has `$ ` prompts, only those lines) are run in-process,
 * in order, in a scratch folder that sees data/, calendars/ and ../shared/ as
 * the project folder does. A command given twice runs once. The few that
 * cannot run in a test are listed in NOT_RUN with the reason, and checked:
 * their npm script or file exists and every option they pass is one the
 * command defines. The README's walkthrough (an Excel export to a printed
 * Chinese roster) is then checked for what it promises. Relative links of
 * every page point at files and headings that exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import yargs from 'yargs';
import { commands } from '../../src/cli/commands';
import { FIELD_DOCS } from '../../src/config/reference';
import { CATALOGUE } from '../../src/domain/i18n';
import { runCli, type CliResult } from '../helpers/cli';
import { hasRealData, realDataDir, repoRoot, tempDir } from '../helpers/paths';

const PAGES = ['README.md', 'README.zh-CN.md', 'data/README.md', ...fs.readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const SHELL_BLOCKS = new Set(['sh', 'shell', 'bash', 'console']);

interface DocCommand {
  page: string;
  line: number;
  text: string;
  argv: string[];
  /** A console block's output that starts with `error:` (`错误：` in Chinese): the command must fail with it. */
  expectError?: string;
}

/** Words of a command line: double and single quotes, backslash escapes inside double quotes. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += ch;
      started = true;
    }
  }
  if (quote) throw new Error(`unclosed quote in: ${text}`);
  if (started) words.push(word);
  return words;
}

/** A line without its trailing `# comment` (a # that starts a word, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i).trimEnd();
  }
  return line;
}

export function extractCommands(page: string, markdown: string): DocCommand[] {
  const out: DocCommand[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)/.exec(lines[i] as string);
    if (!fence) continue;
    const lang = fence[1] ?? '';
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] as string).startsWith('```')) end++;
    const block = lines.slice(start, end);
    i = end;
    if (!SHELL_BLOCKS.has(lang)) continue;
    const prompted = block.some((l) => l.startsWith('$ '));
    for (let k = 0; k < block.length; k++) {
      let text = block[k] as string;
      if (prompted) {
        if (!text.startsWith('$ ')) continue;
        text = text.slice(2);
      }
      const line = start + k + 1;
      text = withoutComment(text).trim();
      if (text === '') continue;
      while (text.endsWith('\\') && k + 1 < block.length) text = `${text.slice(0, -1).trimEnd()} ${withoutComment(block[++k] as string).trim()}`;
      const next = prompted ? block[k + 1] : undefined;
      for (const part of text.split(/\s+&&\s+/)) {
        out.push({ page, line, text: part, argv: shellWords(part), ...(next?.startsWith('error:') || next?.startsWith('错误：') ? { expectError: next } : {}) });
      }
    }
  }
  return out;
}

/** A command of this project: `npx peakshift COMMAND ...` → [COMMAND, ...]. */
function peakshiftArgs(argv: readonly string[]): string[] | undefined {
  return argv[0] === 'npx' && argv[1] === 'peakshift' ? argv.slice(2) : undefined;
}

const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The options a command defines (names and aliases, kebab and camel case), from its yargs builder. */
function optionsOf(command: string): Set<string> {
  const module = commands.find((c) => String(c.command).split(' ')[0] === command);
  if (!module || typeof module.builder !== 'function') throw new Error(`no command ${command}`);
  const parser = (module.builder as (y: ReturnType<typeof yargs>) => ReturnType<typeof yargs>)(yargs([]));
  // yargs keeps the declared options where getOptions() returns them (not in its typings).
  const options = (parser as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> } }).getOptions();
  const names = new Set(['help', 'version', 'quiet', 'debug', ...Object.keys(options.key), ...Object.values(options.alias).flat()]);
  for (const name of [...names]) names.add(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  return names;
}

/** Check a peakshift command's options without running it: every `--name` is one the command defines. */
function checkOptions(args: readonly string[]): void {
  const defined = optionsOf(args[0] as string);
  const used = args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0] as string).map((a) => a.replace(/^no-/, ''));
  expect(used.filter((name) => !defined.has(name))).toEqual([]);
}

/**
 * Commands that cannot run in a test, and why; each is checked instead. Everything
 * else in a shell block must be `npx peakshift ...` and runs.
 */
const NOT_RUN: Array<{ what: string; why: string; matches: (argv: readonly string[]) => boolean; check: (argv: readonly string[]) => void }> = [
  { what: 'npm ci', why: 'installs the dependencies the test already runs on', matches: (a) => a[0] === 'npm' && a[1] === 'ci', check: () => expect(fs.existsSync(path.join(repoRoot, 'package-lock.json'))).toBe(true) },
  { what: 'npm test', why: 'is this test suite', matches: (a) => a[0] === 'npm' && a[1] === 'test', check: () => expect(packageJson.scripts.test).toContain('jest') },
  { what: 'npm start', why: 'builds dist/ and plans the 14-day sample with its roster: the plan tests cover that run', matches: (a) => a[0] === 'npm' && a[1] === 'start', check: () => expect(packageJson.scripts.start).toMatch(/^node bin\/peakshift\.js plan /) },
  { what: 'npm run SCRIPT', why: 'rewrites committed files (sample-data, config-docs); their own tests check those files are current', matches: (a) => a[0] === 'npm' && a[1] === 'run', check: (a) => expect(Object.keys(packageJson.scripts)).toContain(a[2]) },
  { what: 'npx tsx scripts/...', why: 'benchmarks and generators: minutes each, not tests', matches: (a) => a[0] === 'npx' && a[1] === 'tsx', check: (a) => expect(fs.existsSync(path.join(repoRoot, a[2] ?? ''))).toBe(true) },
  { what: 'curl', why: 'talks to a running `peakshift serve` (the web tests run the server)', matches: (a) => a[0] === 'curl', check: (a) => expect(a.some((w) => w.startsWith('http://127.0.0.1:4173/api/'))).toBe(true) },
  { what: 'npx peakshift serve', why: 'runs until stopped (the web tests run the server)', matches: (a) => peakshiftArgs(a)?.[0] === 'serve', check: (a) => checkOptions(peakshiftArgs(a) ?? []) },
  { what: 'npx peakshift worker', why: 'needs a Redis job broker and runs until stopped (test/queue runs one)', matches: (a) => peakshiftArgs(a)?.[0] === 'worker', check: (a) => checkOptions(peakshiftArgs(a) ?? []) },
  { what: 'npx peakshift replay', why: 'plans every strategy over the whole window (three 7- to 14-day plans and a simulation each): test/cli/replay.test.ts replays the sample and the bank week', matches: (a) => peakshiftArgs(a)?.[0] === 'replay', check: (a) => checkOptions(peakshiftArgs(a) ?? []) },
  { what: 'npx peakshift ... --broker', why: 'needs a Redis job broker (test/queue runs one)', matches: (a) => (peakshiftArgs(a) ?? []).includes('--broker'), check: (a) => checkOptions(peakshiftArgs(a) ?? []) },
];

const all = PAGES.flatMap((page) => extractCommands(page, fs.readFileSync(path.join(repoRoot, page), 'utf8')));
const needsRealData = (c: DocCommand): boolean => c.argv.some((a) => a.startsWith('../shared/'));
const toRun = all.filter((c) => !NOT_RUN.some((n) => n.matches(c.argv)));

describe('the documented commands are found', () => {
  it('in the README walkthrough and the pages, all as npx peakshift (never a bare peakshift)', () => {
    expect(all.filter((c) => c.argv[0] === 'peakshift').map((c) => `${c.page}:${c.line}`)).toEqual([]);
    expect(toRun.filter((c) => peakshiftArgs(c.argv) === undefined).map((c) => `${c.page}:${c.line}: ${c.text}`)).toEqual([]);
    const readme = all.filter((c) => c.page === 'README.md').map((c) => c.argv.slice(0, 3).join(' '));
    expect(readme).toEqual(['npm ci', 'npm start', 'npm test', 'npx peakshift inspect', 'npx peakshift init', 'npx peakshift plan']);
    expect(toRun.length).toBeGreaterThan(20);
  });

  it.each(NOT_RUN.map((n) => [n.what, n] as const))('%s is checked, not run', (_what, rule) => {
    const found = all.filter((c) => rule.matches(c.argv));
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) rule.check(c.argv);
  });
});

describe('the documented commands run as written', () => {
  const results = new Map<string, CliResult>();
  const home = process.cwd();
  const root = tempDir('peakshift-docs-');
  const work = path.join(root, 'project');

  beforeAll(async () => {
    fs.mkdirSync(work);
    // The project folder as a reader has it: the shipped files, and the real series beside it.
    for (const name of ['data', 'calendars', 'schema', 'node_modules']) fs.symlinkSync(path.join(repoRoot, name), path.join(work, name));
    if (hasRealData) fs.symlinkSync(path.resolve(realDataDir, '../..'), path.join(root, 'shared'));
    process.chdir(work);
    const seconds: string[] = [];
    for (const c of toRun) {
      const key = c.argv.join('\u0000');
      if (results.has(key) || (needsRealData(c) && !hasRealData)) continue;
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      results.set(key, await runCli(peakshiftArgs(c.argv) ?? []));
      const used = process.cpuUsage(cpu);
      seconds.push(`${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU (main thread)  ${c.page}:${c.line} ${c.text}`);
    }
    // PEAKSHIFT_DOC_TIMES=1 prints what each command costs (for keeping the examples cheap).
    // eslint-disable-next-line no-console
    if (process.env.PEAKSHIFT_DOC_TIMES) console.log(seconds.join('\n'));
  }, 240_000);

  afterAll(() => {
    process.chdir(home);
    fs.rmSync(root, { recursive: true, force: true });
  });

  if (!hasRealData) {
    // eslint-disable-next-line no-console
    console.warn(`skipping the documented commands on the real series: ${realDataDir} not found`);
  }

  it.each(toRun.map((c) => [`${c.page}:${c.line}`, c] as const))('%s', (_at, c) => {
    if (needsRealData(c) && !hasRealData) return;
    const r = results.get(c.argv.join('\u0000')) as CliResult;
    const shown = { command: c.text, code: r.code, stderr: r.stderr.split('\n').filter((l) => l.startsWith('error:') || l.startsWith('错误：')) };
    if (c.expectError) {
      expect(r.code).not.toBe(0);
      expect(r.stderr.split('\n')[0]).toBe(c.expectError);
    } else {
      expect(shown).toEqual({ command: c.text, code: 0, stderr: [] });
    }
  });

  describe('the walkthrough: an Excel export to a printed Chinese roster, with no edit', () => {
    const run = (prefix: string): CliResult => {
      const c = all.find((x) => x.page === 'README.md' && x.text.startsWith(prefix));
      if (!c) throw new Error(`no README command ${prefix}`);
      return results.get(c.argv.join('\u0000')) as CliResult;
    };

    it('inspect reads the GBK export and names the empty and 合计 rows it skipped', () => {
      const r = run('npx peakshift inspect');
      expect(r.stdout).toContain('encoding  GB18030 (GBK, as Excel saves CSV on Chinese Windows)\n');
      expect(r.stdout).toContain('  queue   售前 ');
      expect(r.stdout).toContain('note      skipped 7 empty rows (every cell blank) on lines 226, 451, 676, 901, 1126 and 2 more\n');
      expect(r.stdout).toContain('note      skipped 1 total row (合计) on line 1352: totals are not inquiries of an hour\n');
    });

    it('init writes a config drafted from the history, every field of it documented', () => {
      const file = path.join(work, 'my-config.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> & {
        $schema: string;
        queues: Array<{ name: string }>;
        shifts: Array<{ start: string; hours: number }>;
        pools: Array<{ name: string; kind: string; headcount?: number; $comment?: string; shifts: string[] }>;
        design: { earliestStart: string; latestStart: string };
        horizon: { start: string; end: string };
      };
      expect(fs.realpathSync(path.resolve(work, json.$schema))).toBe(fs.realpathSync(path.join(repoRoot, 'schema/config.schema.json')));
      expect(json.queues.map((q) => q.name)).toEqual(['售前', '售后']);
      expect(json.horizon).toEqual({ start: '2026-12-14', end: '2026-12-27' });
      expect(json.design).toEqual({ earliestStart: '08:00', latestStart: '20:00' });
      expect(json.shifts.length).toBeGreaterThanOrEqual(2);
      expect(json.shifts.length).toBeLessThanOrEqual(4);
      for (const s of json.shifts) {
        expect(s.start >= '08:00' && s.start <= '20:00').toBe(true);
        expect([8, 9]).toContain(s.hours);
      }
      expect(json.pools.map((p) => [p.name, p.kind, p.headcount])).toEqual([
        ['自有客服', 'inhouse', 8],
        ['vendor', 'vendor', undefined],
      ]);
      expect(json.pools[1]?.$comment).toMatch(/^TO FILL IN: /);
      expect(json.pools.every((p) => p.shifts.length > 0 && p.shifts.every((n) => json.shifts.some((s) => (s as { name?: string }).name === n)))).toBe(true);
      // Every field it writes is explained in the config reference.
      const paths: string[] = [];
      const walk = (value: unknown, at: string): void => {
        if (Array.isArray(value)) value.forEach((v) => walk(v, `${at}[]`));
        else if (value !== null && typeof value === 'object') {
          for (const [key, v] of Object.entries(value)) {
            if (key.startsWith('$')) continue;
            const p = at ? `${at}.${key}` : key;
            paths.push(p);
            // Lists of names and [from, to] pairs are values, not objects with fields.
            if (!Array.isArray(v) || v.some((x) => x !== null && typeof x === 'object')) walk(v, p);
          }
        }
      };
      walk(json, '');
      expect([...new Set(paths)].filter((p) => FIELD_DOCS[p] === undefined)).toEqual([]);
      expect(run('npx peakshift init').stdout.split('\n')[0]).toBe('wrote my-config.json: a starter config drafted from data/excel-export.csv');
    });

    it('plan --lang zh writes roster.xlsx, notes the skipped rows, and prints none of this feature\'s English', () => {
      const r = run('npx peakshift plan');
      expect(fs.statSync(path.join(work, 'my-plan/roster.xlsx')).size).toBeGreaterThan(5000);
      const summary = JSON.parse(fs.readFileSync(path.join(work, 'my-plan/summary.json'), 'utf8')) as { notes: string[]; horizon: { start: string; end: string } };
      expect(summary.horizon).toMatchObject({ start: '2026-12-14', end: '2026-12-27' });
      expect(summary.notes.filter((n) => n.startsWith('skipped '))).toHaveLength(2);
      expect(r.stdout.split('\n')[0]).toBe('排班计划 2026-12-14 .. 2026-12-27（14 天）→ my-plan');
      const mine = Object.entries(CATALOGUE.en).filter(([key]) => /^(init|cal|kpiHolidayCalendar|holidayCalendar)/.test(key)).map(([, text]) => text.split('{')[0]?.trim() ?? '');
      expect(mine.filter((text) => text.length > 6 && r.stdout.includes(text))).toEqual([]);
      expect(r.stdout).not.toContain('skipped');
    });
  });
});

describe('links between the pages', () => {
  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  const slug = (heading: string): string => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
  const anchors = (file: string): Set<string> => {
    const text = fs.readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
    return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] as string)));
  };

  it.each(PAGES)('%s links to files and headings that exist', (page) => {
    const file = path.join(repoRoot, page);
    const text = fs.readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
    const broken: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1] as string;
      if (/^[a-z]+:/.test(link)) continue;
      const [target = '', anchor] = link.split('#');
      const resolved = target === '' ? file : path.resolve(path.dirname(file), target);
      if (!fs.existsSync(resolved)) broken.push(link);
      else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(link);
    }
    expect(broken).toEqual([]);
  });
});
