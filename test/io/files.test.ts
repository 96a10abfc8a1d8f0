import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../src/domain';
import { FOLDER_MARKER, addToFolderMarker, checkOutputFolder, readTextFile, removeStaleTemps, writeFileAtomic, writeFolderAtomic } from '../../src/io/files';
import { tempDir } from '../helpers/paths';

/** A process id that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const files = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('output folders peakshift wrote', () => {
  test('a written folder holds its files and a marker listing them', () => {
    const out = path.join(tempDir(), 'plan');
    writeFolderAtomic(out, files({ 'a.csv': 'a\n', 'vendors/v.csv': 'v\n' }));
    expect(fs.readFileSync(path.join(out, 'a.csv'), 'utf8')).toBe('a\n');
    expect(fs.readFileSync(path.join(out, FOLDER_MARKER), 'utf8')).toBe('written by peakshift; a later run may replace this folder. Files:\na.csv\nvendors/v.csv\n');
  });

  test('a folder peakshift wrote is replaced as a whole; an empty one too', () => {
    const dir = tempDir();
    const out = path.join(dir, 'plan');
    writeFolderAtomic(out, files({ 'a.csv': 'a\n', 'old.csv': 'o\n' }));
    writeFolderAtomic(out, files({ 'a.csv': 'b\n' }));
    expect(fs.readdirSync(out).sort()).toEqual([FOLDER_MARKER, 'a.csv']);
    expect(fs.readFileSync(path.join(out, 'a.csv'), 'utf8')).toBe('b\n');
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    writeFolderAtomic(empty, files({ 'a.csv': 'c\n' }));
    expect(fs.readFileSync(path.join(empty, 'a.csv'), 'utf8')).toBe('c\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['empty', 'plan']);
  });

  test('a folder peakshift did not write is refused and left as it was', () => {
    const out = path.join(tempDir(), 'mine');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'keep me');
    expect(usageMessage(() => writeFolderAtomic(out, files({ 'a.csv': 'a\n' })))).toBe(`--out-dir ${out} exists and was not written by peakshift; choose another folder or pass --force`);
    expect(fs.readdirSync(out)).toEqual(['notes.txt']);
  });

  test('a file added to a folder peakshift wrote is not deleted by the next run', () => {
    const out = path.join(tempDir(), 'plan');
    writeFolderAtomic(out, files({ 'a.csv': 'a\n' }));
    fs.writeFileSync(path.join(out, 'my-notes.md'), 'mine');
    expect(usageMessage(() => checkOutputFolder(out, '--out-dir'))).toBe(`--out-dir ${out} holds files peakshift did not write (my-notes.md); choose another folder or pass --force`);
    expect(() => writeFolderAtomic(out, files({ 'a.csv': 'b\n' }))).toThrow('holds files peakshift did not write');
    expect(fs.readFileSync(path.join(out, 'my-notes.md'), 'utf8')).toBe('mine');
  });

  test('a file where the folder should be is refused', () => {
    const out = path.join(tempDir(), 'plan');
    fs.writeFileSync(out, 'x');
    expect(usageMessage(() => checkOutputFolder(out, '--out-dir'))).toBe(`--out-dir ${out} is a file, not a folder peakshift wrote; choose another folder or pass --force`);
  });

  test('--force replaces any folder', () => {
    const out = path.join(tempDir(), 'mine');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'x');
    writeFolderAtomic(out, files({ 'a.csv': 'a\n' }), { force: true });
    expect(fs.readdirSync(out).sort()).toEqual([FOLDER_MARKER, 'a.csv']);
  });
});

describe('temporary files and folders', () => {
  test('are named after the target and peakshift, and gone after a write', () => {
    const dir = tempDir();
    writeFileAtomic(path.join(dir, 'f.csv'), 'x\n');
    writeFolderAtomic(path.join(dir, 'out'), files({ 'a.csv': 'a\n' }));
    expect(fs.readdirSync(dir).sort()).toEqual(['f.csv', 'out']);
  });

  test('left by a killed run are removed by the next write in that folder; a running one\'s stay', () => {
    const dir = tempDir();
    const dead = deadPid();
    const staleFolder = `.plan-out.peakshift-tmp-${dead}-1`;
    const staleFile = `.forecast.csv.peakshift-tmp-${dead}-2`;
    const live = `.plan-out.peakshift-tmp-${process.pid}-99`;
    fs.mkdirSync(path.join(dir, staleFolder));
    fs.writeFileSync(path.join(dir, staleFolder, 'coverage.csv'), 'half');
    fs.writeFileSync(path.join(dir, staleFile), 'half');
    fs.mkdirSync(path.join(dir, live));
    fs.writeFileSync(path.join(dir, '.notes.tmp-1-1'), 'not ours');
    writeFolderAtomic(path.join(dir, 'plan-out'), files({ 'a.csv': 'a\n' }));
    expect(fs.readdirSync(dir).sort()).toEqual(['.notes.tmp-1-1', live, 'plan-out']);
    expect(removeStaleTemps(dir)).toEqual([]);
  });
});

test('a missing input file, a folder, and one over the size cap are named', () => {
  const dir = tempDir();
  expect(() => readTextFile(path.join(dir, 'nope.csv'), 'a readable inquiry CSV')).toThrow(`${path.join(dir, 'nope.csv')}: no such file; expected a readable inquiry CSV`);
  expect(() => readTextFile(dir, 'a readable inquiry CSV')).toThrow(`${dir}: a folder; expected a readable inquiry CSV`);
  const big = path.join(dir, 'big.csv');
  const fd = fs.openSync(big, 'w');
  fs.ftruncateSync(fd, 300 * 1024 * 1024);
  fs.closeSync(fd);
  expect(() => readTextFile(big, 'a readable inquiry CSV')).toThrow(`${big}: a file of 300 MB; expected at most 256 MB (split it, or aggregate finer rows into hours)`);
  fs.rmSync(big);
});

test('a file peakshift adds to its folder later (simulate) joins the marker, so the folder stays replaceable', () => {
  const out = path.join(tempDir(), 'plan');
  writeFolderAtomic(out, files({ 'coverage.csv': 'c\n', 'summary.json': '{}\n' }));
  fs.writeFileSync(path.join(out, 'simulation.csv'), 's\n');
  addToFolderMarker(out, 'simulation.csv');
  addToFolderMarker(out, 'simulation.csv');
  expect(fs.readFileSync(path.join(out, FOLDER_MARKER), 'utf8')).toBe('written by peakshift; a later run may replace this folder. Files:\ncoverage.csv\nsimulation.csv\nsummary.json\n');
  expect(() => checkOutputFolder(out, '--out-dir')).not.toThrow();
  const unmarked = tempDir();
  addToFolderMarker(unmarked, 'simulation.csv');
  expect(fs.readdirSync(unmarked)).toEqual([]);
});
