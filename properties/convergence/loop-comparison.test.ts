/**
 * The loop comparison's text table, from hand-written rows: columns padded to their widest cell and
 * separated by two spaces, limits in ms to one decimal, rates in GB/s to three, `-` for no value.
 */
import { describe, expect, test } from 'vitest';
import { type LoopComparisonRow, renderLoopComparison } from '../../src/convergence/loop-comparison.ts';

describe('renderLoopComparison', () => {
  test('lays out rows under the header with units converted and missing values as -', () => {
    const rows: LoopComparisonRow[] = [
      { model: 'seed, eq. (12)/(12)', syncMs: 73, leastDowntimeMs: 219, realDowntimeMs: null, greatestDirtyRateBytesPerMs: 7.7e6, dirtyRateIntervals: null },
      { model: 'qemu loop', syncMs: 12, leastDowntimeMs: 35.04, realDowntimeMs: 40.26, greatestDirtyRateBytesPerMs: null, dirtyRateIntervals: 2 },
    ];
    expect(renderLoopComparison(rows).split('\n')).toEqual([
      'model                x (ms)  least y at D = 10 (ms)  real downtime (ms)  greatest D at y = 150 (GB/s)  intervals',
      '-------------------  ------  ----------------------  ------------------  ----------------------------  ---------',
      'seed, eq. (12)/(12)  73      219.0                   -                   7.700                         -',
      'qemu loop            12      35.0                    40.3                -                             2',
    ]);
  });

  test('widens a column to its widest cell', () => {
    const rows: LoopComparisonRow[] = [
      { model: 'a model name longer than the others', syncMs: 123456, leastDowntimeMs: 1, realDowntimeMs: 1, greatestDirtyRateBytesPerMs: 1e6, dirtyRateIntervals: 1 },
    ];
    const [header, rule, body] = renderLoopComparison(rows).split('\n');
    expect(rule.startsWith(`${'-'.repeat(35)}  ${'-'.repeat(6)}  `)).toBe(true);
    expect(header.startsWith(`model${' '.repeat(30)}  x (ms)  least`)).toBe(true);
    expect(body).toBe(`a model name longer than the others  123456  1.0${' '.repeat(21)}1.0${' '.repeat(17)}1.000${' '.repeat(25)}1`);
  });
});
