/**
 * A bad scenario file or override. The message names the scenario and the
 * path of the bad value inside it, so a user can go straight to the line:
 * `scenario "vendor-b out" overrides[0].pool: no pool named "vendor-c"; expected one of in-house, vendor-a, vendor-b`.
 */
import { PlannerError } from '../domain';

export class ScenarioError extends PlannerError {
  /** Scenario name, or undefined for file-level problems (the base, the list itself). */
  readonly scenario: string | undefined;
  /** Path inside the scenario (`overrides[0].pool.headcount`) or the file (`base.config`). */
  readonly path: string;
  readonly file: string | undefined;

  constructor(scenario: string | undefined, path: string, problem: string, file?: string, hint?: string) {
    const where = scenario === undefined ? `scenario file ${path || '(root)'}` : `scenario ${JSON.stringify(scenario)}${path ? ` ${path}` : ''}`;
    super('config', `${where}: ${problem}${file ? ` (in ${file})` : ''}`, 2, hint);
    this.scenario = scenario;
    this.path = path;
    this.file = file;
  }
}
