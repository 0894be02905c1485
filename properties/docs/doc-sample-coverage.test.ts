/**
 * Every sample output marked in the README or in `docs/` is held by a test: its id appears, quoted,
 * in a test file next to a call of the sample reader. A sample nobody compares would go stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function files(directory: string, keep: (name: string) => boolean): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

test('every <!-- sample: id --> in README.md and docs/ is read by a test', () => {
  const pages = [resolve(root, 'README.md'), ...files(resolve(root, 'docs'), (name) => name.endsWith('.md'))];
  const samples = pages.flatMap((page) => [...readFileSync(page, 'utf8').matchAll(/<!-- sample: (\S+) -->/g)].map((m) => ({ page: relative(root, page), id: m[1] })));
  expect(samples.length).toBeGreaterThan(0);
  const tests = ['properties', 'golden', 'bench'].flatMap((dir) => files(resolve(root, dir), (name) => /\.test\.ts$/.test(name))).map((path) => readFileSync(path, 'utf8'));
  const readers = tests.filter((text) => /readDocSample|documentedRun/.test(text));
  for (const { page, id } of samples) {
    expect(readers.some((text) => text.includes(`'${id}'`)), `${page}: sample ${id} is compared by no test`).toBe(true);
  }
});
