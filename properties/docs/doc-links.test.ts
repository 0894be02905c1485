/**
 * Every relative link in the README and in `docs/` leads somewhere: the file exists, and an anchor
 * names a heading of that file (anchors as GitHub derives them from heading text).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pages = [resolve(root, 'README.md'), ...readdirSync(resolve(root, 'docs')).filter((n) => n.endsWith('.md')).map((n) => resolve(root, 'docs', n))];

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces to dashes. */
function anchorsOf(markdown: string): Set<string> {
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const headings = [...outsideCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  const explicit = [...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
  return new Set([...headings, ...explicit]);
}

test('relative links in README.md and docs/ point at files and headings that exist', () => {
  let checked = 0;
  for (const page of pages) {
    const text = readFileSync(page, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const file = path === '' ? page : resolve(dirname(page), path);
      const where = `${relative(root, page)} → ${target}`;
      expect(existsSync(file), where).toBe(true);
      if (anchor !== undefined && file.endsWith('.md')) expect([...anchorsOf(readFileSync(file, 'utf8'))], where).toContain(anchor);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(20);
});
