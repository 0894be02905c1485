/**
 * docs/migration-loop.md and the README show what the current code computes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { dipsSample, loopSampleTexts } from './loop-samples.ts';
import { readDocSample } from './doc-sample.ts';

describe('docs/migration-loop.md', () => {
  // The comparison table (seconds to compute) is checked in properties/convergence/loop-comparison.test.ts,
  // beside the checks of its rows.
  test('shows the current output of every sample but the comparison', async () => {
    const texts = await loopSampleTexts(false);
    expect(Object.keys(texts).sort()).toEqual(['loop-dips', 'loop-predict', 'loop-simulate']);
    for (const [id, text] of Object.entries(texts)) expect(readDocSample('docs/migration-loop.md', id), id).toBe(text);
  });

  test('the README quotes the first non-monotone step as computed', () => {
    const match = /^x = (\d+) ms: ([\d.]+) ms {2}-> {2}x = (\d+) ms: ([\d.]+) ms$/m.exec(dipsSample());
    expect(match).not.toBeNull();
    const [, fromX, fromMs, toX, toMs] = match!;
    expect(readFileSync('README.md', 'utf8').replace(/\s+/g, ' ')).toContain(`dips from ${fromMs} ms at x = ${fromX} ms to ${toMs} ms at x = ${toX} ms`);
  });
});
