/**
 * The sample reader finds the block after its marker and refuses markers that lead nowhere, so a test
 * built on it cannot pass on a sample that is not there.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { readDocSample } from './doc-sample.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const directory = mkdtempSync(join(tmpdir(), 'doc-sample-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function page(text: string): string {
  const path = join(directory, `${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(path, text);
  return relative(root, path);
}

test('returns the lines between the fences after the marker', () => {
  const path = page('# t\n<!-- sample: a -->\n```text\nline 1\n  line 2\n```\n<!-- sample: b -->\n```\nother\n```\n');
  expect(readDocSample(path, 'a')).toBe('line 1\n  line 2');
  expect(readDocSample(path, 'b')).toBe('other');
});

test('refuses a missing marker, a marker without a block and an unclosed block', () => {
  expect(() => readDocSample(page('nothing\n'), 'a')).toThrow(/has no marker <!-- sample: a -->/);
  expect(() => readDocSample(page('<!-- sample: a -->\ntext\n'), 'a')).toThrow(/not followed by a fenced block/);
  expect(() => readDocSample(page('<!-- sample: a -->\n```\ntext\n'), 'a')).toThrow(/never closed/);
});
