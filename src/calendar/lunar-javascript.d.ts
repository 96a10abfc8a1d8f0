/** The part of lunar-javascript's API the calendar uses (the package ships no types). */
declare module 'lunar-javascript' {
  export interface SolarDate {
    toYmd(): string;
  }
  export interface LunarDate {
    getSolar(): SolarDate;
    /** The solar terms (节气) around the lunar year, by Chinese name (清明, ...). */
    getJieQiTable(): Record<string, SolarDate>;
  }
  export const Lunar: {
    fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): LunarDate;
  };
  export const LunarMonth: {
    /** Negative month numbers denote leap months. */
    fromYm(lunarYear: number, lunarMonth: number): { getDayCount(): number } | null;
  };
}
