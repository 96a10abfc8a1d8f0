/** `peakshift erlang`: sizing, evaluation, output shapes and option errors. */
import { runCli as run } from '../helpers/cli';

const EXAMPLE = ['erlang', '--calls', '400', '--interval-minutes', '30', '--aht', '257', '--answer-seconds', '20', '--service-level', '0.8'];

describe('peakshift erlang', () => {
  it('sizes 400 calls per 30 min at AHT 257 s for 80/20 (Erlang C) as JSON', async () => {
    const r = await run([...EXAMPLE, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(json.model).toBe('erlangC');
    expect(json.agents).toBe(64);
    expect(json.offeredLoadErlangs).toBeCloseTo((400 * 257) / 1800, 12);
    expect(json.serviceLevel as number).toBeGreaterThanOrEqual(0.8);
    expect(json.occupancy).toBeCloseTo(57.111111 / 64, 6);
    for (const key of ['agents', 'serviceLevel', 'asaSeconds', 'occupancy', 'waitProbability']) expect(json).toHaveProperty(key);
    expect(json).not.toHaveProperty('abandonRate');
    // 63 agents miss the target.
    const fewer = JSON.parse((await run([...EXAMPLE, '--agent-count', '63', '--json'])).stdout) as { serviceLevel: number; meetsTargets: boolean };
    expect(fewer.serviceLevel).toBeLessThan(0.8);
    expect(fewer.meetsTargets).toBe(false);
  });

  it('pyworkforce example: 100 calls / 30 min / 180 s, 30% shrinkage → 14 agents, 20 scheduled', async () => {
    const r = await run(['erlang', '--calls', '100', '--interval-minutes', '30', '--aht', '180', '--max-occupancy', '0.85', '--shrinkage', '0.3', '--json']);
    const json = JSON.parse(r.stdout) as Record<string, number>;
    expect(json.agents).toBe(14);
    expect(json.scheduledHeadcount).toBe(20);
    expect(json.serviceLevel).toBeCloseTo(0.8883500191794669, 14);
    expect(json.asaSeconds).toBeCloseTo(7.83593701177724, 12);
  });

  it('adds abandonRate with --patience (Erlang A) and honours --max-abandon', async () => {
    const r = await run([...EXAMPLE, '--patience', '120', '--max-abandon', '0.05', '--json']);
    const json = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(json.model).toBe('erlangA');
    expect(json.abandonRate as number).toBeLessThanOrEqual(0.05);
    expect(json.agents as number).toBeLessThan(64);
  });

  it('evaluates a given staffing with --agent-count and says when the load exceeds capacity', async () => {
    const r = await run([...EXAMPLE, '--agent-count', '55']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('agents (given)');
    expect(r.stdout).toContain('no: the load exceeds capacity');
    const json = JSON.parse((await run([...EXAMPLE, '--agent-count', '55', '--json'])).stdout) as Record<string, unknown>;
    expect(json.asaSeconds).toBeNull();
    expect(json.stable).toBe(false);
  });

  it('still takes the old --agents, with a warning naming --agent-count', async () => {
    const old = await run([...EXAMPLE, '--agents', '63', '--json']);
    expect(old.code).toBe(0);
    expect(old.stderr).toBe('warning: erlang --agents is deprecated (plan --agents is a file of agents); use --agent-count\n');
    expect(old.stdout).toBe((await run([...EXAMPLE, '--agent-count', '63', '--json'])).stdout);
  });

  it('prints a small table for people', async () => {
    const r = await run([...EXAMPLE, '--concurrency', '2']);
    expect(r.stdout.split('\n')[0]).toBe('model                       Erlang C (M/M/n)');
    expect(r.stdout).toContain('agents needed               32');
    expect(r.stdout).toContain('2 sessions per agent');
  });

  it.each([
    [['--aht', 'abc'], 'error: --aht: expected a positive number of seconds, got "abc"'],
    [['--aht', '0'], 'error: --aht: expected a positive number of seconds, got "0"'],
    [['--calls', '-5'], 'error: --calls: expected a number of inquiries >= 0, got "-5"'],
    [['--interval-minutes', 'half'], 'error: --interval-minutes: expected a positive number of minutes, got "half"'],
    [['--service-level', '80'], 'error: --service-level: expected a share above 0 and below 1 (e.g. 0.8), got "80"'],
    [['--answer-seconds', '-1'], 'error: --answer-seconds: expected a number of seconds >= 0, got "-1"'],
    [['--concurrency', '1.5'], 'error: --concurrency: expected a whole number of sessions from 1 to 20, got "1.5"'],
    [['--max-occupancy', '1.2'], 'error: --max-occupancy: expected a share above 0 and at most 1, got "1.2"'],
    [['--shrinkage', '1'], 'error: --shrinkage: expected a share from 0 to below 1, got "1"'],
    [['--agent-count', 'ten'], 'error: --agent-count: expected a whole number of agents >= 0, got "ten"'],
    [['--agents', '5', '--agent-count', '5'], 'error: --agents and --agent-count given: expected only --agent-count (--agents is its old name)'],
    [['--patience', 'x'], 'error: --patience: expected a positive number of seconds, got "x"'],
    [['--max-abandon', '0.1'], 'error: --max-abandon needs --patience (abandonment is modelled by Erlang A only)'],
    [['--patience', '60', '--max-abandon', '1'], 'error: --max-abandon: expected a share above 0 and below 1 (e.g. 0.1), got "1"'],
    [['--service-level-basis', 'all'], 'error: --service-level-basis: expected offered or answered, got "all"'],
  ])('rejects %p with one line and exit 2', async (extra, message) => {
    const r = await run([...EXAMPLE, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stdout).toBe('');
  });

  it('needs --calls, --interval-minutes and --aht', async () => {
    const r = await run(['erlang', '--calls', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Missing required arguments: interval-minutes, aht/);
  });
});
