/** The requirements CSV: writer, reader and their located errors. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Requirement } from '../../src/domain';
import { formatRequirementsCsv, parseRequirementsCsv, readRequirementsCsv } from '../../src/io';

const requirement: Requirement = {
  timezone: 'Asia/Shanghai',
  startHour: '2026-06-18T23:00',
  hours: 2,
  queues: [
    {
      name: 'presales',
      cells: [
        { inquiries: 200, agents: 14, scheduled: 20, serviceLevel: 0.8883500191794669, asaSeconds: 7.83593701177724, occupancy: 0.7142857142857143, abandonRate: null, floorAgents: 12 },
        { inquiries: 0, agents: 0, scheduled: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, abandonRate: null, floorAgents: 0 },
      ],
    },
    {
      name: 'aftersales',
      cells: [
        { inquiries: 100, agents: 5, scheduled: 7.142857142857143, serviceLevel: 0.95, asaSeconds: 2.5, occupancy: 0.6, abandonRate: 0.02, floorAgents: 4 },
        { inquiries: 10, agents: 1, scheduled: 1.4285714285714286, serviceLevel: 0.99, asaSeconds: 0.5, occupancy: 0.2, abandonRate: 0.001, floorAgents: 1 },
      ],
    },
  ],
};

const CSV = [
  'timestamp,queue,inquiries,agents,scheduled,service_level,asa_seconds,occupancy,abandon_rate,floor_agents',
  '2026-06-18T23:00,presales,200.00,14,20.00,0.8884,7.84,0.7143,,12',
  '2026-06-18T23:00,aftersales,100.00,5,7.14,0.9500,2.50,0.6000,0.0200,4',
  // SL and ASA weighted by inquiries, occupancy by agents, abandon by inquiries; floors summed.
  '2026-06-18T23:00,all,300.00,19,27.14,0.9089,6.06,0.6842,0.0067,16',
  '2026-06-19T00:00,presales,0.00,0,0.00,1.0000,0.00,0.0000,,0',
  '2026-06-19T00:00,aftersales,10.00,1,1.43,0.9900,0.50,0.2000,0.0010,1',
  '2026-06-19T00:00,all,10.00,1,1.43,0.9900,0.50,0.2000,0.0010,1',
  '',
].join('\n');

describe('requirements CSV', () => {
  it('writes one row per queue and hour plus the `all` total', () => {
    expect(formatRequirementsCsv(requirement)).toBe(CSV);
  });

  it('reads back what it wrote (to the written precision), skipping `all` rows', () => {
    const back = parseRequirementsCsv(CSV, 'r.csv', 'Asia/Shanghai');
    expect(back.startHour).toBe('2026-06-18T23:00');
    expect(back.hours).toBe(2);
    expect(back.queues.map((q) => q.name)).toEqual(['presales', 'aftersales']);
    expect(back.queues[0]!.cells[0]).toEqual({ inquiries: 200, agents: 14, scheduled: 20, serviceLevel: 0.8884, asaSeconds: 7.84, occupancy: 0.7143, abandonRate: null, floorAgents: 12 });
    expect(back.queues[1]!.cells[1]!.abandonRate).toBe(0.001);
    expect(formatRequirementsCsv(back)).toBe(CSV);
  });

  it('reads a file without floor_agents (the DESIGN.md columns only): the planner sizes the floor itself', () => {
    const old = CSV.split('\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');
    const back = parseRequirementsCsv(old, 'r.csv', 'Asia/Shanghai');
    expect(back.queues[0]!.cells[0]!.floorAgents).toBeUndefined();
    expect(back.queues[0]!.cells[0]!.agents).toBe(14);
  });

  it('refuses a floor above the row\'s agents, naming line and column', () => {
    const bad = CSV.replace('0.7143,,12', '0.7143,,15');
    expect(() => parseRequirementsCsv(bad, 'r.csv', 'Asia/Shanghai')).toThrow('r.csv:2:10: floor_agents "15"; expected a number from 0 to the row\'s agents (14), or empty');
  });

  it('reads a file with a BOM and CRLF line ends', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peakshift-req-'));
    const file = path.join(dir, 'r.csv');
    fs.writeFileSync(file, `\ufeff${CSV.replace(/\n/g, '\r\n')}`);
    expect(readRequirementsCsv(file, 'Asia/Shanghai').queues[0]!.cells[0]!.agents).toBe(14);
  });

  // The DESIGN.md columns only (floor_agents is optional).
  const header = (CSV.split('\n')[0] as string).replace(',floor_agents', '');
  const bad: Array<[string, string, string]> = [
    ['a missing column', 'timestamp,queue,inquiries,agents,scheduled,service_level,asa_seconds,occupancy\n2026-06-18T23:00,a,1,1,1,1,0,0\n',
      'r.csv:1:1: header "timestamp,queue,inquiries,agents,sche..." without column abandon_rate; expected a requirements CSV header timestamp,queue,inquiries,agents,scheduled,service_level,asa_seconds,occupancy,abandon_rate'],
    ['no rows', `${header}\n`, 'r.csv:2:1: no data rows; expected at least one requirements row'],
    ['a bad timestamp', `${header}\n2026-06-18 23:00,a,1,1,1,1,0,0,\n`, 'r.csv:2:1: timestamp "2026-06-18 23:00"; expected an hour like 2026-06-18T10:00'],
    ['an empty queue', `${header}\n2026-06-18T23:00,,1,1,1,1,0,0,\n`, 'r.csv:2:2: an empty queue; expected a queue name'],
    ['negative agents', `${header}\n2026-06-18T23:00,a,1,-2,1,1,0,0,\n`, 'r.csv:2:4: agents "-2"; expected a number of agents from 0 to 100,000'],
    ['a service level above 1', `${header}\n2026-06-18T23:00,a,1,1,1,1.5,0,0,\n`, 'r.csv:2:6: service_level "1.5"; expected a share from 0 to 1'],
    ['a word for occupancy', `${header}\n2026-06-18T23:00,a,1,1,1,1,0,busy,\n`, 'r.csv:2:8: occupancy "busy"; expected a share from 0 to 1'],
    ['a bad abandon rate', `${header}\n2026-06-18T23:00,a,1,1,1,1,0,0,2\n`, 'r.csv:2:9: abandon_rate "2"; expected a share from 0 to 1, or empty for Erlang C'],
    ['a repeated hour', `${header}\n2026-06-18T23:00,a,1,1,1,1,0,0,\n2026-06-18T23:00,a,1,1,1,1,0,0,\n`, 'r.csv:3:1: timestamp 2026-06-18T23:00 for queue "a" again; expected one row per hour and queue'],
    ['a gap', `${header}\n2026-06-18T22:00,a,1,1,1,1,0,0,\n2026-06-18T23:00,b,1,1,1,1,0,0,\n`, 'r.csv: no row for 2026-06-18T23:00 in queue "a"; expected one row per hour for every queue, without gaps'],
    ['only totals', `${header}\n2026-06-18T23:00,all,1,1,1,1,0,0,\n`, 'r.csv:2: only rows with queue "all"; expected at least one row per queue (the "all" rows are totals)'],
  ];
  it.each(bad)('rejects %s with a located message', (_what, text, message) => {
    expect(() => parseRequirementsCsv(text, 'r.csv', 'Asia/Shanghai')).toThrow(message);
  });

  it('names a missing file', () => {
    expect(() => readRequirementsCsv('/nonexistent/req.csv', 'Asia/Shanghai')).toThrow('/nonexistent/req.csv: no such file; expected a readable requirements CSV');
  });
});
