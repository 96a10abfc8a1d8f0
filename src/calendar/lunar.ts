/**
 * Lunar (Chinese calendar) dates to Gregorian dates, via lunar-javascript
 * (tables for 1900-2100). Festivals fall on the regular, non-leap month.
 */
import { Lunar, LunarMonth } from 'lunar-javascript';

/**
 * Gregorian `YYYY-MM-DD` of lunar `month`/`day` in lunar year `lunarYear`.
 * Day 30 of a 29-day month (e.g. New Year's Eve in a short 12th month) becomes
 * day 29, the month's last day, which is how the eve is observed.
 */
export function lunarToGregorian(lunarYear: number, month: number, day: number): string {
  const days = LunarMonth.fromYm(lunarYear, month)?.getDayCount() ?? 30;
  return Lunar.fromYmd(lunarYear, month, Math.min(day, days)).getSolar().toYmd();
}
