/**
 * Writes copies of `src/sync/wordwise.ts` for the plug-in tests: a faithful copy, and one with a single
 * tail-mask mutation (the range's last partial word loses its top in-range page). The copies import the
 * project's modules by absolute path, so they load from any directory.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WORDWISE = resolve(import.meta.dirname, '../../src/sync/wordwise.ts');
const TAIL_MASK = 'harvestPartialWord(mem, rb, lastWord, lowMask(tailBits), totals)';

/**
 * Writes the two copies into a fresh temporary directory.
 * @returns the paths of the faithful and the mutated copy
 * @throws Error when wordwise.ts no longer has the tail-mask expression this mutation targets
 */
export function writeWordwiseCopies(): { faithful: string; tailMaskBug: string } {
  const source = readFileSync(WORDWISE, 'utf8').replace(/from '\.\.\/([^']+)'/g, (_, rest: string) => `from '${resolve(WORDWISE, '../..', rest)}'`).replace(/from '\.\/([^']+)'/g, (_, rest: string) => `from '${resolve(WORDWISE, '..', rest)}'`);
  if (source.split(TAIL_MASK).length !== 2) throw new Error(`writeWordwiseCopies: wordwise.ts must contain "${TAIL_MASK}" exactly once`);
  const directory = mkdtempSync(join(tmpdir(), 'wordwise-copies-'));
  const faithful = join(directory, 'wordwise-copy.ts');
  const tailMaskBug = join(directory, 'wordwise-tail-mask-bug.ts');
  // The plug-in contract asks for an export named syncDirtyBitmap.
  const plugin = `${source}\nexport { wordwiseSync as syncDirtyBitmap };\n`;
  writeFileSync(faithful, plugin);
  writeFileSync(tailMaskBug, plugin.replace(TAIL_MASK, TAIL_MASK.replace('lowMask(tailBits)', 'lowMask(tailBits - 1)')));
  return { faithful, tailMaskBug };
}
