/** Reading the JSON config file into a validated Config. */
import { parseConfig, type Config } from '../config';
import { InputError } from '../domain';
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

export function loadConfigText(text: string, file: string): Config {
  return parseConfig(parseJsonText(text, file), file);
}

/** Read and validate a config file; every field not given takes its default. */
export function readConfig(file: string): Config {
  return loadConfigText(readTextFile(file, 'a readable JSON config file'), file);
}
