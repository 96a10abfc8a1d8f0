/**
 * Writes the config's JSON Schema (schema/config.schema.json) and reference
 * page (docs/config-reference.md) from src/config/schema.ts and
 * src/config/reference.ts. Run after changing either: `npm run config-docs`.
 * test/config/reference.test.ts fails while the files are stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configJsonSchema, configReferenceMarkdown, SCHEMA_FILE } from '../src/config/reference';

const root = path.resolve(__dirname, '..');
const outputs: Array<[string, string]> = [
  [SCHEMA_FILE, `${JSON.stringify(configJsonSchema(), null, 2)}\n`],
  ['docs/config-reference.md', configReferenceMarkdown()],
];
for (const [file, text] of outputs) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`wrote ${file} (${text.length.toLocaleString('en-US')} characters)`);
}
