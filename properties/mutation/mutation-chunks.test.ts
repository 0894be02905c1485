/**
 * `mutationChunks` reads `mutation/scope.json`: which core files each chunk mutates, and which test files
 * its run leaves out. A skipped path that does not exist would skip nothing and hide a slower run, so it
 * is an error. Checked on a scope written here, in a scratch repository root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { mutationChunks } from '../../scripts/mutation/mutation-report.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A scratch root with `src/a/one.ts`, `src/b/two.ts`, one test file, and the scope given. */
function scratchRoot(chunks: unknown[]): string {
  const root = mkdtempSync(join(tmpdir(), 'dso-scope-'));
  roots.push(root);
  for (const path of ['src/a/one.ts', 'src/b/two.ts', 'properties/slow.test.ts']) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'export {};\n');
  }
  mkdirSync(join(root, 'mutation'));
  writeFileSync(join(root, 'mutation/scope.json'), JSON.stringify({ include: ['src/a', 'src/b'], exclude: [], chunks }));
  return root;
}

describe('mutationChunks', () => {
  test('gives each chunk its files and the tests it leaves out, none by default', () => {
    const root = scratchRoot([
      { name: 'first', paths: ['src/a'], skipTests: ['properties/slow.test.ts'] },
      { name: 'second', paths: ['src'] },
    ]);
    expect(mutationChunks(root)).toEqual([
      { name: 'first', files: ['src/a/one.ts'], coverageAnalysis: 'perTest', skipTests: ['properties/slow.test.ts'] },
      { name: 'second', files: ['src/b/two.ts'], coverageAnalysis: 'perTest', skipTests: [] },
    ]);
  });

  test('refuses a skipped test file that does not exist', () => {
    const root = scratchRoot([{ name: 'first', paths: ['src'], skipTests: ['properties/slwo.test.ts'] }]);
    expect(() => mutationChunks(root)).toThrow(new Error('mutation/scope.json: chunk first skips properties/slwo.test.ts, which does not exist'));
  });
});
