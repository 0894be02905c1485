/**
 * The golden gate, sync part. Golden is not truth; the properties are: these files record what the code
 * computed, so that a reviewer sees *what* changed in the results. They change only through
 * `npm run golden:update`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderGoldenFile } from '../src/golden/golden-file.ts';
import { compareGoldenDirectory, GOLDEN_PARTS, listGoldenFiles, produceGoldenFiles, writeGoldenDirectory } from '../src/golden/golden-set.ts';
import type { SyncImplementation } from '../src/sync/contract.ts';
import { wordwise } from '../src/sync/wordwise.ts';

const GOLDEN_DIRECTORY = resolve(import.meta.dirname);
const SYNC = ['sync'] as const;
const produced = produceGoldenFiles({}, SYNC);

function scratchCopy(): string {
  const directory = mkdtempSync(join(tmpdir(), 'golden-'));
  cpSync(GOLDEN_DIRECTORY, directory, { recursive: true, filter: (path) => !path.endsWith('.ts') });
  return directory;
}

describe('golden gate: sync', () => {
  test('every golden file matches what the code computes (npm run golden:update rewrites them)', () => {
    const problems = compareGoldenDirectory(GOLDEN_DIRECTORY, produced, SYNC);
    expect(problems.map((p) => `${p.kind}: ${p.detail}`).join('\n\n')).toBe('');
  });

  test('producing the files again gives byte-identical text', () => {
    const again = produceGoldenFiles({}, SYNC);
    expect(again.map(renderGoldenFile)).toEqual(produced.map(renderGoldenFile));
    const directory = mkdtempSync(join(tmpdir(), 'golden-twice-'));
    expect(writeGoldenDirectory(directory, produced).written).toHaveLength(produced.length);
    expect(writeGoldenDirectory(directory, again)).toEqual({ written: [], unchanged: produced.map((f) => f.name), deleted: [] });
  });

  test('a changed result fails the gate with a record-level diff, and passes again after an update', () => {
    const directory = mkdtempSync(join(tmpdir(), 'golden-changed-'));
    writeGoldenDirectory(directory, produceGoldenFiles({ implementations: [wordwise] }, SYNC));
    // A sync that counts one page too many whenever it sets any: a result changes, nothing else.
    const changed: SyncImplementation = {
      ...wordwise,
      syncDirtyBitmap: (mem, rb, startPage, npages, effects) => {
        const newlySet = wordwise.syncDirtyBitmap(mem, rb, startPage, npages, effects);
        return newlySet > 0 ? newlySet + 1 : 0;
      },
    };
    const withChange = produceGoldenFiles({ implementations: [changed] }, SYNC);
    const problems = compareGoldenDirectory(directory, withChange, SYNC);
    const details = problems.map((p) => p.detail).join('\n');
    expect(problems.map((p) => `${p.kind} ${p.file}`)).toEqual(['changed sync/findings.txt', 'changed sync/wordwise.txt']);
    expect(details).toMatch(/record "any-range#\d+" changed:\n {2}- any-range#\d+ \| .* \| returned (\d+) \|.*\n {2}\+ any-range#\d+ \| .* \| returned \d+ \|/);
    expect(details).toContain('record "wordwise" is gone');
    expect(details).toMatch(/record "wordwise L4 count" is new:\n {2}\+ wordwise L4 count \| broken on /);
    writeGoldenDirectory(directory, withChange);
    expect(compareGoldenDirectory(directory, withChange, SYNC)).toEqual([]);
  });

  test('every golden file lies under a part that produces it', () => {
    expect(listGoldenFiles(GOLDEN_DIRECTORY).filter((name) => !GOLDEN_PARTS.some((part) => name.startsWith(`${part.name}/`)))).toEqual([]);
  });

  test('a missing, an orphaned and an unreadable golden file each fail, naming the file (and line)', () => {
    const directory = scratchCopy();
    rmSync(join(directory, 'sync/reference.txt'));
    writeFileSync(join(directory, 'sync/left-over.txt'), '# inputs: none\n');
    const wordwiseFile = join(directory, 'sync/wordwise.txt');
    writeFileSync(wordwiseFile, readFileSync(wordwiseFile, 'utf8').replace(/\n/, '\n\n'));
    const problems = compareGoldenDirectory(directory, produced, SYNC);
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'missing', file: 'sync/reference.txt' }),
      expect.objectContaining({ kind: 'unreadable', file: 'sync/wordwise.txt', detail: expect.stringMatching(/^sync\/wordwise\.txt:2: a record line must start/) }),
      expect.objectContaining({ kind: 'orphan', file: 'sync/left-over.txt' }),
    ]);
  });
});
