/**
 * The page's files and the sample inputs, read once at start into memory.
 * Requests are answered from these maps only: no request path is ever joined
 * to a folder, so no request can reach the file system.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SampleInputs } from './api-types';

export interface Asset {
  type: string;
  body: Buffer;
}

/** URL path (`/`, `/style.css`, `/js/app.js`) → content. */
export type AssetMap = ReadonlyMap<string, Asset>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** The repository root: src/web and dist/web are both two levels below it. */
export function packageRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

function filesIn(dir: string, ext: string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => ext.includes(path.extname(name)))
    .sort();
}

/**
 * Build the asset map: static files from src/web/public and the page script
 * compiled from src/web/client and the shared text catalogue src/domain/i18n.ts
 * (`npm run build:client`, part of `npm run build` and `npm test`) into
 * dist/web-client/web/client and dist/web-client/domain.
 */
export function loadAssets(root = packageRoot()): AssetMap {
  const map = new Map<string, Asset>();
  const publicDir = path.join(root, 'src', 'web', 'public');
  for (const name of filesIn(publicDir, Object.keys(TYPES))) {
    const body = fs.readFileSync(path.join(publicDir, name));
    map.set(`/${name}`, { type: TYPES[path.extname(name)] ?? 'application/octet-stream', body });
  }
  const index = map.get('/index.html');
  if (!index) throw new Error(`the page is missing: ${path.join(publicDir, 'index.html')} not found`);
  map.set('/', index);

  const clientDir = path.join(root, 'dist', 'web-client', 'web', 'client');
  const scripts = filesIn(clientDir, ['.js']);
  if (!scripts.includes('app.js')) {
    throw new Error(`the page script is not built: run npm run build (expected ${path.join(clientDir, 'app.js')})`);
  }
  for (const name of scripts) {
    map.set(`/js/${name}`, { type: TYPES['.js'] as string, body: fs.readFileSync(path.join(clientDir, name)) });
  }
  // The text catalogue shared with the reports: /js/i18n.js imports it as ../../domain/i18n.js.
  const catalogue = path.join(root, 'dist', 'web-client', 'domain', 'i18n.js');
  if (!fs.existsSync(catalogue)) throw new Error(`the page script is not built: run npm run build (expected ${catalogue})`);
  map.set('/domain/i18n.js', { type: TYPES['.js'] as string, body: fs.readFileSync(catalogue) });
  return map;
}

/** The sample inputs shipped in data/ (the page's "use the sample" button). */
export function loadSamples(root = packageRoot()): SampleInputs {
  const read = (name: string): { file: string; text: string } | undefined => {
    const full = path.join(root, 'data', name);
    return fs.existsSync(full) ? { file: name, text: fs.readFileSync(full, 'utf8') } : undefined;
  };
  const samples: SampleInputs = {};
  const history = read('inquiries.csv');
  const config = read('config.json');
  const agents = read('agents.csv');
  const scenarios = read('scenarios.json');
  if (scenarios) samples.scenarios = scenarios;
  if (history) samples.history = history;
  if (config) samples.config = config;
  if (agents) samples.agents = agents;
  return samples;
}
