/**
 * docs/migration-loop.md and the README show what the current code computes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { dipsSample, loopSampleTexts } from './loop-samples.ts';
import { readDocSample } from './doc-sample.ts';

describe('docs/migration-loop.md', () => {
  test('shows the current output of every sample', async () => {
    const texts = await loopSampleTexts();
    expect(Object.keys(texts).sort()).toEqual(['loop-comparison', 'loop-dips', 'loop-predict', 'loop-simulate']);
    for (const [id, text] of Object.entries(texts)) expect(readDocSample('docs/migration-loop.md', id), id).toBe(text);
  });

  test('the README quotes the first non-monotone step as computed', () => {
    const match = /^x = (\d+) ms: ([\d.]+) ms {2}-> {2}x = (\d+) ms: ([\d.]+) ms$/m.exec(dipsSample());
    expect(match).not.toBeNull();
    const [, fromX, fromMs, toX, toMs] = match!;
    expect(readFileSync('README.md', 'utf8').replace(/\s+/g, ' ')).toContain(`dips from ${fromMs} ms at x = ${fromX} ms to ${toMs} ms at x = ${toX} ms`);
  });
});
