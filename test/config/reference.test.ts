/**
 * The config's JSON Schema and reference page are generated from the zod
 * schema and FIELD_DOCS: both files are current, every field is documented,
 * and `$schema`/`$comment` are accepted as the schema allows them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { configSchema, parseConfig } from '../../src/config';
import { FIELD_DOCS, SCHEMA_FILE, configFields, configJsonSchema, configReferenceMarkdown, isExpert } from '../../src/config/reference';
import { repoRoot } from '../helpers/paths';

const REGENERATE = 'out of date: run `npm run config-docs` and commit the result';

describe('generated files', () => {
  it.each([
    [SCHEMA_FILE, () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`],
    ['docs/config-reference.md', configReferenceMarkdown],
  ])('%s is current', (file, make) => {
    const committed = fs.readFileSync(path.join(repoRoot, file), 'utf8');
    expect({ file, current: committed === make() ? true : REGENERATE }).toEqual({ file, current: true });
  });
});

describe('FIELD_DOCS', () => {
  const paths = configFields().map((f) => f.path);

  it('documents every field of the schema, and only those', () => {
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.filter((p) => FIELD_DOCS[p] === undefined)).toEqual([]);
    expect(Object.keys(FIELD_DOCS).filter((p) => !paths.includes(p))).toEqual([]);
  });

  it('puts solver, design, re-plan and roster rules apart as expert fields, with their children', () => {
    for (const p of ['solver.mipRelGap', 'design.pools[].maxTypes', 'replan.deadBand', 'roster.minRestHours', 'queues[].target.minServiceLevel', 'pools[].surge.rate']) expect({ p, expert: isExpert(p) }).toEqual({ p, expert: true });
    for (const p of ['horizon.start', 'queues[].ahtSeconds', 'pools[].pricing.rate', 'pools[].headcount', 'outsourcing.min', 'calendar.holidaysFile']) expect({ p, expert: isExpert(p) }).toEqual({ p, expert: false });
    const md = configReferenceMarkdown();
    const expertAt = md.indexOf('## Expert fields');
    expect(md.indexOf('| `queues[].ahtSeconds` |')).toBeLessThan(expertAt);
    expect(md.indexOf('| `solver.mipRelGap` |')).toBeGreaterThan(expertAt);
  });
});

describe('the JSON Schema', () => {
  const schema = configJsonSchema() as { properties: Record<string, { description?: string; properties?: Record<string, { description?: string; default?: unknown }> }> };

  it('describes each field and carries the defaults and limits of the zod schema', () => {
    expect(schema.properties.shrinkage).toMatchObject({ type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.3, description: FIELD_DOCS.shrinkage?.text });
    expect(schema.properties.solver?.properties?.mipRelGap).toMatchObject({ default: 0.005, maximum: 0.5 });
    expect(schema.properties.$schema).toMatchObject({ type: 'string' });
    // Links of the Markdown text are plain in the descriptions editors show.
    expect(schema.properties.language?.description).toContain('(see Language)');
  });

  it('is what zod itself generates, plus the descriptions', () => {
    // Descriptions, the title, the $comment allowance and the $schema property are ours; the rest is zod's.
    const ours = new Set(['description', 'patternProperties', 'title']);
    const stripped = JSON.parse(JSON.stringify(schema, (key, value: unknown) => (ours.has(key) ? undefined : value))) as { properties: Record<string, unknown> };
    delete stripped.properties.$schema;
    expect(stripped).toEqual(JSON.parse(JSON.stringify(z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }))));
  });
});

describe('$schema and $comment in a config', () => {
  it('are accepted at the top and in any object, and change nothing', () => {
    const plain = parseConfig({ pools: [{ name: 'v', kind: 'vendor', pricing: { model: 'perHour', rate: 30 } }], outsourcing: { min: 0, max: 1 } });
    const commented = parseConfig({
      $schema: '../schema/config.schema.json',
      $comment: 'drafted by init',
      pools: [{ $comment: 'TO FILL IN: the price', name: 'v', kind: 'vendor', pricing: { model: 'perHour', rate: 30, $comment: 'per paid hour' } }],
      outsourcing: { min: 0, max: 1 },
    });
    expect(commented).toEqual(plain);
  });

  it('leave other keys starting with $ unknown fields', () => {
    expect(() => parseConfig({ $schemas: 'x' }, 'c.json')).toThrow('config $schemas: unknown field; expected one of the documented fields (see docs/config-reference.md) (in c.json)');
  });

  it('the committed sample configs name no undocumented field', () => {
    for (const file of ['data/config.json', 'calendars/us.json']) expect(() => parseConfig(JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')), file)).not.toThrow();
  });
});
