/**
 * The config's documentation, generated from the schema: the JSON Schema that
 * editors use to complete and check a config file (schema/config.schema.json)
 * and the reference page (docs/config-reference.md). Types, limits and
 * defaults come from the zod schema (zod's `toJSONSchema`); what each field
 * means, and whether a manager needs it every day or only an expert does,
 * comes from FIELD_DOCS below. `npm run config-docs` writes both files;
 * test/config/reference.test.ts fails when either is stale or a field has no
 * entry here.
 */
import { z } from 'zod';
import { configSchema } from './schema';

export interface FieldDoc {
  /** What the field means, for people (Markdown: `code`, links relative to docs/). */
  text: string;
  /** Only for experts (solver, design, re-plan, ...): listed apart. Children inherit it. */
  expert?: boolean;
  /** The type as people say it, when the schema's is not clear enough. */
  type?: string;
  /** The default as people say it, when it is computed or long. */
  default?: string;
}

/** Every config field by path (`pools[].pricing.rate`; `[]` is any list item). */
export const FIELD_DOCS: Readonly<Record<string, FieldDoc>> = {
  timezone: { text: 'local time of the history, the plan and every export', type: 'IANA time zone' },
  currency: { text: 'currency of every cost, shown in the reports' },
  shop: { text: 'the shop or team the plan is for, printed at the top left of every page of roster.xlsx (see [roster.xlsx](roster.md#rosterxlsx))', default: 'unset' },
  language: { text: 'language of report.html, summary.md, roster.xlsx and the printed summaries; `--lang` overrides (see [Language](language.md#language-中文))', default: 'the system locale, else `en`' },
  horizon: { text: 'the dates to plan, inclusive, at most 92 days; `--start` and `--end` override', default: 'none: give `--start` and `--end`' },
  'horizon.start': { text: 'first date to plan', type: '`YYYY-MM-DD`, 1901-2099' },
  'horizon.end': { text: 'last date to plan', type: '`YYYY-MM-DD`, 1901-2099' },
  queues: { text: 'the queues (presales, aftersales, ...): one per `queue` value of the history', default: 'one queue `inquiries`' },
  'queues[].name': { text: "the history's `queue` value (队列, 渠道, 技能组); not `all`; commas and quotes are allowed", type: '1-64 printable characters, no space at either end' },
  'queues[].share': { text: 'share of the volume when the history has no queue column; the shares add up to 1', default: 'an equal split' },
  'queues[].ahtSeconds': { text: 'average handling time of one inquiry (one chat session), seconds' },
  'queues[].concurrency': { text: 'sessions one agent handles at once (chat 2-5, phone 1)' },
  'queues[].target': { text: 'the service target: `serviceLevel` of the inquiries answered within `answerSeconds`' },
  'queues[].target.serviceLevel': { text: 'share of inquiries answered within `answerSeconds` (0.9 = 90%)' },
  'queues[].target.answerSeconds': { text: 'the answer-time target, seconds' },
  'queues[].target.maxAbandonRate': { text: 'cap on the abandon rate, sized with Erlang A: "answer rate > 90%" is `0.1`', expert: true },
  'queues[].target.minServiceLevel': {
    text: 'the hourly service floor, a hard rule: every hour with inquiries answers at least this share within `answerSeconds` (see [Serving the peak](plan.md#serving-the-peak-floors-lost-service-and-the-levers)); `0` turns it off',
    default: 'the lower of `0.6` and `serviceLevel`',
    expert: true,
  },
  'queues[].maxOccupancy': { text: 'highest acceptable share of time an agent is busy', expert: true },
  'queues[].patienceSeconds': { text: 'mean patience before a customer gives up; when set, the queue is sized with Erlang A (abandonment) instead of Erlang C' },
  'queues[].costPerLostInquiry': { text: "price of one inquiry of this queue not answered within the target time", default: 'the top-level `costPerLostInquiry`', expert: true },
  shrinkage: { text: 'share of paid time not spent on inquiries (breaks, training, meetings)' },
  shifts: { text: 'the shift types agents work', default: 'day 08:00 9 h (8 paid, offsets 0/1/2), middle 13:00 9 h (8 paid, offsets 0/1), night 22:00 10 h (9 paid)' },
  'shifts[].name': { text: 'name of the shift type, e.g. `day`', type: 'name (letters, digits, `-_.`, Chinese)' },
  'shifts[].code': { text: 'code in the roster grid, e.g. `D`; not `OFF`', type: '1-3 capital letters' },
  'shifts[].start': { text: 'earliest start', type: '`HH:MM`' },
  'shifts[].hours': { text: 'length on the floor, breaks included; may cross midnight' },
  'shifts[].paidHours': { text: 'paid hours (hours minus unpaid breaks), at most `hours`', default: '`hours`' },
  'shifts[].startOffsets': { text: 'alternative starts, whole hours after `start` (`[0, 1, 2]`: 08:00, 09:00 or 10:00)' },
  'shifts[].breaks': {
    text: 'breaks of the shift: the planner staggers who takes a break when, and an agent on a break is not capacity; windows in order and not overlapping, at least the unpaid time in all',
    default: 'one break of the unpaid time (`hours - paidHours`) in the middle of the shift',
    expert: true,
  },
  'shifts[].breaks[].minutes': { text: 'length of the break' },
  'shifts[].breaks[].earliest': { text: 'the break starts on a whole hour at least this many hours after the shift start' },
  'shifts[].breaks[].latest': { text: 'and ends by this many hours after the shift start' },
  'shifts[].onlyOn': {
    text: 'dates the shift may be worked on: `YYYY-MM-DD`, `YYYY-MM-DD..YYYY-MM-DD` or an event name (its anchor day: `"double-11"` = Nov 11)',
    default: 'every date',
    expert: true,
  },
  pools: { text: 'who can work: the in-house team (`kind` `inhouse`) and each outsourcing vendor (`kind` `vendor`)', default: 'one in-house pool of 50 at 30 an hour' },
  'pools[].name': { text: 'unique name of the pool; agents.csv names it in its `pool` (人员池) column', type: 'name (letters, digits, `-_.`, Chinese)' },
  'pools[].kind': { type: '`inhouse` or `vendor`', text: '`inhouse`: your own agents, named in agents.csv; `vendor`: an outsourcing vendor, whose seats the roster generates' },
  'pools[].shifts': { text: 'shift names this pool may work (e.g. in-house day and middle only)', default: 'every shift' },
  'pools[].queues': { text: 'queue names this pool may serve', default: 'every queue' },
  'pools[].productivity': { text: 'output of one agent relative to a fully productive in-house agent (0.9 = 10% slower)' },
  'pools[].minAgentsPerDay': { text: 'in-house: fewest agents who work every day of the plan (the plan keeps them and the roster names them); vendor: fewest agents on a day the vendor is used' },
  'pools[].maxAgentsPerDay': { text: 'most agents of the pool on one date', default: 'no limit' },
  'pools[].headcount': { text: 'agents in the team; with agents.csv, its rows decide' },
  'pools[].hourlyCost': { text: 'cost of one paid hour of an agent' },
  'pools[].nightPremium': { text: 'extra share of the hourly cost for night hours (`nightHours`): `0.3` = +30%' },
  'pools[].maxDaysPerWeek': { text: 'days each agent may work in any 7 days' },
  'pools[].overtime': { text: 'the planner may extend a shift by whole hours, each paid at `hourlyCost x multiplier` (night premium on top)', default: 'none: no overtime', expert: true },
  'pools[].overtime.maxHoursPerShift': { text: 'most overtime hours on one shift' },
  'pools[].overtime.maxHoursPerWeek': { text: 'most overtime hours of one agent in any 7 days' },
  'pools[].overtime.multiplier': { text: "overtime pay as a multiple of `hourlyCost` (China's labour law: 1.5 on workdays)" },
  'pools[].pricing': { text: 'how the vendor bills' },
  'pools[].pricing.model': { text: '`perHour`: per paid hour; `perSeatShift`: per agent-shift; `perInquiry`: per handled inquiry; `fixedPlusHourly`: a fixed fee plus per paid hour' },
  'pools[].pricing.rate': { text: 'the price in `currency`: per paid hour, per agent-shift or per handled inquiry' },
  'pools[].pricing.fixedFee': { text: 'the fixed fee of `fixedPlusHourly`, charged once if the vendor is used' },
  'pools[].engagementFee': { text: 'charged once if the vendor is used at all (the cost of coordinating one more vendor)', expert: true },
  'pools[].availableFrom': { text: "first date the vendor's agents can work", default: 'the first date', expert: true },
  'pools[].trainingDays': { text: 'paid training days per seat before go-live' },
  'pools[].trainingCostPerDay': { text: 'cost of one training day per seat', default: "one paid shift at the pool's pricing", expert: true },
  'pools[].seatCost': { text: "one-off set-up cost per seat, charged on the plan's peak seat count", expert: true },
  'pools[].minShare': { text: "lowest share of productive agent-hours for this vendor", expert: true },
  'pools[].maxShare': { text: "highest share of productive agent-hours for this vendor", expert: true },
  'pools[].surge': { text: 'surge seats: agents beyond `maxAgentsPerDay` at a surge rate, without training or seat cost', default: 'none', expert: true },
  'pools[].surge.maxAgentsPerDay': { text: 'most surge agents on one date' },
  'pools[].surge.rate': { text: "price of a surge agent, in the unit of the vendor's pricing (per paid hour or per seat-shift)" },
  'pools[].surge.noticeHours': { text: 'notice the vendor needs to send surge agents (the event-day re-plan keeps to it)' },
  outsourcing: { text: "the band for the vendors' share of productive agent-hours" },
  'outsourcing.min': { text: "lowest vendor share (0.6 = 60%); a positive value needs a vendor pool" },
  'outsourcing.max': { text: 'highest vendor share; a band narrower than 1 point is held 1 point wide around its centre' },
  'outsourcing.scope': { text: 'the period the band applies to' },
  events: { text: 'your own events (a brand day, a launch), or changes to a built-in one (see [Forecasting](forecasting.md#event-calendar))' },
  'events[].name': {
    text: 'a new event, or a built-in one to adjust: `spring-festival`, `lantern`, `dragon-boat`, `qixi`, `mid-autumn`, `goddess-day`, `618`, `double-11`, `double-12`, `new-year`, `tomb-sweeping`, `labour-day`, `national-day`',
    type: "letters, digits, spaces, `-_.'`",
  },
  'events[].date': { text: 'anchor of a one-off event (at most one of `date`, `monthDay`, `lunarDate`)', type: '`YYYY-MM-DD`' },
  'events[].monthDay': { text: 'anchor of a yearly event on a Gregorian date', type: '`MM-DD`' },
  'events[].lunarDate': { text: 'anchor of a yearly event on a lunar date', type: 'lunar `MM-DD`' },
  'events[].startOffsetDays': { text: 'first day of the window, days before the anchor (negative)', default: "the event's own" },
  'events[].endOffsetDays': { text: 'last day of the window, days after the anchor', default: "the event's own" },
  'events[].hours': { text: 'hours of the anchor day the event concentrates in, `[from, to)` (Double 11: `[0, 2]`)', default: 'the whole day', type: '`[fromHour, toHour]`' },
  'events[].uplift': { text: 'multiplier on the volume in the window (`1.3` = 30% more); scales a learned effect, or stands in for one never seen', default: 'learned from the history' },
  calendar: { text: 'the holiday calendar the forecaster uses (list a year with `peakshift calendar --year Y`)' },
  'calendar.region': { text: '`cn`: Chinese promotions, lunar festivals and mainland public holidays; `none`: only your own events and holidays' },
  'calendar.builtinEvents': { text: 'with `cn`: the built-in promotions and lunar festivals', expert: true },
  'calendar.double11PresaleStart': { text: 'first day of the Double 11 presale', type: '`MM-DD` in October or November', expert: true },
  'calendar.publicHolidays': {
    text: 'with `cn`: the mainland public holidays and make-up workdays (the State Council notices, 2004-2026; a later year has provisional statutory days, marked so)',
    expert: true,
  },
  'calendar.holidaysFile': {
    text: "CSV `date,name[,kind]` of the operation's own holidays, relative to the config file; its rows join `calendar.holidays`. A year it gives days off in replaces that year's provisional public holidays",
    default: 'none',
  },
  'calendar.holidays': { text: 'holidays given inline, as the rows of `holidaysFile`', expert: true },
  'calendar.holidays[].date': { text: 'the date', type: '`YYYY-MM-DD`' },
  'calendar.holidays[].name': { text: 'rows with the same name are one recurring holiday', type: "letters, digits, spaces, `-_.'`" },
  'calendar.holidays[].kind': { text: '`holiday`: the volume changes around it; `closed`: nothing is answered that day; `event`: learned by name only' },
  forecast: { text: 'the forecast the staffing is sized for', expert: true },
  'forecast.quantile': { text: '`p50`: the expected volume; `p90`: a volume exceeded one hour in ten' },
  'forecast.hedge': { text: "price lost service by its expectation over the forecast band instead of at the sizing quantile (the floor stays on the quantile); see [Replay](replay.md) for why the default is off", default: '`false`' },
  costPerLostInquiry: {
    text: "price of one inquiry not answered within its queue's target time (lost sales, refunds, the shop's rating); the plan weighs it against the cost of staffing",
    default: '`10`',
  },
  understaffingPenalty: { text: 'deprecated: a flat price per missing productive agent-hour, read with a warning as `costPerLostInquiry`', default: 'none', expert: true },
  nightHours: { text: 'hours earning the in-house night premium: an hour h with h >= from or h < to', type: '`[fromHour, toHour]`', expert: true },
  minAgentsPerHour: { text: 'floor on scheduled agents in every hour, even with no demand', expert: true },
  solver: { text: 'the integer-program solver', expert: true },
  'solver.name': { text: 'MIP solver: HiGHS, or the pure-JavaScript fallback' },
  'solver.mipRelGap': { text: 'stop when the plan is proven within this relative gap of the best (staffing cost plus the price of lost service)' },
  'solver.mipAbsGap': { text: '... or within this absolute gap, in `currency`' },
  'solver.windowsFromDays': { text: 'solve plans longer than this many days in 14-day windows that move on by 7 days, proven against the whole horizon\'s LP bound; `0`: never (the whole model in two stages was faster on the measured 37- and 90-day plans)' },
  'solver.timeLimitSeconds': { text: 'safety time limit of each solve, seconds: solves stop at their gap; one that reaches this limit first stops the run (exit 4) unless `--accept-gap` lets it through' },
  roster: { text: 'labour rules of the roster (agents and vendor seats)', expert: true },
  'roster.minRestHours': { text: 'hours off between the end of one shift and the start of the next' },
  'roster.maxConsecutiveDays': { text: 'longest run of working days in a row' },
  design: { text: 'limits on the shift menu `design-shifts` (and `init`) may propose', default: 'the defaults below', expert: true },
  'design.earliestStart': { text: 'earliest shift start it may propose (whole hours)', type: '`HH:MM`' },
  'design.latestStart': { text: 'latest shift start it may propose', type: '`HH:MM`' },
  'design.minHours': { text: 'shortest shift, hours on the floor' },
  'design.maxHours': { text: 'longest shift, hours on the floor' },
  'design.breakAfterHours': { text: 'a proposed shift longer than this gets one unpaid break of `breakMinutes`' },
  'design.breakMinutes': { text: 'length of that break' },
  'design.night': { text: 'may proposed shifts touch the night hours (`nightHours`)' },
  'design.maxTypes': { text: 'at most this many shift types in the menu (`--max-types`)' },
  'design.timeLimitSeconds': { text: 'safety time limit of each design solve, seconds (`--time-limit`): they stop at node limits; reaching this is exit 4' },
  'design.pools': { text: 'the same limits for one pool; unset fields follow `design`' },
  'design.pools[].name': { text: 'the pool' },
  'design.pools[].earliestStart': { text: 'earliest start for this pool', type: '`HH:MM`' },
  'design.pools[].latestStart': { text: 'latest start for this pool', type: '`HH:MM`' },
  'design.pools[].minHours': { text: 'shortest shift for this pool' },
  'design.pools[].maxHours': { text: 'longest shift for this pool' },
  'design.pools[].night': { text: 'may this pool work night hours' },
  'design.pools[].maxTypes': { text: "at most this many of the menu's shift types for this pool" },
  replan: { text: 'prices and notice of the changes the event-day re-plan (`peakshift replan`) may make', expert: true },
  'replan.callInNoticeHours': { text: 'hours between calling an in-house agent in on a day off and the start of that shift' },
  'replan.callInMultiplier': { text: "pay of a called-in shift as a multiple of `hourlyCost` (China's labour law: 2 on a rest day)" },
  'replan.cancelNoticeHours': { text: 'a vendor shift may be cancelled up to this many hours before it starts' },
  'replan.cancelFeeShare': { text: "share of a cancelled vendor shift's price still owed to the vendor" },
  'replan.sendHomeNoticeHours': { text: 'hours between telling an agent to go home and the hour they leave' },
  'replan.sendHomePaidShare': { text: 'share of the hours not worked still paid to an agent sent home' },
  'replan.deadBand': { text: "an hour whose updated forecast is within this share of the plan's counts as on forecast (no change made for it)" },
  capacity: { text: 'the weekly capacity plan before the peak (`peakshift capacity`): recruiting, training, ramp, attrition and vendor terms (see [Capacity](capacity.md))', default: 'the defaults below', expert: true },
  'capacity.pool': { text: 'the in-house pool the hires join (its shifts and rules apply to them)', default: 'the first in-house pool' },
  'capacity.hoursPerWeek': { text: 'paid hours an agent (or a vendor seat) works in a week, training included' },
  'capacity.quantile': { text: 'the forecast the people are planned for (`--quantile`)' },
  'capacity.shiftEfficiency': { text: "required / scheduled productive agent-hours of a shift plan (a plan's `scheduleEfficiency`; `--efficiency-from`)" },
  'capacity.recruitingLeadWeeks': { text: 'weeks between opening recruiting and the first training day' },
  'capacity.trainingWeeks': { text: 'weeks of paid training before an agent takes inquiries' },
  'capacity.classSize': { text: 'recruits per class: a class is 0 or `min`..`max`' },
  'capacity.classSize.min': { text: 'fewest recruits in a class' },
  'capacity.classSize.max': { text: 'most recruits in a class' },
  'capacity.classStartWeekdays': { text: 'weekdays a class may start training (`mon` .. `sun`)' },
  'capacity.costPerHire': { text: 'recruiting cost per recruit who starts training' },
  'capacity.recruitingYield': { text: 'share of recruits who finish training and go live' },
  'capacity.ramp': { text: 'speed after training, step by step; full speed after the last step' },
  'capacity.ramp[].weeks': { text: 'weeks this step lasts' },
  'capacity.ramp[].ahtMultiplier': { text: "handling time as a multiple of a veteran's (1-10)" },
  'capacity.ramp[].concurrency': { text: "sessions at once in this step (capped at each queue's)", default: "the queue's" },
  'capacity.attrition': { text: 'shares of agents leaving each week' },
  'capacity.attrition.tempPerWeek': { text: 'share of temps leaving each week' },
  'capacity.attrition.permanentPerWeek': { text: "share of today's agents leaving each week" },
  'capacity.temps': { text: 'the temps\' contract' },
  'capacity.temps.contractWeeks': { text: "weeks from the first training day to the contract's end (more than `trainingWeeks`)" },
  'capacity.temps.releaseNoticeWeeks': { text: 'notice before an early release, weeks' },
  'capacity.temps.hourlyCost': { text: "a temp's wage per paid hour, training included", default: "the pool's `hourlyCost`" },
  'capacity.vendors': { text: 'per vendor pool: contract terms; vendors not listed take the defaults' },
  'capacity.vendors[].name': { text: 'the vendor pool' },
  'capacity.vendors[].leadWeeks': { text: 'weeks between ordering seats and their going live' },
  'capacity.vendors[].minTermWeeks': { text: 'weeks every seat is paid at least' },
  'capacity.vendors[].seatsAtStart': { text: 'seats under contract in the first week' },
};

