/** A job's output files as the web API serves them: name, content type, bytes. */
import type { PlanFile } from './types';

function fileType(name: string): string {
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (name.endsWith('.json')) return 'application/json; charset=utf-8';
  if (name.endsWith('.html')) return 'text/html; charset=utf-8';
  if (name.endsWith('.md')) return 'text/markdown; charset=utf-8';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'text/plain; charset=utf-8';
}

export function filesOf(files: ReadonlyMap<string, string | Buffer>): PlanFile[] {
  return [...files].map(([name, body]) => ({ name, type: fileType(name), body }));
}
