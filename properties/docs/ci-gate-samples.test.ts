/**
 * docs/ci-gate.md shows how the gate prints a changed golden record: here the committed
 * `golden/sync/wordwise.txt` is compared with a copy whose first record returns one more.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { parseGoldenFile } from '../../src/golden/golden-file.ts';
import { compareGoldenDirectory } from '../../src/golden/golden-set.ts';
import { readDocSample } from './doc-sample.ts';

test('the golden-diff sample is what compareGoldenDirectory prints for one changed return value', () => {
  const text = readFileSync(resolve(import.meta.dirname, '../../golden/sync/wordwise.txt'), 'utf8');
  const directory = mkdtempSync(join(tmpdir(), 'golden-sample-'));
  try {
    mkdirSync(join(directory, 'sync'));
    writeFileSync(join(directory, 'sync/wordwise.txt'), text);
    const changed = text.replace(/\| returned (\d+) \|/, (_, n: string) => `| returned ${Number(n) + 1} |`);
    expect(changed).not.toBe(text);
    const problems = compareGoldenDirectory(directory, [parseGoldenFile('sync/wordwise.txt', changed)], ['sync']);
    expect(problems.map((p) => p.kind)).toEqual(['changed']);
    expect(problems[0].detail).toBe(readDocSample('docs/ci-gate.md', 'golden-diff'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
