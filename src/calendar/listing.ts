/**
 * One year of the calendar as the forecaster sees it (`peakshift calendar
 * --year Y`): the public holidays and make-up workdays, whether they are the
 * table's or provisional, the user's own holidays, and every event window that
 * touches the year.
 */
import type { Config } from '../config';
import { eventName, tr, type Lang } from '../domain/i18n';
import { provisionalYears } from './coverage';
import { occurrences, resolveEvents, type EventDefinition } from './events';
import { PUBLIC_HOLIDAY_YEARS, isProvisionalYear, makeupWorkdays, yearHolidays } from './holidays';

export interface ListedHoliday {
  name: string;
  start: string;
  end: string;
  /** table: the State Council notices (chinese-days); provisional: the statutory rules; calendar: the config's own holidays. */
  source: 'table' | 'provisional' | 'calendar';
  /** For the config's own holidays: holiday, closed or event. */
  kind?: string;
}

export interface ListedEvent {
  name: string;
  anchor: string;
  start: string;
  end: string;
  source: EventDefinition['source'];
  provisional: boolean;
}

export interface CalendarListing {
  year: number;
  region: Config['calendar']['region'];
  /** Years the holiday table covers. */
  tableYears: { first: number; last: number };
  /** The year's public holidays are provisional (after the table, no holidays of its own in the config). */
  provisional: boolean;
  /** Public holidays (region cn, publicHolidays on) and the config's own holidays, by start date. */
  holidays: ListedHoliday[];
  makeupWorkdays: string[];
  events: ListedEvent[];
}

function byStart<T extends { start: string; name: string }>(a: T, b: T): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Consecutive dates of one name as blocks. */
function userBlocks(holidays: Config['calendar']['holidays'], year: number): ListedHoliday[] {
  const rows = holidays.filter((h) => h.date.startsWith(String(year))).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const out: ListedHoliday[] = [];
  for (const h of rows) {
    const last = [...out].reverse().find((b) => b.name === h.name);
    const next = new Date(Date.parse(`${last?.end ?? '1900-01-01'}T00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (last && next === h.date && last.kind === h.kind) last.end = h.date;
    else out.push({ name: h.name, start: h.date, end: h.date, source: 'calendar', kind: h.kind });
  }
  return out;
}

export function calendarListing(config: Pick<Config, 'events' | 'calendar'>, year: number): CalendarListing {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const cal = config.calendar;
  const provisional = provisionalYears(cal, from, to).length > 0;
  const publicOn = cal.region === 'cn' && cal.publicHolidays;
  const official = publicOn && (!isProvisionalYear(year) || provisional) ? yearHolidays(year) : [];
  const holidays: ListedHoliday[] = [
    ...official.map((b) => ({ name: b.name, start: b.start, end: b.end, source: b.provisional ? ('provisional' as const) : ('table' as const) })),
    ...userBlocks(cal.holidays, year),
  ].sort(byStart);
  const events: ListedEvent[] = [];
  for (const def of resolveEvents(config)) {
    for (const occ of occurrences(def, from, to)) {
      const fromRules = def.source === 'holiday' && provisionalYears(cal, occ.anchor, occ.anchor).length > 0;
      events.push({ name: def.name, anchor: occ.anchor, start: occ.start, end: occ.end, source: def.source, provisional: fromRules });
    }
  }
  events.sort(byStart);
  return {
    year,
    region: cal.region,
    tableYears: { ...PUBLIC_HOLIDAY_YEARS },
    provisional,
    holidays,
    makeupWorkdays: publicOn ? makeupWorkdays(from, to) : [],
    events,
  };
}

/** Terminal columns of a text: CJK and full-width characters take two. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columns(text)));
}

function span(start: string, end: string): string {
  if (start === end) return start;
  return start.slice(0, 4) === end.slice(0, 4) ? `${start} .. ${end.slice(5)}` : `${start} .. ${end}`;
}

/** The listing as text for people. */
export function formatCalendarListing(listing: CalendarListing, lang: Lang): string {
  const t = (key: Parameters<typeof tr>[1], vars?: Record<string, string | number>): string => tr(lang, key, vars);
  const name = (n: string): string => eventName(lang, n);
  const sourceText: Record<ListedHoliday['source'], string> = { table: t('calSourceTable'), provisional: t('calSourceProvisional'), calendar: t('calSourceCalendar') };
  const width = Math.max(12, ...listing.holidays.map((h) => columns(name(h.name))), ...listing.events.map((e) => columns(name(e.name))));
  const lines = [t('calTitle', { year: listing.year, region: listing.region })];
  if (listing.provisional) {
    lines.push(t('calProvisional', { year: listing.year, first: listing.tableYears.first, last: listing.tableYears.last }));
  } else if (listing.region === 'cn') {
    lines.push(t('calTableYears', { first: listing.tableYears.first, last: listing.tableYears.last }));
  }
  lines.push('', t('calHolidays'));
  if (listing.holidays.length === 0) lines.push(`  ${t('calNone')}`);
  for (const h of listing.holidays) lines.push(`  ${pad(span(h.start, h.end), 24)} ${pad(name(h.name), width)}  ${sourceText[h.source]}${h.kind && h.kind !== 'holiday' ? ` (${h.kind})` : ''}`);
  lines.push('', t('calMakeup'));
  lines.push(listing.makeupWorkdays.length === 0 ? `  ${listing.provisional ? t('calNoMakeupProvisional') : t('calNone')}` : `  ${listing.makeupWorkdays.join(', ')}`);
  lines.push('', t('calEvents'));
  for (const e of listing.events) {
    lines.push(`  ${pad(name(e.name), width)}  ${pad(span(e.start, e.end), 24)} ${t('calAnchor', { date: e.anchor })}${e.provisional ? `  ${t('calSourceProvisional')}` : ''}`);
  }
  return lines.join('\n');
}
