/**
 * roster.xlsx read back with exceljs: the sheets a manager expects, each
 * vendor's sheet holding only its seats, the grid's frozen name column and
 * labelled totals, titles in the chosen language, and the same bytes on a
 * second write. Also the plan folder's BOM on the CSVs meant for Excel.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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
  return { model, config: { ...p.config, shop: '&Co. Shop' }, lines: p.plan.lines, coverage: p.plan.coverage, serviceLevels: p.plan.coverage.map(() => 0.9), summary: p.plan.summary, roster: p.roster };
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
  let zip: JSZip;
  const usedVendors = (): string[] => p.config.pools.filter((x) => x.kind === 'vendor' && p.plan.summary.pools[x.name]?.used).map((x) => x.name);
  // The fixture's event day: its demand marks the second date `promo`.
  const EVENT_DAY = '2026-11-11';

  beforeAll(async () => {
    bytes = await workbookBytes(input('en'));
    wb = await read(bytes);
    zip = await JSZip.loadAsync(bytes);
  });

  it('has Summary, Roster grid, one sheet per vendor used, one intraday sheet per event day, Shifts and Coverage', () => {
    expect(usedVendors().length).toBeGreaterThan(0);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Roster grid', ...usedVendors(), 'Intraday 11-11', 'Shifts', 'Coverage']);
  });

  it('prints every sheet landscape on A4, one page wide, with its header rows (and name columns) repeated and a header and footer', async () => {
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const titles = [...workbookXml.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => [wb.worksheets[Number(m[1])]!.name, m[2]!.replace(/&apos;/g, "'")]);
    expect(titles).toEqual([
      ['Roster grid', "'Roster grid'!$A:$B,'Roster grid'!$1:$2"],
      ...usedVendors().map((v) => [v, `'${v}'!$1:$1`]),
      ['Intraday 11-11', "'Intraday 11-11'!$A:$B,'Intraday 11-11'!$1:$1"],
      ['Shifts', "'Shifts'!$1:$1"],
      ['Coverage', "'Coverage'!$1:$1"],
    ]);
    for (const sheet of wb.worksheets) {
      expect([sheet.name, sheet.pageSetup]).toEqual([sheet.name, expect.objectContaining({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 })]);
      expect([sheet.name, sheet.headerFooter]).toEqual([sheet.name, { oddHeader: '&L&&Co. Shop&C&BStaffing plan 2026-11-10 .. 2026-11-12&R&A', oddFooter: '&Lpeakshift&RPage &P of &N' }]);
    }
    // What Excel reads: fitToPage in the sheet properties, fitToHeight="0" in the page setup.
    const grid = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    expect(grid).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(grid).toMatch(/<pageSetup paperSize="9" orientation="landscape"[^>]* fitToWidth="1" fitToHeight="0"/);
  });

  it('Summary holds the key figures as numbers with formats, the cost by pool adding up to the total cost, and the glossary', () => {
    const sheet = wb.getWorksheet('Summary')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Staffing plan 2026-11-10 .. 2026-11-12']);
    expect(rows).toContainEqual(['Horizon', '2026-11-10 .. 2026-11-12 (3 days)']);
    const find = (label: string): ExcelJS.Row => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      if (!found) throw new Error(`no row ${label}`);
      return found;
    };
    const cost = find('Total cost').getCell(2);
    expect(cost.value).toBe(p.plan.summary.totalCost);
    expect(cost.numFmt).toBe('"CNY" #,##0.00');
    const unanswered = find('Unanswered within target (inquiries)');
    expect(unanswered.getCell(2).value).toBe(p.plan.summary.lostService.lateInquiries);
    expect(unanswered.getCell(3).value).toBe(`lost service CNY ${p.plan.summary.lostService.cost.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}, not in the total cost`);
    expect(find('Outsourced share (productive agent-hours)').getCell(2)).toMatchObject({ value: p.plan.summary.outsourcing.achieved, numFmt: '0.0%' });
    expect(find('Objective (what the solver minimises)').getCell(2).value).toBe(p.plan.summary.solver.objective);
    // No figure is stored as text: no cell reads like "CNY 1,234.56" or "12.3%".
    for (const s of wb.worksheets) {
      s.eachRow((row) => row.eachCell((c) => expect([s.name, c.address, typeof c.value === 'string' && /^(CNY )?-?[\d,]+(\.\d+)?%?$/.test(c.value)]).toEqual([s.name, c.address, false])));
    }
    const header = rows.findIndex((r) => r[0] === 'Pool');
    const pools = rows.slice(header + 1, header + 1 + Object.keys(p.plan.summary.pools).length);
    expect(pools.map((r) => r[0])).toEqual(Object.keys(p.plan.summary.pools));
    expect(pools.map((r) => r[2])).toEqual(Object.values(p.plan.summary.pools).map((x) => x.cost));
    expect(pools.find((r) => r[0] === 'vendor-b')?.[1]).toBe('vendor, per seat-shift');
    const total = rows[header + 1 + pools.length] as unknown[];
    expect(total[0]).toBe('Total');
    expect(total[2] as number).toBeCloseTo(p.plan.summary.totalCost, 6);
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['What the figures mean', 'Service floor', 'Productive agent-hours', 'Lost service', 'Shrinkage', 'Objective']));
  });

  it('Roster grid: dates as dates with weekdays, cells with the shift start, a legend, name columns frozen, totals labelled', () => {
    const sheet = wb.getWorksheet('Roster grid')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 2 });
    expect(values(sheet.getRow(1))).toEqual(['Agent ID', 'Name', 'Pool', ...p.roster.dates.map((d) => new Date(`${d}T00:00:00Z`)), 'Days', 'Nights']);
    expect(sheet.getRow(1).getCell(4).numFmt).toBe('mm-dd');
    // 2026-11-09 is a Monday.
    expect(values(sheet.getRow(2)).slice(3, 3 + p.roster.dates.length)).toEqual(p.roster.dates.map((d) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${d}T00:00:00Z`).getUTCDay()]));
    const people = p.roster.people.length;
    const codes = [...new Set(p.config.shifts.map((s) => s.code))];
    const fills = new Map<string, string>();
    const texts = new Set<string>();
    for (let r = 3; r <= people + 2; r++) {
      const row = sheet.getRow(r);
      const person = p.roster.people[r - 3]!;
      expect(row.getCell(1).value).toBe(person.id);
      p.roster.dates.forEach((d, i) => {
        const cell = row.getCell(4 + i);
        const a = p.roster.assignments.find((x) => x.personId === person.id && x.date === d);
        expect(cell.value).toBe(a ? `${a.code}${a.start.slice(11, 13)}` : 'OFF');
        texts.add(String(cell.value));
        const argb = ((cell.fill as ExcelJS.FillPattern).fgColor as { argb: string }).argb;
        const code = a ? a.code : 'OFF';
        const seen = fills.get(code);
        if (seen === undefined) fills.set(code, argb);
        else expect(argb).toBe(seen);
      });
    }
    // One colour per code seen, and OFF apart from all of them.
    expect(new Set(fills.values()).size).toBe(fills.size);
    expect(fills.has('OFF')).toBe(true);
    const labels = Array.from({ length: codes.length + 2 }, (_, i) => sheet.getRow(people + 3 + i).getCell(1).value);
    const unfilled = p.roster.assignments.some((a) => a.personId === 'UNFILLED');
    expect(labels.slice(0, codes.length + (unfilled ? 2 : 1))).toEqual([...codes.map((c) => `TOTAL ${c}`), ...(unfilled ? ['UNFILLED'] : []), 'TOTAL']);
    const totalRow = people + 3 + codes.length + (unfilled ? 1 : 0);
    const total = values(sheet.getRow(totalRow));
    p.roster.dates.forEach((d, i) => expect(total[3 + i]).toBe(p.roster.assignments.filter((a) => a.date === d).length));
    expect(sheet.getRow(totalRow).font?.bold).toBe(true);
    // The legend names every cell text the grid shows.
    expect(sheet.getRow(totalRow + 2).getCell(1).value).toBe('Legend');
    const legend = new Map<string, string>();
    for (let r = totalRow + 3; r <= sheet.rowCount; r++) legend.set(String(sheet.getRow(r).getCell(1).value), String(sheet.getRow(r).getCell(2).value));
    expect([...legend.keys()].sort()).toEqual([...texts].sort());
    const day = p.roster.assignments.find((a) => a.shift === 'day')!;
    expect(legend.get(`D${day.start.slice(11, 13)}`)).toBe(`day ${day.start.slice(11, 16)}-${day.end.slice(11, 16)}`);
    expect(legend.get('OFF')).toBe('day off');
  });

  it('leaves out the surge seats that never work, and keeps those that do', async () => {
    const seat = p.roster.people.find((x) => x.kind === 'seat')!;
    const roster = { ...p.roster, people: [...p.roster.people.map((x) => (x.id === seat.id ? { ...x, surge: true } : x)), { id: `${seat.pool}-S999`, name: '', pool: seat.pool, kind: 'seat' as const, surge: true }] };
    const surged = await read(await workbookBytes({ ...input('en'), roster }));
    const ids = surged.getWorksheet('Roster grid')!.getColumn(1).values.slice(3);
    expect(ids).toContain(seat.id);
    expect(ids).not.toContain(`${seat.pool}-S999`);
  });

  it('an intraday sheet shows each person on the floor of the event day by half hour, with the breaks marked', () => {
    const sheet = wb.getWorksheet('Intraday 11-11')!;
    const head = values(sheet.getRow(1));
    expect(head.slice(0, 4)).toEqual(['Agent ID', 'Name', 'Pool', 'Shift']);
    expect(head.length).toBe(4 + 48);
    expect((head[4] as Date).toISOString()).toBe('1899-12-30T00:00:00.000Z');
    expect(sheet.getRow(1).getCell(5 + 17).numFmt).toBe('hh:mm');
    const on = p.roster.assignments.filter((a) => a.personId !== 'UNFILLED' && a.start < '2026-11-12T00:00' && a.end > `${EVENT_DAY}T00:00`);
    expect(sheet.rowCount).toBe(1 + on.length + 1 + 2);
    let breaks = 0;
    for (let r = 2; r <= on.length + 1; r++) {
      const row = values(sheet.getRow(r));
      const slots = Array.from({ length: 48 }, (_, i) => row[4 + i] ?? '');
      // The half hours of the day a shift covers: from its start (00:00 for last night's shift) to its end (24:00 for tonight's).
      const slotOf = (hour: string): number => (hour < `${EVENT_DAY}T00:00` ? 0 : hour >= '2026-11-12T00:00' ? 48 : Number(hour.slice(11, 13)) * 2 + Number(hour.slice(14, 16)) / 30);
      // Last night's and tonight's shift of one seat read alike (N22): the row's first slot tells them apart.
      const a = on.find((x) => x.personId === row[0] && `${x.code}${x.start.slice(11, 13)}` === row[3] && slotOf(x.start) === slots.findIndex((c) => c !== ''))!;
      expect(a).toBeDefined();
      const [from, to] = [slotOf(a.start), slotOf(a.end)];
      slots.forEach((c, i) => expect([i, i >= from && i < to ? ['B', a.code].includes(String(c)) : c === '']).toEqual([i, true]));
      breaks += slots.filter((c) => c === 'B').length;
    }
    // Shifts inside the day show each of their breaks (1 hour: two slots) in full.
    const inside = on.filter((a) => a.start >= `${EVENT_DAY}T00:00` && a.end <= '2026-11-12T00:00' && a.breaks);
    expect(inside.length).toBeGreaterThan(0);
    let insideBreaks = 0;
    for (let r = 2; r <= on.length + 1; r++) {
      const row = values(sheet.getRow(r));
      if (inside.some((a) => a.personId === row[0])) insideBreaks += row.slice(4).filter((c) => c === 'B').length;
    }
    expect(insideBreaks).toBe(inside.reduce((n, a) => n + a.breaks!.split(';').length * 2, 0));
    expect(breaks).toBeGreaterThanOrEqual(insideBreaks);
    const working = values(sheet.getRow(on.length + 2));
    expect(working[0]).toBe('Working (not on a break)');
    for (let i = 0; i < 48; i++) {
      let n = 0;
      for (let r = 2; r <= on.length + 1; r++) {
        const c = sheet.getRow(r).getCell(5 + i).value;
        if (c !== null && c !== '' && c !== 'B') n += 1;
      }
      expect(working[4 + i]).toBe(n);
    }
  });

  it('each vendor sheet holds that vendor\'s seats only, dates as dates, and its total is the vendor\'s cost', () => {
    for (const vendor of usedVendors()) {
      const sheet = wb.getWorksheet(vendor)!;
      const rows = sheet.getSheetValues().slice(2).filter(Boolean).map((r) => (r as unknown[]).slice(1));
      const seatRows = rows.filter((r) => typeof r[1] === 'string' && r[1] !== '');
      const own = p.roster.assignments.filter((a) => a.pool === vendor);
      expect(seatRows.map((r) => r[1])).toEqual(own.map((a) => a.personId));
      expect(seatRows.map((r) => (r[0] as Date).toISOString().slice(0, 10))).toEqual(own.map((a) => a.date));
      expect(seatRows.map((r) => (r[3] as Date).toISOString().slice(0, 16))).toEqual(own.map((a) => a.start));
      const last = rows[rows.length - 1] as unknown[];
      expect(last[2]).toBe('total');
      expect(last[6] as number).toBeCloseTo(p.plan.summary.pools[vendor]!.cost, 2);
    }
  });

  it('Shifts has one row per plan line; Coverage one row per hour, as numbers, with a native chart of required vs scheduled', async () => {
    const shifts = wb.getWorksheet('Shifts')!;
    expect(shifts.rowCount).toBe(p.plan.lines.length + 1);
    expect(shifts.getRow(2).getCell(7).value).toBe(p.plan.lines[0]!.agents);
    expect((shifts.getRow(2).getCell(1).value as Date).toISOString().slice(0, 10)).toBe(p.plan.lines[0]!.date);
    const coverage = wb.getWorksheet('Coverage')!;
    expect(coverage.rowCount).toBe(p.plan.coverage.length + 1);
    expect(values(coverage.getRow(1))).toEqual(['Hour', 'Required', 'Scheduled', 'Short', 'Surplus', 'Service level']);
    expect((coverage.getRow(2).getCell(1).value as Date).toISOString().slice(0, 16)).toBe(p.plan.coverage[0]!.timestamp);
    expect(coverage.getRow(2).getCell(2).value).toBe(p.plan.coverage[0]!.required);
    const chart = await zip.file('xl/charts/chart1.xml')!.async('string');
    const n = p.plan.coverage.length;
    expect(chart).toContain('<c:lineChart>');
    expect([...chart.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1])).toEqual([`'Coverage'!$B$1`, `'Coverage'!$A$2:$A$${n + 1}`, `'Coverage'!$B$2:$B$${n + 1}`, `'Coverage'!$C$1`, `'Coverage'!$A$2:$A$${n + 1}`, `'Coverage'!$C$2:$C$${n + 1}`]);
    expect(chart).toContain('<a:t>Required vs scheduled productive agents per hour</a:t>');
    const sheetIndex = wb.worksheets.findIndex((s) => s.name === 'Coverage') + 1;
    const rels = await zip.file(`xl/worksheets/_rels/sheet${sheetIndex}.xml.rels`)!.async('string');
    expect(rels).toContain('Target="../drawings/drawing1.xml"');
    expect(await zip.file(`xl/worksheets/sheet${sheetIndex}.xml`)!.async('string')).toMatch(/<drawing r:id="rIdChart1"\/><\/worksheet>$/);
    expect(await zip.file('xl/drawings/_rels/drawing1.xml.rels')!.async('string')).toContain('Target="../charts/chart1.xml"');
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
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

  it('titles follow the language: Chinese sheet and column names, weekdays, 休 for a day off', async () => {
    const zh = await read(await workbookBytes(input('zh')));
    expect(zh.worksheets.map((s) => s.name)).toEqual(['汇总', '排班表', ...usedVendors(), '日内 11-11', '班次', '覆盖']);
    const grid = zh.getWorksheet('排班表')!;
    expect(values(grid.getRow(1)).slice(0, 3)).toEqual(['工号', '姓名', '人员池']);
    expect(values(grid.getRow(2))[3]).toBe('周一');
    expect(grid.getColumn(4).values).toContain('休');
    expect(values(zh.getWorksheet('覆盖')!.getRow(1))).toEqual(['时间', '需求', '已排', '缺口', '富余', '服务水平']);
    expect(zh.getWorksheet('汇总')!.getRow(1).getCell(1).value).toBe('排班计划 2026-11-10 .. 2026-11-12');
    expect(zh.getWorksheet('汇总')!.headerFooter.oddFooter).toBe('&Lpeakshift&R第 &P 页，共 &N 页');
  });
});

describe('report model', () => {
  it('pivots agents by date, pool and shift, with totals that add up to the plan lines', () => {
    const { pivot } = input('en').model;
    const agents = (date: string, pool: string, shift: string): number => p.plan.lines.filter((l) => l.date === date && l.pool === pool && l.shift === shift).reduce((n, l) => n + l.agents, 0);
    expect(pivot.columns.length).toBeGreaterThan(1);
    for (const c of pivot.columns) expect(p.plan.lines.some((l) => l.pool === c.pool && l.shift === c.shift && l.agents > 0)).toBe(true);
    for (const r of pivot.rows) {
      expect(r.values).toEqual(pivot.columns.map((c) => agents(r.date, c.pool, c.shift)));
      expect(r.total).toBe(p.plan.lines.filter((l) => l.date === r.date).reduce((n, l) => n + l.agents, 0));
    }
    expect(pivot.total).toBe(p.plan.lines.filter((l) => pivot.rows.some((r) => r.date === l.date)).reduce((n, l) => n + l.agents, 0));
  });

  it('has one figure of unanswered inquiries, and the objective as total cost plus priced lost service', () => {
    const { kpis, glossary } = input('en').model;
    const s = p.plan.summary;
    const unanswered = kpis.filter((k) => /^Unanswered/.test(k.label));
    expect(unanswered.map((k) => k.amount)).toEqual([s.lostService.lateInquiries]);
    expect(kpis.find((k) => k.label.startsWith('Lost service'))?.amount).toBe(s.lostService.cost);
    const objective = kpis.find((k) => k.label.startsWith('Objective'))!;
    expect(objective.amount).toBe(s.solver.objective);
    const [cost, lost] = [...objective.detail!.matchAll(/[\d,]+\.\d\d/g)].map((m) => Number(m[0].replace(/,/g, '')));
    expect(cost).toBeCloseTo(s.totalCost, 2);
    expect(cost! + lost!).toBeCloseTo(s.solver.objective, 1);
    expect(glossary.map((g) => g.term)).toEqual(['Unanswered within target', 'Lost service', 'Hours short of the service target', 'Service floor', 'Productive agent-hours', 'Shrinkage', 'Schedule efficiency', 'Objective']);
    // Short hours and the floor are two labelled figures, never "held in every hour" beside a count of short hours.
    expect(kpis.find((k) => k.label === 'Hours short of the service target')?.amount).toBe(s.shortfall.hoursShort);
    expect(kpis.find((k) => k.label === 'Queue-hours below the service floor')?.amount).toBe(s.shortfall.hoursBelowFloor);
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

  it('adds the files for people in another language under its folder when asked', async () => {
    const service = { levels: p.plan.coverage.map(() => null), lowest: null, lowestAt: null, abandonRate: null };
    const files = await planFolderFiles({ lang: 'en', alsoLangs: ['zh', 'en'], config: p.config, demand: p.demand, requirement, plan: p.plan, service, summary: {}, roster: p.roster });
    expect([...files.keys()].filter((n) => n.includes('/') && !n.startsWith('vendors/')).sort()).toEqual(['zh/report.html', 'zh/roster.xlsx', 'zh/summary.md']);
    expect(files.get('zh/summary.md')).toContain('## 关键指标');
    expect(files.get('summary.md')).toContain('## Key figures');
    expect((await read(files.get('zh/roster.xlsx') as Buffer)).worksheets[0]!.name).toBe('汇总');
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
    for (const heading of ['关键指标', '指标说明', '需求与覆盖', '成本', '按日期、人员池和班次的人数', '排班表']) expect(html).toContain(`<h2>${heading}</h2>`);
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
