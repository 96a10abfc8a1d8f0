/**
 * Bad input for capacity planning: the capacity config section, the agents
 * file's `hired` column. One line each, naming where and what was expected.
 */
import { capacityOf, parseConfig } from '../../src/config';
import { ConfigError, InputError } from '../../src/domain';
import { formatAgentsCsv, parseAgents } from '../../src/io';

const pools = [
  { name: 'in-house', kind: 'inhouse', headcount: 5 },
  { name: 'vendor-a', kind: 'vendor', pricing: { model: 'perHour', rate: 30 } },
];

/** The message of the ConfigError parsing `json` throws. */
const configError = (json: unknown): string => {
  const error = ((): unknown => {
    try {
      return parseConfig(json, 'c.json');
    } catch (caught) {
      return caught;
    }
  })();
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
};

describe('capacity config section', () => {
  it('has a documented default for every field', () => {
    const cap = capacityOf(parseConfig({}));
    expect(cap).toEqual({
      quantile: 'p90',
      hoursPerWeek: 40,
      shiftEfficiency: 0.7,
      recruitingLeadWeeks: 3,
      trainingWeeks: 4,
      classSize: { min: 5, max: 30 },
      classStartWeekdays: ['mon'],
      costPerHire: 1500,
      recruitingYield: 0.6,
      ramp: [
        { weeks: 4, ahtMultiplier: 2 },
        { weeks: 4, ahtMultiplier: 1.33 },
        { weeks: 4, ahtMultiplier: 1.1 },
      ],
      attrition: { tempPerWeek: 0.03, permanentPerWeek: 0.005 },
      temps: { contractWeeks: 26, releaseNoticeWeeks: 1 },
      vendors: [],
    });
    expect(parseConfig({}).capacity).toBeUndefined();
  });

  it.each([
    [{ capacity: { classSize: { min: 8, max: 4 } } }, 'config capacity.classSize.min: expected at most classSize.max (4), got 8 (in c.json)'],
    [{ capacity: { pool: 'vendor-a' } }, 'config capacity.pool: expected an in-house pool (in-house), got "vendor-a" (in c.json)'],
    [{ capacity: { vendors: [{ name: 'in-house' }] } }, 'config capacity.vendors[0].name: expected a vendor pool (vendor-a), got "in-house" (in c.json)'],
    [{ capacity: { vendors: [{ name: 'vendor-a' }, { name: 'vendor-a' }] } }, 'config capacity.vendors[1].name: expected each vendor once, got "vendor-a" twice (in c.json)'],
    [{ capacity: { trainingWeeks: 8, temps: { contractWeeks: 8 } } }, 'config capacity.temps.contractWeeks: expected more weeks than trainingWeeks (8): a temp must work after training, got 8 (in c.json)'],
    [{ capacity: { classStartWeekdays: ['mon', 'mon'] } }, 'config capacity.classStartWeekdays[1]: expected each weekday once, got "mon" twice (in c.json)'],
    [{ capacity: { classStartWeekdays: ['monday'] } }, 'config capacity.classStartWeekdays[0]: expected one of mon, tue, wed, thu, fri, sat, sun, got "monday" (in c.json)'],
    [{ capacity: { recruitingYield: 0 } }, 'config capacity.recruitingYield: expected a yield above 0 and at most 1, got 0 (in c.json)'],
    [{ capacity: { ramp: [{ weeks: 2, ahtMultiplier: 0.5 }] } }, 'config capacity.ramp[0].ahtMultiplier: expected an AHT multiplier from 1 to 10, got 0.5 (in c.json)'],
    [{ capacity: { attrition: { tempPerWeek: 1.5 } } }, 'config capacity.attrition.tempPerWeek: expected a number from 0 to 1, got 1.5 (in c.json)'],
    [{ capacity: { hiring: 3 } }, 'config capacity.hiring: unknown field; expected one of the documented fields (see docs/formats.md, Config reference) (in c.json)'],
  ])('%j is refused with one line', (capacity, message) => {
    expect(configError({ pools, ...capacity })).toBe(message);
  });

  it('needs an in-house pool to hire into', () => {
    expect(configError({ pools: [pools[1]], outsourcing: { max: 1 }, capacity: {} })).toBe('config capacity: expected an in-house pool for the hires to join, but every pool is a vendor; got a capacity section (in c.json)');
  });
});

describe('agents file hired column', () => {
  const config = parseConfig({ pools });

  it('reads an optional hire date and writes it back', () => {
    const agents = parseAgents('agent_id,name,pool,hired\nA1,Ann,in-house,2026-08-24\nA2,Bo,in-house,\n', 'a.csv', config);
    expect(agents.map((a) => a.hired)).toEqual(['2026-08-24', undefined]);
    expect(formatAgentsCsv(agents)).toBe('agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable,hired\nA1,Ann,in-house,,false,5,,2026-08-24\nA2,Bo,in-house,,false,5,,\n');
    // Without hire dates the file keeps its seven columns.
    expect(formatAgentsCsv(parseAgents('agent_id,name,pool\nA1,Ann,in-house\n', 'a.csv', config)).split('\n')[0]).toBe('agent_id,name,pool,shifts,night_ok,max_days_per_week,unavailable');
  });

  it('refuses a date that is not one, at its line and column', () => {
    expect(() => parseAgents('agent_id,name,pool,hired\nA1,Ann,in-house,2026-02-30\n', 'a.csv', config)).toThrow(
      new InputError({ file: 'a.csv', line: 2, column: 4 }, 'hired "2026-02-30"', 'a real date YYYY-MM-DD (the first day of employment) or an empty cell'),
    );
  });
});
