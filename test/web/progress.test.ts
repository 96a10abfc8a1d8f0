/** The web progress bar over the pipeline's stages: the stage names the page knows, never moving back. */
import type { PipelineProgress } from '../../src/pipeline';
import { webProgress } from '../../src/jobs';

test('forecast, sizing, solves (plan and roster rounds), pricing and writing map to rising fractions', () => {
  const solve = (solves: number, model: 'plan' | 'roster', round: number): PipelineProgress => ({
    stage: 'solve', solves, model, round, solve: { status: 'optimal', objective: 245909.4, gap: 0.0042, seconds: 2.14 },
  });
  const events: PipelineProgress[] = [
    { stage: 'forecast', solves: 0 },
    { stage: 'sizing', solves: 0 },
    { stage: 'solve', solves: 0 },
    solve(1, 'plan', 1),
    solve(2, 'roster', 1),
    solve(3, 'plan', 2),
    { stage: 'explain', solves: 0 },
    { stage: 'done', solves: 0 },
  ];
  const shown = events.map(webProgress);
  expect(shown.map((p) => p.stage)).toEqual(['forecast', 'requirements', 'plan', 'plan', 'roster', 'plan', 'explain', 'report']);
  for (let i = 1; i < shown.length; i++) expect((shown[i] as { fraction: number }).fraction).toBeGreaterThan((shown[i - 1] as { fraction: number }).fraction);
  expect(shown[0]?.fraction).toBe(0.05);
  expect(shown[7]?.fraction).toBe(0.95);
  expect(shown[3]?.detail).toBe('optimal 245,909 · gap 0.42% · 2.1 s');
  expect(shown[5]?.detail).toBe('round 2 · optimal 245,909 · gap 0.42% · 2.1 s');
  expect(shown[2]?.detail).toBeUndefined();
});
