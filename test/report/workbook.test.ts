/**
 * roster.xlsx read back with exceljs: the sheets a manager expects, each
 * vendor's sheet holding only its seats, the grid's frozen name column and
 * labelled totals, titles in the chosen language, and the same bytes on a
 * second write. Also the plan folder's BOM on the CSVs meant for Excel.
 */
import ExcelJS from 'exceljs';
import { planFolderFiles } from '../../src/io/plan-folder';
import { buildReportModel, renderReportHtml, renderSummaryMarkdown } from '../../src/report';
import { fixZipTimes, sheetName, workbookBytes, type WorkbookInput } from '../../src/report/workbook';
import { smallDemand, smallPlan, type SmallPlan } from './planFixture';

let p: SmallPlan;
let requirement: ReturnType<typeof smallDemand>['requirement'];

beforeAll(async () => {
  p = await smallPlan('2026-11-10', '2026-11-12', 7);
  requirement = smallDemand('2026-11-10', '2026-11-12', 7).requirement;
}, 60_000);

function input(lang: 'en' | 'zh'): WorkbookInput {
  const model = buildReportModel({ lang, config: p.config, lines: p.plan.lines, coverage: p.plan.coverage, summary: p.plan.summary, demand: p.demand, roster: p.roster });
  return { model, config: p.config, lines: p.plan.lines, coverage: p.plan.coverage, serviceLevels: p.plan.coverage.map(() => 0.9), summary: p.plan.summary, roster: p.roster };
}

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const values = (row: ExcelJS.Row): unknown[] => (row.values as unknown[]).slice(1);

