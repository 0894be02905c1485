/**
 * CI's summary of the exhaustive space (`scripts/exhaustive-summary.mjs`): what it prints from the
 * slices in vitest's JSON report, and that a run asked for the full space fails unless all of it
 * recorded.
 */
import { describe, expect, test } from 'vitest';
import { summarizeExhaustiveSpace, type VitestJsonReport } from '../../../scripts/exhaustive-summary.mjs';
import type { SliceRecord } from './slice-test.ts';

const slice = (space: string, spaceCases: number, cases: number, cpuSeconds: number): SliceRecord => ({ space, spaceCases, cases, lawChecks: cases * 31, cpuSeconds, wallSeconds: cpuSeconds + 1 });

const reportOf = (...slices: (SliceRecord | undefined)[]): VitestJsonReport => ({
  testResults: [{ assertionResults: slices.map((s) => (s === undefined ? { meta: {} } : { meta: { exhaustiveSlice: s } })) }],
});

describe('summary of the exhaustive space', () => {
  test('adds up the slices of each space, and ignores other tests', () => {
    const report = reportOf(slice('full', 1000, 600, 12.25), undefined, slice('full', 1000, 400, 7.5), slice('word edges', 24, 24, 0.5));
    expect(summarizeExhaustiveSpace(report, true)).toEqual({
      lines: ['exhaustive space (full): 1,000 of 1,000 cases in 2 slices, 31,000 law checks, 19.8 s CPU', 'exhaustive space (word edges): 24 of 24 cases in 1 slice, 744 law checks, 0.5 s CPU'],
      failures: [],
    });
  });

  test('fails a full run in which part of the full space did not record', () => {
    expect(summarizeExhaustiveSpace(reportOf(slice('full', 1000, 600, 1)), true).failures).toEqual(['exhaustive space (full): only 600 of 1,000 cases ran']);
  });

  test('fails a full run in which no slice of the full space ran', () => {
    expect(summarizeExhaustiveSpace(reportOf(slice('word edges', 24, 24, 0.5)), true).failures).toEqual([
      'exhaustive space (full): EXHAUSTIVE_SPACE=full, but no slice of the full space ran',
    ]);
  });

  test('asks nothing of the full space when it was not asked for', () => {
    expect(summarizeExhaustiveSpace(reportOf(slice('word edges', 24, 24, 0.5)), false).failures).toEqual([]);
  });
});
