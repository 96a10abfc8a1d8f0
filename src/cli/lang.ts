/** `--lang zh|en`: the language of the files and summaries for people. */
import type { Argv } from 'yargs';
import { UsageError } from '../domain';
import { isLang, langFromLocale, tr, translateMessage, type Lang } from '../domain/i18n';

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

/**
 * The language of a command line before it is parsed (for its errors): a valid
 * `--lang zh|en` (the last one), else the system locale. The config's
 * `language` is not known yet when the config is what failed.
 */
export function langOfArgv(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Lang {
  let found: Lang | undefined;
  argv.forEach((arg, i) => {
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value !== undefined && isLang(value)) found = value;
  });
  return found ?? langFromLocale(env);
}

/** `error: <message> (<hint>)` in `lang`: the message and the hint each translated where the catalogue knows them. */
export function errorText(lang: Lang, message: string, hint?: string): string {
  const body = translateMessage(lang, message);
  return tr(lang, 'errorLine', { message: hint ? tr(lang, 'withHint', { message: body, hint: translateMessage(lang, hint) }) : body });
}

/** A line `usageLine` wrote (`error: ...`) in `lang`. */
export function localizedErrorLine(lang: Lang, line: string): string {
  return line.startsWith('error: ') ? errorText(lang, line.slice('error: '.length)) : line;
}
