/** Reading the JSON config file into a validated Config. */
import { parseConfig, type Config } from '../config';
import * as path from 'node:path';
import { ConfigError, InputError, describeValue } from '../domain';
import { readHolidays } from './holidays';
import { readTextFile } from './files';

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parse JSON text, turning syntax errors into located InputErrors. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const { line, column } = lineColumnAt(text, offset);
    const found = offset >= text.length ? 'the end of the file' : `${JSON.stringify(text.charAt(offset))}`;
    throw new InputError({ file, line, column }, `invalid JSON at ${found}`, 'a JSON value (check commas, quotes and brackets)');
  }
}

/**
 * Validate config text. A `calendar.holidaysFile` is read relative to
 * `baseDir` and its rows join `calendar.holidays` (the file name is then
 * dropped, so a config written back out is complete on its own); without
 * `baseDir` (configs sent to the web page) a holiday file is an error.
 */
export function loadConfigText(text: string, file: string, baseDir?: string): Config {
  const json = parseJsonText(text, file);
  const calendar = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>).calendar : undefined;
  if (calendar !== null && typeof calendar === 'object' && !Array.isArray(calendar)) {
    const { holidaysFile, ...rest } = calendar as Record<string, unknown>;
    if (typeof holidaysFile === 'string' && holidaysFile !== '') {
      if (baseDir === undefined) {
        throw new ConfigError('calendar.holidaysFile', `expected the holidays in calendar.holidays here (upload the holiday file; no file is read on the server), got ${describeValue(holidaysFile)}`, file);
      }
      const rows = readHolidays(path.resolve(baseDir, holidaysFile));
      const inline = rest.holidays === undefined ? [] : rest.holidays;
      (json as Record<string, unknown>).calendar = { ...rest, holidays: Array.isArray(inline) ? [...(inline as unknown[]), ...rows] : inline };
    }
  }
  return parseConfig(json, file);
}

/** Read and validate a config file; every field not given takes its default. */
export function readConfig(file: string): Config {
  return loadConfigText(readTextFile(file, 'a readable JSON config file'), file, path.dirname(path.resolve(file)));
}
