/** "Suggest shifts" on the server: a plan request with `design` is checked like `--max-types`. */
import { runUploadTask } from '../../src/web/upload-tasks';

const CSV = 'timestamp,inquiries\n2026-06-01T10:00,5\n2026-06-01T11:00,7\n2026-06-02T10:00,9\n';
const CONFIG = JSON.stringify({ horizon: { start: '2026-06-03', end: '2026-06-04' } });
const request = (design: unknown): string => JSON.stringify({ history: { file: 'h.csv', text: CSV }, config: { file: 'config.json', text: CONFIG }, design });

describe('design requests', () => {
  test('a bad design.maxTypes is refused with the message of --max-types', () => {
    expect(() => runUploadTask({ kind: 'plan', text: request({ maxTypes: 0 }) })).toThrow('design.maxTypes: expected a whole number of shift types from 1 to 50, got 0');
    expect(() => runUploadTask({ kind: 'plan', text: request({ types: 3 }) })).toThrow('design.types: unknown field; expected maxTypes');
    expect(() => runUploadTask({ kind: 'plan', text: request('yes') })).toThrow('expected design: {"maxTypes": 5} or {}');
  });
});
