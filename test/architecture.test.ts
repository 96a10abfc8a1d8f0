/**
 * The import rules of STYLE.md: a stage imports only from stages before it and
 * from domain/; only io/, web/ and cli/ touch the file system; only the solver
 * adapters import a solver.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../src');

/** Pipeline order: a module may import from its own stage and from earlier ones. */
const ORDER = ['domain', 'types', 'config', 'calendar', 'forecast', 'staffing', 'plan', 'roster', 'report', 'capacity', 'pipeline', 'design', 'starter', 'replan', 'scenario', 'replay', 'io', 'jobs', 'web', 'queue', 'cli'];
/** The two faces that hand out jobs (src/jobs) sit side by side: neither imports the other, so the broker's worker needs none of the web server's files. */
const SIBLINGS: ReadonlyArray<readonly [string, string]> = [['web', 'queue']];
const ROOT_FILES: Record<string, string> = { 'pipeline.ts': 'pipeline', 'index.ts': 'cli' };

const FILE_SYSTEM_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
const FILE_SYSTEM_STAGES = new Set(['io', 'web', 'cli']);
const SOLVER_MODULES: Record<string, string> = { highs: 'plan/solver/highs.ts', 'javascript-lp-solver': 'plan/solver/jslp.ts' };
/** The job broker's libraries: only queue/ imports them, and the CLI loads queue/ only on demand (cli/queue.ts), so nothing else needs Redis. */
const BROKER_MODULES = new Set(['bullmq', 'ioredis']);
const QUEUE_LOADER = 'cli/queue.ts';

function listSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function stageOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel.length === 1) return ROOT_FILES[rel[0] as string] ?? 'unknown';
  return rel[0] as string;
}

function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
  return out;
}

const files = listSources(SRC);

test('there are sources to check', () => {
  expect(files.length).toBeGreaterThan(5);
});

test.each(files.map((f) => [path.relative(SRC, f), f]))('%s follows the import rules', (_rel, file) => {
  const text = fs.readFileSync(file, 'utf8');
  const stage = stageOf(file);
  expect(ORDER).toContain(stage);
  const problems: string[] = [];
  for (const spec of importsOf(text)) {
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SRC)) continue; // package.json for the version
      const targetStage = stageOf(fs.existsSync(`${target}.ts`) || fs.existsSync(target) ? (fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, 'index.ts') : `${target}.ts`) : `${target}.ts`);
      if (ORDER.indexOf(targetStage) > ORDER.indexOf(stage)) problems.push(`${stage} imports later stage ${targetStage} (${spec})`);
      if (SIBLINGS.some(([a, b]) => (stage === a && targetStage === b) || (stage === b && targetStage === a))) problems.push(`${stage} imports its sibling ${targetStage} (${spec}); what both need belongs in jobs/`);
      if (targetStage === 'queue' && stage !== 'queue' && path.relative(SRC, file) !== QUEUE_LOADER) problems.push(`only ${QUEUE_LOADER} may load queue/ (${spec}), so that only --broker loads the queue library`);
    } else {
      if (FILE_SYSTEM_MODULES.has(spec) && !FILE_SYSTEM_STAGES.has(stage)) problems.push(`${stage} touches the file system (${spec}); only io/, web/ and cli/ may`);
      if (BROKER_MODULES.has(spec) && stage !== 'queue') problems.push(`only queue/ may import ${spec}`);
      const solverFile = SOLVER_MODULES[spec];
      if (solverFile && path.relative(SRC, file) !== solverFile) problems.push(`only ${solverFile} may import ${spec}`);
    }
  }
  expect(problems).toEqual([]);
});

test('the checker catches a violation', () => {
  expect(importsOf("import { x } from '../plan/model';\nconst fs = require('fs');")).toEqual(['../plan/model', 'fs']);
});

test('the broker (queue/) and the web server (web/) share jobs/ and import nothing from each other', () => {
  const crossing = files.flatMap((file) => {
    const stage = stageOf(file);
    if (stage !== 'queue' && stage !== 'web') return [];
    const other = stage === 'queue' ? 'web' : 'queue';
    return importsOf(fs.readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.') && stageOf(`${path.resolve(path.dirname(file), spec)}.ts`) === other)
      .map((spec) => `${path.relative(SRC, file)} imports ${spec}`);
  });
  expect(crossing).toEqual([]);
  // Both faces run the same jobs.
  const usesJobs = (stage: string): boolean => files.some((f) => stageOf(f) === stage && importsOf(fs.readFileSync(f, 'utf8')).some((s) => /(^|\/)jobs(\/|$)/.test(s)));
  expect([usesJobs('queue'), usesJobs('web')]).toEqual([true, true]);
});
