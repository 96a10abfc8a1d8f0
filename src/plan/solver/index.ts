export * from './model';
export { toLpText } from './lpText';
import { highsSolver } from './highs';
import { jslpSolver } from './jslp';
import type { MipSolver } from './model';

/** The solver adapter for a config/CLI solver name. */
export function solverByName(name: 'highs' | 'jslp'): MipSolver {
  return name === 'jslp' ? jslpSolver : highsSolver;
}
export * from './record';
export * from './guard';
