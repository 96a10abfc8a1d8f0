/** The web page's holiday upload: the CLI's holiday reader behind POST /api/holidays. */
import { startServer, type RunningServer } from '../../src/web/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, maxUploadBytes: 64 * 1024 });
});
afterAll(() => server.close());

test('returns the rows as calendar.holidays entries', async () => {
  const res = await fetch(`${server.url}api/holidays?file=us.csv`, { method: 'POST', body: 'date,name,kind\n2026-07-03,Independence Day,closed\n2026-11-26,Thanksgiving Day,\n' });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    holidays: [
      { date: '2026-07-03', name: 'Independence Day', kind: 'closed' },
      { date: '2026-11-26', name: 'Thanksgiving Day', kind: 'holiday' },
    ],
  });
});

test('answers a bad row with the located message the CLI gives', async () => {
  const res = await fetch(`${server.url}api/holidays?file=us.csv`, { method: 'POST', body: 'date,name\n2026-07-32,x\n' });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: { code: 'input', field: 'config', message: 'us.csv:2:1: date "2026-07-32"; expected a real date YYYY-MM-DD', where: { file: 'us.csv', line: 2, column: 1 } } });
});
