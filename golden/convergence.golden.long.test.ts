/**
 * The golden gate, convergence part: the claims audit, the derivation verdicts and the threshold grid
 * as the code computes them. Golden is not truth; the properties are.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderGoldenFile } from '../src/golden/golden-file.ts';
import { compareGoldenDirectory, produceGoldenFiles } from '../src/golden/golden-set.ts';

const GOLDEN_DIRECTORY = resolve(import.meta.dirname);
const CONVERGENCE = ['convergence'] as const;
const produced = produceGoldenFiles({}, CONVERGENCE);

describe('golden gate: convergence', () => {
  test('every convergence golden file matches what the code computes (npm run golden:update rewrites them)', () => {
    const problems = compareGoldenDirectory(GOLDEN_DIRECTORY, produced, CONVERGENCE);
    expect(problems.map((p) => `${p.kind}: ${p.detail}`).join('\n\n')).toBe('');
  });

  test('producing the files again gives byte-identical text', () => {
    expect(produceGoldenFiles({}, CONVERGENCE).map(renderGoldenFile)).toEqual(produced.map(renderGoldenFile));
  });
});
