/** `--lang zh|en`: the language of the files and summaries for people. */
import type { Argv } from 'yargs';
import { UsageError } from '../domain';
import { isLang, langFromLocale, type Lang } from '../domain/i18n';

export const LANG_OPTION = {
  type: 'string',
  describe: 'Language of report.html, summary.md, roster.xlsx and the printed summary: zh or en (default: config language, else the system locale LC_ALL/LC_MESSAGES/LANG, else en)',
} as const;

export function withLangOption<T>(yargs: Argv<T>): Argv<T & { lang?: string }> {
  return yargs.option('lang', LANG_OPTION);
}

/** `--lang`, else the config's `language`, else the system locale, else English. */
export function resolveLang(option: unknown, configLanguage: Lang | undefined, env: Readonly<Record<string, string | undefined>> = process.env): Lang {
  if (option !== undefined) {
    const text = Array.isArray(option) ? String(option[option.length - 1]) : String(option);
    if (!isLang(text)) throw new UsageError(`--lang ${JSON.stringify(text)}: expected zh or en`);
    return text;
  }
  return configLanguage ?? langFromLocale(env);
}