/** Every zip entry's DOS time and date, from the central directory. */
function zipTimes(zip: Buffer): Array<[number, number]> {
  let eocd = zip.length - 22;
  while (zip.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  const out: Array<[number, number]> = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    out.push([zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14)]);
    const local = zip.readUInt32LE(at + 42);
    out.push([zip.readUInt16LE(local + 10), zip.readUInt16LE(local + 12)]);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('roster.xlsx', () => {
  let bytes: Buffer;
  let wb: ExcelJS.Workbook;
  const usedVendors = (): string[] => p.config.pools.filter((x) => x.kind === 'vendor' && p.plan.summary.pools[x.name]?.used).map((x) => x.name);

  beforeAll(async () => {
    bytes = await workbookBytes(input('en'));
    wb = await read(bytes);
  });

  it('has Summary, Roster grid, one sheet per vendor used, Shifts and Coverage', () => {
    expect(usedVendors().length).toBeGreaterThan(0);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Roster grid', ...usedVendors(), 'Shifts', 'Coverage']);
  });

  it('Summary holds the key figures and the cost by pool, adding up to the total cost', () => {
    const rows = wb.getWorksheet('Summary')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Staffing plan 2026-11-10 .. 2026-11-12']);
    expect(rows).toContainEqual(['Horizon', '2026-11-10 .. 2026-11-12 (3 days)']);
    const header = rows.findIndex((r) => r[0] === 'Pool');
    const pools = rows.slice(header + 1, header + 1 + Object.keys(p.plan.summary.pools).length);
    expect(pools.map((r) => r[0])).toEqual(Object.keys(p.plan.summary.pools));
    expect(pools.map((r) => r[2])).toEqual(Object.values(p.plan.summary.pools).map((x) => x.cost));
    expect(pools.find((r) => r[0] === 'vendor-b')?.[1]).toBe('vendor, per seat-shift');
    const total = rows[header + 1 + pools.length] as unknown[];
    expect(total[0]).toBe('Total');
    expect(total[2] as number).toBeCloseTo(p.plan.summary.totalCost, 6);
  });

  it('Roster grid: one row per person, one column per date, name column frozen, codes coloured, totals labelled', () => {
    const sheet = wb.getWorksheet('Roster grid')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    expect(values(sheet.getRow(1))).toEqual(['Agent ID', 'Name', 'Pool', ...p.roster.dates, 'Days', 'Nights']);
    const people = p.roster.people.length;
    const codes = [...new Set(p.config.shifts.map((s) => s.code))];
    const fills = new Map<string, string>();
    for (let r = 2; r <= people + 1; r++) {
      const row = sheet.getRow(r);
      expect(row.getCell(1).value).toBe(p.roster.people[r - 2]!.id);
      p.roster.dates.forEach((_, i) => {
        const cell = row.getCell(4 + i);
        const argb = ((cell.fill as ExcelJS.FillPattern).fgColor as { argb: string }).argb;
        const seen = fills.get(String(cell.value));
        if (seen === undefined) fills.set(String(cell.value), argb);
        else expect(argb).toBe(seen);
      });
    }
    // One colour per code seen, and OFF apart from all of them.
    expect(new Set(fills.values()).size).toBe(fills.size);
    expect(fills.has('OFF')).toBe(true);
    const labels = Array.from({ length: sheet.rowCount - people - 1 }, (_, i) => sheet.getRow(people + 2 + i).getCell(1).value);
    expect(labels).toEqual([...codes.map((c) => `TOTAL ${c}`), ...(p.roster.assignments.some((a) => a.personId === 'UNFILLED') ? ['UNFILLED'] : []), 'TOTAL']);
    const total = values(sheet.getRow(sheet.rowCount));
    p.roster.dates.forEach((d, i) => expect(total[3 + i]).toBe(p.roster.assignments.filter((a) => a.date === d).length));
    expect(sheet.getRow(sheet.rowCount).font?.bold).toBe(true);
  });

  it('each vendor sheet holds that vendor\'s seats only, and its total is the vendor\'s cost', () => {
    for (const vendor of usedVendors()) {
      const sheet = wb.getWorksheet(vendor)!;
      const rows = sheet.getSheetValues().slice(2).filter(Boolean).map((r) => (r as unknown[]).slice(1));
      const seatRows = rows.filter((r) => r[1] !== '');
      const own = p.roster.assignments.filter((a) => a.pool === vendor);
      expect(seatRows.map((r) => r[1])).toEqual(own.map((a) => a.personId));
      const last = rows[rows.length - 1] as unknown[];
      expect(last[2]).toBe('total');
      expect(last[6] as number).toBeCloseTo(p.plan.summary.pools[vendor]!.cost, 2);
    }
  });

  it('Shifts and Coverage carry one row per plan line and per coverage row, as numbers', () => {
    const shifts = wb.getWorksheet('Shifts')!;
    expect(shifts.rowCount).toBe(p.plan.lines.length + 1);
    expect(shifts.getRow(2).getCell(7).value).toBe(p.plan.lines[0]!.agents);
    const coverage = wb.getWorksheet('Coverage')!;
    expect(coverage.rowCount).toBe(p.plan.coverage.length + 1);
    expect(values(coverage.getRow(1))).toEqual(['Hour', 'Queue', 'Required', 'Scheduled', 'Short', 'Surplus', 'Service level']);
  });

  it('is the same bytes on a second write, with fixed document dates and zip times', async () => {
    expect((await workbookBytes(input('en'))).equals(bytes)).toBe(true);
    expect(wb.created.toISOString()).toBe('2026-11-10T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2026-11-10T00:00:00.000Z');
    const times = zipTimes(bytes);
    expect(times.length).toBeGreaterThan(10);
    // 1980-01-01 00:00 in MS-DOS form: time 0, date (0 << 9) | (1 << 5) | 1.
    expect(new Set(times.map(([t, d]) => `${t}/${d}`))).toEqual(new Set(['0/33']));
  });

  it('titles follow the language: Chinese sheet and column names', async () => {
    const zh = await read(await workbookBytes(input('zh')));
    expect(zh.worksheets.map((s) => s.name)).toEqual(['汇总', '排班表', ...usedVendors(), '班次', '覆盖']);
    expect(values(zh.getWorksheet('排班表')!.getRow(1)).slice(0, 3)).toEqual(['工号', '姓名', '人员池']);
    expect(values(zh.getWorksheet('覆盖')!.getRow(1))).toEqual(['时间', '队列', '需求', '已排', '缺口', '富余', '服务水平']);
    expect(zh.getWorksheet('汇总')!.getRow(1).getCell(1).value).toBe('排班计划 2026-11-10 .. 2026-11-12');
  });
});

describe('sheet names', () => {
  it('are made acceptable to Excel and unique', () => {
    expect(sheetName('a/b:c*d?[e]\\f', new Set())).toBe('a_b_c_d__e__f');
    expect(sheetName('x'.repeat(40), new Set())).toBe('x'.repeat(31));
    expect(sheetName('summary', new Set(['Summary']))).toBe('summary (2)');
    expect(sheetName('Summary', new Set(['Summary', 'Summary (2)']))).toBe('Summary (3)');
    expect(sheetName("'", new Set())).toBe('Sheet');
  });
});

describe('fixZipTimes', () => {
  it('refuses what is not a zip', () => {
    expect(() => fixZipTimes(Buffer.from('not a zip at all, just some text here'))).toThrow('not a zip file: no end of central directory');
  });
});

describe('plan folder', () => {
  async function folder(bom?: boolean): Promise<Map<string, string | Buffer>> {
    const service = { levels: p.plan.coverage.map(() => null), lowest: null, lowestAt: null, abandonRate: null };
    return planFolderFiles({ config: p.config, demand: p.demand, requirement, plan: p.plan, service, summary: {}, roster: p.roster, ...(bom === undefined ? {} : { bom }) });
  }

  it('holds roster.xlsx, and a BOM on exactly roster.csv, roster-grid.csv and vendors/*.csv', async () => {
    const files = await folder();
    expect(Buffer.isBuffer(files.get('roster.xlsx'))).toBe(true);
    const withBom = [...files].filter(([, body]) => typeof body === 'string' && body.startsWith('\ufeff')).map(([name]) => name).sort();
    const vendorCsvs = [...files.keys()].filter((n) => n.startsWith('vendors/')).sort();
    expect(vendorCsvs.length).toBeGreaterThan(0);
    expect(withBom).toEqual(['roster-grid.csv', 'roster.csv', ...vendorCsvs].sort());
  });

  it('leaves the BOM out when asked', async () => {
    const files = await folder(false);
    expect([...files.values()].filter((body) => typeof body === 'string' && body.startsWith('\ufeff'))).toEqual([]);
  });
});

describe('Chinese report', () => {
  it('report.html and summary.md speak Chinese: headings, figures, columns; CSV stays English', async () => {
    const model = input('zh').model;
    const html = renderReportHtml(model);
    const md = renderSummaryMarkdown(model);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>排班计划 2026-11-10 .. 2026-11-12</h1>');
    for (const heading of ['关键指标', '需求与覆盖', '成本', '各班次每日人数', '排班表']) expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('<td>规划期</td><td>2026-11-10 .. 2026-11-12（3 天）</td>');
    expect(html).toContain('<td>vendor-b</td><td>外包，按席位班次</td>');
    expect(md.split('\n').slice(0, 5)).toEqual(['# 排班计划 2026-11-10 .. 2026-11-12', '', '## 关键指标', '', '| 指标 | 数值 |']);
    for (const english of ['Key figures', 'Cost by pool', 'Total cost', 'Horizon', 'Shortfall']) {
      expect(html).not.toContain(english);
      expect(md).not.toContain(english);
    }
    const service = { levels: p.plan.coverage.map(() => null), lowest: null, lowestAt: null, abandonRate: null };
    const files = await planFolderFiles({ lang: 'zh', config: p.config, demand: p.demand, requirement, plan: p.plan, service, summary: {}, roster: p.roster, bom: false });
    expect((files.get('roster.csv') as string).split('\n')[0]).toBe('date,agent_id,agent_name,pool,shift,start,end,breaks,overtime_hours');
    expect(files.get('summary.md')).toContain('| 最低小时服务水平 | 无 |');
    expect(files.get('summary.md')).toContain('## 关键指标');
  });
});
