import { parseConfig } from '../../src/config';
import { InputError } from '../../src/domain';
import { tr } from '../../src/domain/i18n';
import { agentPools, parseAgents, parseUnavailable } from '../../src/io/agents';

const config = parseConfig({
  pools: [
    { name: 'in-house', kind: 'inhouse', headcount: 10, hourlyCost: 30, maxDaysPerWeek: 5 },
    { name: 'day-team', kind: 'inhouse', headcount: 5, hourlyCost: 30, shifts: ['day', 'middle'] },
    { name: 'vendor-a', kind: 'vendor', pricing: { model: 'perHour', rate: 30 } },
  ],
});

const HEADER = 'agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable';

function errorOf(text: string): string {
  try {
    parseAgents(text, 'agents.csv', config);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseAgents', () => {
  it('reads every column, with defaults for empty cells', () => {
    const agents = parseAgents(
      `${HEADER}\nA001,Li Wei,in-house,day;night,yes,6,2026-11-03..2026-11-05;2026-11-09\nA002,Wang Fang,day-team,,,,\n`,
      'agents.csv',
      config,
    );
    expect(agents).toEqual([
      { id: 'A001', name: 'Li Wei', pool: 'in-house', shifts: ['day', 'night'], nightOk: true, maxDaysPerWeek: 6, unavailable: ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-09'] },
      { id: 'A002', name: 'Wang Fang', pool: 'day-team', shifts: null, nightOk: false, maxDaysPerWeek: 5, unavailable: [] },
    ]);
  });

  it('accepts columns in any order, any case, optional columns absent, a BOM and CRLF', () => {
    const agents = parseAgents('\ufeffPool,Name,Agent_ID\r\nin-house,Zhao Lei,A9\r\n', 'agents.csv', config);
    expect(agents).toEqual([{ id: 'A9', name: 'Zhao Lei', pool: 'in-house', shifts: null, nightOk: false, maxDaysPerWeek: 5, unavailable: [] }]);
  });

  it('accepts every spelling of night_ok', () => {
    const words = ['true', 'FALSE', 'Yes', 'no', '1', '0'];
    const text = [HEADER, ...words.map((w, i) => `A${i},N${i},in-house,,${w},,`)].join('\n');
    expect(parseAgents(text, 'agents.csv', config).map((a) => a.nightOk)).toEqual([true, false, true, false, true, false]);
  });

  it('counts lines past blank lines', () => {
    expect(errorOf(`${HEADER}\n\nA1,Li,in-house,,maybe,,\n`)).toBe('agents.csv:3:5: night_ok "maybe"; expected true/false, yes/no, 是/否 or 1/0');
  });

  describe('located errors', () => {
    const row = (cells: string) => errorOf(`${HEADER}\nA0,Ok,in-house,,,,\n${cells}\n`);
    it.each([
      ['A1,Li,vendor-x,,,,', 'agents.csv:3:3: unknown pool "vendor-x"; expected an in-house pool from the config: in-house, day-team'],
      ['A1,Li,vendor-a,,,,', 'agents.csv:3:3: vendor pool "vendor-a" (vendor seats are generated, not listed); expected an in-house pool from the config: in-house, day-team'],
      ['A1,Li,,,,,', 'agents.csv:3:3: an empty pool; expected an in-house pool from the config: in-house, day-team'],
      ['A1,Li,in-house,day;evening,,,', 'agents.csv:3:4: shift "evening"; expected shift names from the config separated by ; (day, middle, night)'],
      ['A1,Li,day-team,night,,,', 'agents.csv:3:4: shift "night", which pool "day-team" does not work; expected shifts of that pool (day, middle)'],
      ['A1,Li,in-house,,maybe,,', 'agents.csv:3:5: night_ok "maybe"; expected true/false, yes/no, 是/否 or 1/0'],
      ['A1,Li,in-house,,,0,', 'agents.csv:3:6: max_days_per_week "0"; expected a whole number of days from 1 to 7'],
      ['A1,Li,in-house,,,8,', 'agents.csv:3:6: max_days_per_week "8"; expected a whole number of days from 1 to 7'],
      ['A1,Li,in-house,,,4.5,', 'agents.csv:3:6: max_days_per_week "4.5"; expected a whole number of days from 1 to 7'],
      ['A1,Li,in-house,,,,2026-11-31', 'agents.csv:3:7: unavailable date "2026-11-31"; expected a real date YYYY-MM-DD (ranges as 2026-11-03..2026-11-05, items separated by ;)'],
      ['A1,Li,in-house,,,,2026-11-03..11-05', 'agents.csv:3:7: unavailable date "11-05"; expected a real date YYYY-MM-DD (ranges as 2026-11-03..2026-11-05, items separated by ;)'],
      ['A1,Li,in-house,,,,2026-11-05..2026-11-03', 'agents.csv:3:7: unavailable range "2026-11-05..2026-11-03" ending before it starts; expected a range whose end is on or after its start'],
      ['A1,Li,in-house,,,,2026-11-01..2026-11-02..2026-11-03', 'agents.csv:3:7: unavailable item "2026-11-01..2026-11-02..2026-11-03"; expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD'],
      ['A1,Li,in-house,,,,2026-01-01..2027-06-01', 'agents.csv:3:7: unavailable range "2026-01-01..2027-06-01" of 517 days; expected a range of at most 366 days'],
      ['A0,Li,in-house,,,,', 'agents.csv:3:1: agent_id "A0" again (first on line 2); expected a unique agent_id per row'],
      [',Li,in-house,,,,', "agents.csv:3:1: an empty agent_id; expected an id of letters, digits, '-', '_' or '.' (not UNFILLED)"],
      ['UNFILLED,Li,in-house,,,,', "agents.csv:3:1: agent_id \"UNFILLED\"; expected an id of letters, digits, '-', '_' or '.' (not UNFILLED)"],
      ['A1,,in-house,,,,', "agents.csv:3:2: an empty name; expected the agent's name"],
      ['A1,Li,in-house,,', 'agents.csv:3:1: 5 fields; expected the same number of fields as the header'],
    ])('%s', (cells, message) => {
      expect(row(cells)).toBe(message);
    });

    it('names a missing required column', () => {
      expect(errorOf('agent_id,name,shifts\nA1,Li,day\n')).toBe(
        'agents.csv:1:1: header "agent_id,name,shifts" without a pool column; expected a header with agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable (agent_id, name and pool required; 工号, 姓名, 人员池 as roster.xlsx writes them work too)',
      );
    });
    it('rejects a repeated column', () => {
      expect(errorOf('agent_id,name,pool,pool\nA1,Li,in-house,in-house\n')).toBe('agents.csv:1:4: a second pool column; expected one pool column');
    });
    it('rejects an empty file and a header without rows', () => {
      expect(errorOf('  \n')).toBe(`agents.csv:1:1: an empty file; expected a header row ${HEADER}`);
      expect(errorOf(`${HEADER}\n`)).toBe('agents.csv:2:1: no agent rows; expected at least one agent after the header');
    });
  });
});

describe('parseUnavailable', () => {
  it('merges overlapping items into sorted unique dates', () => {
    expect(parseUnavailable(' 2026-11-05 ; 2026-11-03..2026-11-05;;2026-10-31..2026-11-01', { file: 'f', line: 2, column: 7 })).toEqual([
      '2026-10-31', '2026-11-01', '2026-11-03', '2026-11-04', '2026-11-05',
    ]);
  });
});

describe('the headers roster.xlsx writes, and Chinese ones', () => {
  const zhConfig = parseConfig({ pools: [{ name: '自有客服', kind: 'inhouse', headcount: 3, hourlyCost: 30 }] });

  it('reads 工号,姓名,人员池 with the roster grid\'s date and total columns beside them', () => {
    // The roster grid of roster.xlsx saved as CSV: 工号, 姓名, 人员池, one column per date, 出勤天数, 夜班数.
    const grid = `${tr('zh', 'colAgentId')},${tr('zh', 'colName')},${tr('zh', 'colPool')},2026-12-14,2026-12-15,${tr('zh', 'colDays')},${tr('zh', 'colNights')}\nKF01,陈晓,自有客服,A,休,1,0\nKF02,林静,自有客服,休,B,1,0\n`;
    expect(parseAgents(grid, 'roster.csv', zhConfig)).toEqual([
      { id: 'KF01', name: '陈晓', pool: '自有客服', shifts: null, nightOk: false, maxDaysPerWeek: 5, unavailable: [] },
      { id: 'KF02', name: '林静', pool: '自有客服', shifts: null, nightOk: false, maxDaysPerWeek: 5, unavailable: [] },
    ]);
  });

  it('reads the English titles of the workbook too', () => {
    const agents = parseAgents(`${tr('en', 'colAgentId')},${tr('en', 'colName')},${tr('en', 'colPool')}\nA1,Li,in-house\n`, 'agents.csv', config);
    expect(agents.map((a) => a.id)).toEqual(['A1']);
  });

  it('reads 可上夜班 as 是/否, 每周最多天数 and 请假日期', () => {
    const agents = parseAgents('工号,姓名,人员池,可上夜班,每周最多天数,请假日期\nKF01,陈晓,自有客服,是,6,2026-12-18\nKF02,林静,自有客服,否,,\n', 'agents.csv', zhConfig);
    expect(agents.map((a) => [a.id, a.nightOk, a.maxDaysPerWeek, a.unavailable])).toEqual([
      ['KF01', true, 6, ['2026-12-18']],
      ['KF02', false, 5, []],
    ]);
    expect(() => parseAgents('工号,姓名,人员池,可上夜班\nKF01,陈晓,自有客服,也许\n', 'agents.csv', zhConfig)).toThrow('agents.csv:2:4: night_ok "也许"; expected true/false, yes/no, 是/否 or 1/0');
  });

  it('names the Chinese headers when a required column is missing', () => {
    expect(() => parseAgents('工号,姓名\nKF01,陈晓\n', 'agents.csv', zhConfig)).toThrow(
      'agents.csv:1:1: header "工号,姓名" without a pool column; expected a header with agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable (agent_id, name and pool required; 工号, 姓名, 人员池 as roster.xlsx writes them work too)',
    );
  });

  it('counts the agents of each pool for init', () => {
    expect(agentPools('工号,姓名,人员池,可上夜班\nKF01,陈晓,自有客服,是\nKF02,林静,自有客服,否\nKF03,王磊,夜班组,是\n', 'agents.csv')).toEqual([
      { pool: '自有客服', agents: 2, nightOk: 1 },
      { pool: '夜班组', agents: 1, nightOk: 1 },
    ]);
    expect(() => agentPools('工号,姓名,人员池\nKF01,陈晓,\n', 'agents.csv')).toThrow('agents.csv:2:3: an empty pool; expected the name of the pool the agent belongs to');
  });
});

describe('every bad row of an agents file in one run', () => {
  it('lists each row\'s problem, located, then the count', () => {
    const text = `${HEADER}\nA1,Li,in-house,,,,\nA2,Wang,in-house,,maybe,,\nA1,Zhao,in-house,,,,\nA4,Sun,nowhere,,,,\n`;
    expect(errorOf(text).split('\nerror: ')).toEqual([
      'agents.csv:3:5: night_ok "maybe"; expected true/false, yes/no, 是/否 or 1/0',
      'agents.csv:4:1: agent_id "A1" again (first on line 2); expected a unique agent_id per row',
      'agents.csv:5:3: unknown pool "nowhere"; expected an in-house pool from the config: in-house, day-team',
      'agents.csv: 3 problems listed above; fix them and run again',
    ]);
  });
});
