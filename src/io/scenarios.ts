/**
 * Reading a scenario file (JSON, or YAML by its .yaml/.yml extension) and the
 * base it names. Paths inside the file are relative to the file's folder.
 */
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { parseConfig, type Config } from '../config';
import { ConfigError, InputError } from '../domain';
import { parseScenarioFile, ScenarioError, type ScenarioFile } from '../scenario';
import { lineColumnAt, parseJsonText, readConfig } from './config';
import { readTextFile } from './files';

export interface LoadedScenarioFile extends ScenarioFile {
  file: string;
  /** The base config, validated. */
  config: Config;
  /** Base paths resolved against the scenario file's folder. */
  paths: { config?: string; history?: string; demand?: string; agents?: string };
}

function parseYamlText(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const { line, column } = lineColumnAt(text, first.pos[0]);
    throw new InputError({ file, line, column }, `invalid YAML (${first.message.split('\n')[0] ?? first.code})`, 'a YAML mapping with base and scenarios');
  }
  return doc.toJS() as unknown;
}

export function parseScenarioText(text: string, file: string): ScenarioFile {
  const yaml = /\.ya?ml$/i.test(file);
  return parseScenarioFile(yaml ? parseYamlText(text, file) : parseJsonText(text, file), file);
}

/** Read the scenario file and its base config; history, demand and agents are only located. */
export function readScenarioFile(file: string): LoadedScenarioFile {
  const spec = parseScenarioText(readTextFile(file, 'a readable scenario file (JSON or YAML)'), file);
  const dir = path.dirname(file);
  const resolve = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.resolve(dir, p));
  let config: Config;
  const paths: LoadedScenarioFile['paths'] = {};
  if (typeof spec.base.config === 'string') {
    paths.config = resolve(spec.base.config);
    config = readConfig(paths.config as string);
  } else {
    try {
      config = parseConfig(spec.base.config);
    } catch (error) {
      if (error instanceof ConfigError) throw new ScenarioError(undefined, `base.config.${error.path}`, error.message.replace(/^config [^:]*: /, ''), file);
      throw error;
    }
  }
  for (const key of ['history', 'demand', 'agents'] as const) {
    const p = resolve(spec.base[key]);
    if (p !== undefined) paths[key] = p;
  }
  return { ...spec, file, config, paths };
}