/** A JSON Schema node, as far as the generator reads it. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  prefixItems?: SchemaNode[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  required?: string[];
  description?: string;
  additionalProperties?: unknown;
  patternProperties?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The address of the schema file, from a config file beside the package (what `init` writes). */
export const SCHEMA_FILE = 'schema/config.schema.json';

/** A field's place in the schema: its path and node, with the union variants it belongs to. */
interface Field {
  path: string;
  node: SchemaNode;
  required: boolean;
  /** `inhouse` or `vendor` for fields of one pool kind only. */
  variant?: string;
}

function fieldsOf(node: SchemaNode, path: string, out: Field[], variant?: string): void {
  const props = node.properties;
  if (props) {
    for (const [key, child] of Object.entries(props)) {
      const at = path ? `${path}.${key}` : key;
      out.push({ path: at, node: child, required: (node.required ?? []).includes(key) && child.default === undefined, ...(variant ? { variant } : {}) });
      fieldsOf(child, at, out, variant);
    }
  }
  if (node.items && !Array.isArray(node.items)) fieldsOf(node.items, `${path}[]`, out, variant);
  const alternatives = node.oneOf ?? node.anyOf ?? [];
  for (const alt of alternatives) {
    const kind = alt.properties?.kind?.const;
    fieldsOf(alt, path, out, typeof kind === 'string' ? kind : variant);
  }
}

