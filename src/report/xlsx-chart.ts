/**
 * A native Excel line chart added to a workbook exceljs has written (exceljs
 * writes no charts): the chart part (DrawingML, ECMA-376 Part 1 §21.2), a
 * drawing that anchors it to cells of one sheet, their relationships and
 * content types. The series refer to the sheet's cells, so the chart follows
 * the numbers when someone edits them; each series also carries a cache of
 * its values, which is what a reader shows before it recalculates.
 */
import JSZip from 'jszip';
import { escapeXml } from './format';

export interface ChartSeries {
  /** Cell with the series' name, e.g. `B1`. */
  nameCell: string;
  name: string;
  /** First and last row of the values (1-based), in `column`. */
  column: string;
  values: readonly number[];
  /** Line colour, RRGGBB. */
  color: string;
}

export interface LineChartSpec {
  /** The sheet holding the data and showing the chart. */
  sheet: string;
  title: string;
  yTitle: string;
  /** Column of the categories (Excel date-times), rows `firstRow`.. of the values. */
  categoryColumn: string;
  categories: readonly number[];
  /** Number format of the category labels. */
  categoryFormat: string;
  firstRow: number;
  series: readonly ChartSeries[];
  /** Label every n-th category (24: one label a day for hourly rows). */
  labelEvery: number;
  /** Where the chart sits: zero-based column and row of its top-left and bottom-right cells. */
  from: { col: number; row: number };
  to: { col: number; row: number };
}

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const TYPE_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const TYPE_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A sheet name inside a formula: quoted, its apostrophes doubled. */
function sheetRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

function numCache(values: readonly number[], format: string): string {
  const points = values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('');
  return `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache>`;
}

function richText(text: string, size: number, bold: boolean): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

/** The chart part: one line chart, category axis of date-times, value axis from zero. */
export function lineChartXml(spec: LineChartSpec): string {
  const last = spec.firstRow + spec.categories.length - 1;
  const ref = sheetRef(spec.sheet);
  const cat = `<c:cat><c:numRef><c:f>${ref}!$${spec.categoryColumn}$${spec.firstRow}:$${spec.categoryColumn}$${last}</c:f>${numCache(spec.categories, spec.categoryFormat)}</c:numRef></c:cat>`;
  const series = spec.series
    .map((s, i) => {
      const name = `<c:tx><c:strRef><c:f>${ref}!$${s.nameCell.replace(/^([A-Z]+)(\d+)$/, '$1$$$2')}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`;
      const line = `<c:spPr><a:ln w="19050" cap="rnd"><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
      const val = `<c:val><c:numRef><c:f>${ref}!$${s.column}$${spec.firstRow}:$${s.column}$${last}</c:f>${numCache(s.values, 'General')}</c:numRef></c:val>`;
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${name}${line}<c:marker><c:symbol val="none"/></c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
    })
    .join('');
  const every = Math.max(1, spec.labelEvery);
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title>${richText(spec.title, 1200, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>` +
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="${escapeXml(spec.categoryFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="0"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="${every}"/><c:tickMarkSkip val="${every}"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:title>${richText(spec.yTitle, 1000, false)}<c:overlay val="0"/></c:title><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function drawingXml(spec: LineChartSpec, chartRelId: string): string {
  const anchor = (tag: 'from' | 'to', at: { col: number; row: number }): string =>
    `<xdr:${tag}><xdr:col>${at.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${at.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"><xdr:twoCellAnchor editAs="oneCell">${anchor('from', spec.from)}${anchor('to', spec.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeXml(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${chartRelId}"/></a:graphicData></a:graphic></xdr:graphicFrame>` +
    `<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

function relationships(items: ReadonlyArray<{ id: string; type: string; target: string }>): string {
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('')}</Relationships>`;
}

/** Attribute `name` of the first tag in `xml` matching `tagPattern` that also has attribute `has`=`value`. */
function attributeOf(xml: string, tag: string, has: string, value: string, name: string): string | undefined {
  const re = new RegExp(`<${tag}\\b[^>]*>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs = new Map([...m[0].matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1] as string, a[2] as string]));
    if (attrs.get(has) === value) return attrs.get(name);
  }
  return undefined;
}

const unescapeXml = (text: string): string => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * `xlsx` (exceljs's bytes) with the chart added to its sheet. The sheet is
 * found by name through the workbook's relationships; the drawing element
 * goes where the worksheet schema puts it (before legacyDrawing, tableParts
 * and extLst, or at the end).
 */
export async function addLineChart(xlsx: Buffer, spec: LineChartSpec, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const read = async (name: string): Promise<string> => {
    const file = zip.file(name);
    if (!file) throw new Error(`the workbook has no ${name}`);
    return file.async('string');
  };
  const workbook = await read('xl/workbook.xml');
  const sheetTag = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((tag) => unescapeXml(/name="([^"]*)"/.exec(tag)?.[1] ?? '') === spec.sheet);
  const relId = sheetTag ? /r:id="([^"]*)"/.exec(sheetTag)?.[1] : undefined;
  if (!relId) throw new Error(`the workbook has no sheet ${JSON.stringify(spec.sheet)}`);
  const target = attributeOf(await read('xl/_rels/workbook.xml.rels'), 'Relationship', 'Id', relId, 'Target');
  if (!target) throw new Error(`the workbook's relationship ${relId} is missing`);
  const sheetPath = `xl/${target.replace(/^\/?xl\//, '')}`;
  const sheetFile = sheetPath.split('/').pop() as string;
  const relsPath = `xl/worksheets/_rels/${sheetFile}.rels`;
  let n = 1;
  while (zip.file(`xl/drawings/drawing${n}.xml`) || zip.file(`xl/charts/chart${n}.xml`)) n += 1;
  const options = { date, createFolders: false };
  zip.file(`xl/charts/chart${n}.xml`, lineChartXml(spec), options);
  zip.file(`xl/drawings/drawing${n}.xml`, drawingXml(spec, 'rId1'), options);
  zip.file(`xl/drawings/_rels/drawing${n}.xml.rels`, relationships([{ id: 'rId1', type: REL_CHART, target: `../charts/chart${n}.xml` }]), options);

  const sheetRels = zip.file(relsPath) ? await read(relsPath) : relationships([]);
  const used = new Set([...sheetRels.matchAll(/Id="([^"]*)"/g)].map((m) => m[1]));
  let k = 1;
  while (used.has(`rIdChart${k}`)) k += 1;
  const drawingRel = `rIdChart${k}`;
  zip.file(relsPath, sheetRels.replace('</Relationships>', `<Relationship Id="${drawingRel}" Type="${REL_DRAWING}" Target="../drawings/drawing${n}.xml"/></Relationships>`), options);

  let sheet = await read(sheetPath);
  if (!/<worksheet\b[^>]*\bxmlns:r=/.test(sheet)) sheet = sheet.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`);
  const element = `<drawing r:id="${drawingRel}"/>`;
  const before = /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(sheet);
  sheet = before ? `${sheet.slice(0, before.index)}${element}${sheet.slice(before.index)}` : sheet.replace('</worksheet>', `${element}</worksheet>`);
  zip.file(sheetPath, sheet, options);

  const types = await read('[Content_Types].xml');
  const overrides = [`<Override PartName="/xl/charts/chart${n}.xml" ContentType="${TYPE_CHART}"/>`, `<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="${TYPE_DRAWING}"/>`].join('');
  zip.file('[Content_Types].xml', types.replace('</Types>', `${overrides}</Types>`), options);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
