/**
 * Reads a sample output from the README or a page of `docs/`, so that a test can hold it against what
 * the current code prints and no sample in the documentation can go stale. A sample is the fenced
 * block that follows a marker line `<!-- sample: ID -->`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The text of one marked sample.
 * @param relativePath - the markdown file, relative to the repository root (e.g. `README.md`)
 * @param id - the sample's id in its marker
 * @returns the lines between the fences after the marker, joined by newlines, without the fences
 * @throws Error when the file has no such marker, or the marker is not followed by a fenced block
 */
export function readDocSample(relativePath: string, id: string): string {
  const lines = readFileSync(resolve(repositoryRoot, relativePath), 'utf8').split('\n');
  const marker = lines.findIndex((line) => line.trim() === `<!-- sample: ${id} -->`);
  if (marker < 0) throw new Error(`readDocSample: ${relativePath} has no marker <!-- sample: ${id} -->`);
  const open = lines[marker + 1]?.trim() ?? '';
  if (!open.startsWith('```')) throw new Error(`readDocSample: the marker ${id} in ${relativePath} is not followed by a fenced block`);
  const close = lines.findIndex((line, index) => index > marker + 1 && line.trim() === '```');
  if (close < 0) throw new Error(`readDocSample: the block after marker ${id} in ${relativePath} is never closed`);
  return lines.slice(marker + 2, close).join('\n');
}