/** Every field path of the config, in schema order, each once (a field both pool kinds have is listed once, without a kind). */
export function configFields(schema: SchemaNode = rawSchema()): Field[] {
  const all: Field[] = [];
  fieldsOf(schema, '', all);
  const byPath = new Map<string, Field>();
  for (const f of all) {
    const seen = byPath.get(f.path);
    if (!seen) byPath.set(f.path, f);
    else if (seen.variant !== f.variant) byPath.set(f.path, { path: f.path, node: seen.node, required: seen.required && f.required });
  }
  return [...byPath.values()];
}

function rawSchema(): SchemaNode {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as SchemaNode;
}

function docOf(path: string): FieldDoc | undefined {
  return FIELD_DOCS[path];
}

/** `queues[].target.serviceLevel` → `queues[].target`; `queues[].name` → `queues`; `queues` → ''. */
function parentPath(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot < 0 ? '' : path.slice(0, dot)).replace(/\[\]$/, '');
}

/** Is the field for experts: its own mark, else its nearest documented parent's. */
export function isExpert(path: string): boolean {
  for (let p = path; p !== ''; p = parentPath(p)) {
    const expert = docOf(p)?.expert;
    if (expert !== undefined) return expert;
  }
  return false;
}

function addDescriptions(node: SchemaNode, path: string): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const at = path ? `${path}.${key}` : key;
    const doc = docOf(at);
    if (doc) child.description = doc.text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');
    addDescriptions(child, at);
  }
  if (node.items && !Array.isArray(node.items)) addDescriptions(node.items, `${path}[]`);
  for (const alt of node.oneOf ?? node.anyOf ?? []) addDescriptions(alt, path);
  // `$comment` notes are allowed in every object of the file (init marks the fields to fill in with them).
  if (node.properties && node.additionalProperties === false) node.patternProperties = { '^\\$comment$': { type: 'string' } };
}

