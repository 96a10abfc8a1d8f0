import * as path from 'node:path';
import { InputError } from '../../src/domain';
import { parseScenarioText, readScenarioFile } from '../../src/io';
import { ScenarioError } from '../../src/scenario';
import { tempFile } from '../helpers/paths';

const fixtures = path.resolve(__dirname, '../fixtures/whatif');

test('a JSON scenario file: paths resolve against its folder, the base config is validated', () => {
  const loaded = readScenarioFile(path.join(fixtures, 'scenarios.json'));
  expect(loaded.paths).toEqual({ config: path.join(fixtures, 'config.json'), demand: path.join(fixtures, 'forecast.csv') });
  expect(loaded.config.pools.map((p) => p.name)).toEqual(['in-house', 'vendor-a', 'vendor-b']);
  expect(loaded.scenarios.map((s) => s.name)).toEqual(['promo +30%', '50/50 ratio', 'vendor-b out', 'AHT +20%', 'target 20 s']);
  expect(loaded.simulation).toMatchObject({ runs: 2, seed: 7 });
});

test('YAML reads the same as JSON', () => {
  const yaml = `base:
  config: config.json
  demand: forecast.csv
scenarios:
  - name: promo +30%
    overrides:
      - volume: { multiplier: 1.3, event: promo }
  - name: vendor-b out
    overrides:
      - pool: { name: vendor-b, remove: true }
`;
  const fromYaml = parseScenarioText(yaml, 's.yaml');
  const fromJson = parseScenarioText(JSON.stringify({
    base: { config: 'config.json', demand: 'forecast.csv' },
    scenarios: [
      { name: 'promo +30%', overrides: [{ volume: { multiplier: 1.3, event: 'promo' } }] },
      { name: 'vendor-b out', overrides: [{ pool: { name: 'vendor-b', remove: true } }] },
    ],
  }), 's.json');
  expect(fromYaml).toEqual(fromJson);
});

test('a YAML syntax error is located by line and column', () => {
  expect(() => parseScenarioText('base:\n  config: c.json\n  demand: [unclosed\n', 's.yaml')).toThrow(InputError);
  expect(() => parseScenarioText('base:\n  config: c.json\n  demand: [unclosed\n', 's.yaml')).toThrow(/^s\.yaml:\d+:\d+: invalid YAML/);
});

test('a JSON syntax error is located', () => {
  expect(() => parseScenarioText('{"base": {,}}', 's.json')).toThrow('s.json:1:11: invalid JSON at ","');
});

test('a bad field in an inline base config names its path in the scenario file', () => {
  const file = tempFile('s.json', JSON.stringify({ base: { config: { shrinkage: 2 }, demand: 'f.csv' } }));
  expect(() => readScenarioFile(file)).toThrow(ScenarioError);
  expect(() => readScenarioFile(file)).toThrow(`scenario file base.config.shrinkage: expected a shrinkage from 0 to below 1, got 2 (in ${file})`);
});
