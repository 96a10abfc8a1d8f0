/**
 * The `plan` progress display: one line on stderr, redrawn in place, naming
 * the stage (forecast, sizing, solve, roster rounds, pricing the short hours)
 * with the last solve's status, objective and gap and the elapsed time;
 * refreshed every second so a long solve still shows it is alive. Silent
 * when stderr is not a terminal, in CI and with --quiet (output.ts).
 */
import type { PipelineProgress } from '../pipeline';
import { money } from '../report/format';
import { clearProgress, interactive, progressLine } from './output';

const STAGES: Record<PipelineProgress['stage'], string> = {
  forecast: 'forecasting demand',
  sizing: 'sizing staff (Erlang)',
  solve: 'solving the shift plan',
  explain: 'pricing the short hours',
  done: 'writing the plan folder',
};

/** The line for one progress report, without the elapsed time. */
export function planProgressText(p: PipelineProgress, withAgents: boolean): string {
  const parts = [`plan: ${STAGES[p.stage]}`];
  if (p.stage === 'solve' && withAgents && p.round !== undefined) parts.push(`round ${p.round}${p.model === 'roster' ? ' (roster)' : ''}`);
  if (p.solve) {
    const objective = Number.isFinite(p.solve.objective) ? money(p.solve.objective, 0) : 'none';
    const gap = p.solve.gap === null ? '' : `, gap ${(p.solve.gap * 100).toFixed(2)}%`;
    parts.push(`solve ${p.solves}: ${p.solve.status}, objective ${objective}${gap}, ${p.solve.seconds.toFixed(1)} s`);
  }
  return parts.join(' · ');
}

export interface PlanProgress {
  onProgress(p: PipelineProgress): void;
  stop(): void;
}

export function startPlanProgress(withAgents: boolean, now: () => number = Date.now): PlanProgress {
  if (!interactive()) return { onProgress: () => undefined, stop: () => undefined };
  const started = now();
  let text = 'plan: reading inputs';
  const draw = (): void => progressLine(`${text} · ${Math.round((now() - started) / 1000)} s`);
  draw();
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    onProgress(p: PipelineProgress): void {
      // A stage change keeps the last solve's figures only while solving continues.
      if (p.solve || p.stage !== 'solve' || !text.startsWith(`plan: ${STAGES.solve}`)) text = planProgressText(p, withAgents);
      draw();
    },
    stop(): void {
      clearInterval(timer);
      clearProgress();
    },
  };
}