/**
 * The JSON Schema of the config file (draft 2020-12), with every field's
 * meaning as its `description`: what editors complete and check.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = rawSchema();
  addDescriptions(schema, '');
  const properties = { $schema: { type: 'string', description: 'the JSON Schema of this file, for editors (peakshift ignores it)' }, ...schema.properties };
  const { $schema, ...rest } = schema as Record<string, unknown>;
  return {
    $schema,
    title: 'peakshift config',
    description: 'One file describes the operation: queues, shifts, pools, the outsourcing band, the calendar. Every field has a default, so {} is a valid config. See docs/config-reference.md.',
    ...rest,
    properties,
  };
}

function numberText(node: SchemaNode): string {
  const integer = node.type === 'integer';
  const word = integer ? 'whole number' : 'number';
  const lo = node.minimum ?? node.exclusiveMinimum;
  const hi = node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER ? node.maximum : node.exclusiveMaximum;
  const loOpen = node.exclusiveMinimum !== undefined;
  const hiOpen = node.exclusiveMaximum !== undefined && node.maximum === undefined;
  if (lo !== undefined && hi !== undefined) {
    if (!loOpen && !hiOpen) return lo < 0 ? `${word} from ${lo} to ${hi}` : `${word} ${lo}-${hi}`;
    return `${word} in ${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}`;
  }
  if (lo !== undefined) return `${word} ${loOpen ? '>' : '>='} ${lo}`;
  if (hi !== undefined) return `${word} ${hiOpen ? '<' : '<='} ${hi}`;
  return word;
}

function typeText(node: SchemaNode): string {
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(', ');
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  const alternatives = node.oneOf ?? node.anyOf;
  if (alternatives) return 'object';
  switch (node.type) {
    case 'number':
    case 'integer':
      return numberText(node);
    case 'boolean':
      return '`true` or `false`';
    case 'string':
      return 'text';
    case 'array':
      if (node.prefixItems) return `[${node.prefixItems.map((p) => typeText(p)).join(', ')}]`;
      return node.items?.type === 'object' || node.items?.oneOf ? 'list of objects' : `list of ${node.items ? typeText(node.items) : 'values'}`;
    case 'object':
      return 'object';
    default:
      return 'value';
  }
}

function defaultText(field: Field): string {
  const doc = docOf(field.path);
  if (doc?.default !== undefined) return doc.default;
  if (field.required) return 'required';
  const value = field.node.default;
  if (value === undefined) return 'none';
  const json = JSON.stringify(value);
  return json.length > 40 ? 'see its fields' : `\`${json}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function tableOf(fields: readonly Field[]): string[] {
  const rows = ['| field | type | default | meaning |', '|---|---|---|---|'];
  for (const f of fields) {
    const doc = docOf(f.path);
    const kind = f.variant ? ` (${f.variant === 'inhouse' ? 'in-house' : 'vendor'})` : '';
    rows.push(`| \`${f.path}\`${kind} | ${cell(doc?.type ?? typeText(f.node))} | ${cell(defaultText(f))} | ${cell(doc?.text ?? '')} |`);
  }
  return rows;
}

/** docs/config-reference.md: everyday fields first, expert fields apart, both generated from the schema. */
export function configReferenceMarkdown(): string {
  const fields = configFields();
  const everyday = fields.filter((f) => !isExpert(f.path));
  const expert = fields.filter((f) => isExpert(f.path));
  const sections = [...new Set(expert.map((f) => f.path.split(/[.[]/)[0] as string))];
  return [
    '# Config reference',
    '',
    '<!-- Generated by `npm run config-docs` from src/config/schema.ts and src/config/reference.ts; do not edit by hand. -->',
    '',
    'One JSON file describes the operation. Every field has a default, so `{}` is a valid config;',
    '`peakshift init` drafts one from your own history (see the [user guide](guide.md#2-draft-a-config-peakshift-init)).',
    'An unknown or ill-typed field is an error naming its path, e.g. `config pools[1].pricing.rate: expected a',
    'positive number, got "abc"`. Two keys are not fields and are allowed anywhere: `"$schema"` (at the top, the',
    `schema file editors use to complete and check the config, \`${SCHEMA_FILE}\` in the package) and`,
    '`"$comment"` (a note for people; `init` uses it to mark what to fill in).',
    '',
    'Paths: `queues[].name` is the `name` of every item of `queues`; `(in-house)` and `(vendor)` mark fields',
    'of one pool kind. "none" means unset (the feature is off); "required" means the item needs it.',
    '',
    '## Everyday fields',
    '',
    'What a manager sets: the queues and their targets, the shifts, the in-house team and the vendors,',
    'the outsourcing band, promotions and holidays.',
    '',
    ...tableOf(everyday),
    '',
    '## Expert fields',
    '',
    `Defaults that suit most operations: ${sections.map((s) => `\`${s}\``).join(', ')} and the finer fields of the`,
    'everyday sections. Change them when the documentation of the feature says so.',
    '',
    ...tableOf(expert),
    '',
    '## Rules across fields',
    '',
    'Each is reported with the path of the field to change: the time zone exists; horizon dates are real and',
    '`end >= start`; queue, shift, shift-code and pool names are unique; pool `shifts` and `queues` name',
    'existing ones; `paidHours <= hours`; `outsourcing.min <= outsourcing.max`; a positive `outsourcing.min`',
    'needs a vendor pool; `minAgentsPerDay <= maxAgentsPerDay` (and `<= headcount` in-house); an event has at',
    'most one anchor; holiday dates are real dates; `design.pools[].name` names a pool (once); `minHours <=',
    'maxHours` and `earliestStart <= latestStart` in `design` and each `design.pools[]` entry. The shifts need',
    'not cover every hour of the day: only hours with demand need a pool whose shifts reach them (checked when',
    'planning), so a shop closed at night needs no night shift.',
    '',
  ].join('\n');
}
