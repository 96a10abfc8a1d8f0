/**
 * CPLEX LP text for a MipModel (the format HiGHS reads). Variables are written
 * `x<index>` and rows `c<index>` so names are always legal and the solution maps
 * back by index. Built with array joins: one pass, linear in the model's size.
 */
import type { MipModel } from './model';

/** A coefficient as LP text: shortest round-trip decimal. */
function num(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

const TERMS_PER_LINE = 16;

function pushTerms(lines: string[], head: string, vars: readonly number[], coefs: readonly number[], tail: string): void {
  let line = head;
  for (let k = 0; k < vars.length; k++) {
    const c = coefs[k] as number;
    const sign = c < 0 ? '-' : '+';
    const abs = Math.abs(c);
    line += ` ${sign} ${abs === 1 ? '' : `${num(abs)} `}x${vars[k] as number}`;
    if ((k + 1) % TERMS_PER_LINE === 0 && k + 1 < vars.length) {
      lines.push(line);
      line = ' ';
    }
  }
  lines.push(line + tail);
}

export function toLpText(model: MipModel): string {
  const lines: string[] = ['Minimize'];
  const objVars: number[] = [];
  const objCoefs: number[] = [];
  model.variables.forEach((v, i) => {
    if (v.cost !== 0) {
      objVars.push(i);
      objCoefs.push(v.cost);
    }
  });
  if (objVars.length === 0 && model.variables.length > 0) {
    objVars.push(0);
    objCoefs.push(0);
  }
  pushTerms(lines, ' obj:', objVars, objCoefs, '');
  lines.push('Subject To');
  model.constraints.forEach((c, j) => {
    pushTerms(lines, ` c${j}:`, c.vars, c.coefs, ` ${c.sense} ${num(c.rhs)}`);
  });
  lines.push('Bounds');
  const generals: string[] = [];
  model.variables.forEach((v, i) => {
    const lo = v.lower === -Infinity ? '-inf' : num(v.lower);
    const hi = v.upper === Infinity ? 'inf' : num(v.upper);
    lines.push(` ${lo} <= x${i} <= ${hi}`);
    if (v.integer) generals.push(`x${i}`);
  });
  if (generals.length > 0) {
    lines.push('General');
    for (let i = 0; i < generals.length; i += TERMS_PER_LINE) lines.push(` ${generals.slice(i, i + TERMS_PER_LINE).join(' ')}`);
  }
  lines.push('End', '');
  return lines.join('\n');
}
