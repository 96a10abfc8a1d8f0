/**
 * Byte-exact roster exports of a small fixed plan (3 days). To accept a
 * deliberate change: UPDATE_GOLDEN=1 npx jest test/report/golden.test.ts,
 * then review the diff of test/golden/roster-small.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rosterExportFiles } from '../../src/report';
import { smallPlan } from './planFixture';

const DIR = path.join(__dirname, '../golden/roster-small');

it('writes the same roster exports byte for byte', async () => {
  const p = await smallPlan('2026-11-10', '2026-11-12', 7);
  const files = rosterExportFiles({ config: p.config, lines: p.plan.lines, coverage: p.plan.coverage, summary: p.plan.summary, demand: p.demand, roster: p.roster });
  // The report leaves the solver's seconds out, so the files are byte-stable as they are.
  const stable = files;
  if (process.env.UPDATE_GOLDEN) {
    fs.rmSync(DIR, { recursive: true, force: true });
    for (const [name, text] of stable) {
      fs.mkdirSync(path.dirname(path.join(DIR, name)), { recursive: true });
      fs.writeFileSync(path.join(DIR, name), text);
    }
  }
  const expected = fs.readdirSync(DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(DIR, path.join(e.parentPath, e.name))).sort();
  expect([...stable.keys()].sort()).toEqual(expected);
  for (const [name, text] of stable) expect(text).toBe(fs.readFileSync(path.join(DIR, name), 'utf8'));
});
