/**
 * The predictor follows the rules of `scripts/predict_migration.py`: scaling, interpolation and
 * extrapolation of the dirty-page curve, page and header costs, the stop rule, units and rounding.
 * Expected values are worked out by hand in each test, not by the predictor.
 */
import { describe, expect, test } from 'vitest';
import { readCalcDirtyRate } from '../../src/dirty-curve/calc-dirty-rate.ts';
import { dirtyCurveOf } from '../../src/dirty-curve/dirty-curve.ts';
import { predictMigrationMs } from '../../src/predictor/predict-migration.ts';
import { bandwidthRow, formatEta, predictionTable, renderPredictionTable } from '../../src/predictor/prediction-table.ts';

const measurement = (overrides: Record<string, unknown> = {}) => ({
  'page-size': 4096, periods: [1000, 2000], 'n-dirty-pages': [100, 200], 'n-sampled-pages': 1000, 'n-zero-pages': 100, 'n-total-pages': 1000, ...overrides,
});
const curve = (overrides: Record<string, unknown> = {}) => dirtyCurveOf(readCalcDirtyRate(measurement(overrides)));

describe('the dirty-page curve', () => {
  test('scales sample counts by total/sampled pages', () => {
    // 50 of 500 sampled pages dirty after 1 s is 100 of 1000.
    expect(curve({ 'n-sampled-pages': 500, 'n-dirty-pages': [50, 100], 'n-zero-pages': 50 }).dirtyPagesAfter(1000)).toBe(100);
  });

  test('interpolates piecewise-linearly between measured periods', () => {
    expect(curve({ periods: [1000, 2000, 4000], 'n-dirty-pages': [100, 200, 300] }).dirtyPagesAfter(3000)).toBe(250);
  });

  test('extrapolates to t = 0 along its first two points, clamped at 0 pages', () => {
    expect(curve({ 'n-dirty-pages': [300, 400] }).dirtyPagesAfter(0)).toBe(200);
    expect(curve({ 'n-dirty-pages': [300, 400] }).dirtyPagesAfter(500)).toBe(250);
    // The line through (1000, 100) and (2000, 400) meets t = 0 at −200: clamped to 0, so 500 ms is halfway to 100.
    expect(curve({ 'n-dirty-pages': [100, 400] }).dirtyPagesAfter(500)).toBe(50);
  });

  test('extrapolates to the right along its last two points until every non-zero page is dirty, then stays', () => {
    // 0.1 pages per ms reaches the 900 non-zero pages at 9000 ms.
    const c = curve();
    expect(c.dirtyPagesAfter(5000)).toBeCloseTo(500, 9);
    expect(c.dirtyPagesAfter(9000)).toBeCloseTo(900, 9);
    expect(c.dirtyPagesAfter(60_000)).toBe(900);
  });

  test('stays at the last measured count when the last two points do not rise', () => {
    expect(curve({ 'n-dirty-pages': [200, 150] }).dirtyPagesAfter(10_000)).toBe(150);
  });
});

describe('predictMigrationMs', () => {
  // First iteration: 900 non-zero pages at 4096 + 8 bytes and 100 zero pages at 8 bytes = 3,694,400 bytes.
  const firstBytes = 900 * 4104 + 100 * 8;

  test('sends every page first, zero pages as their 8-byte header only, then the pages dirtied meanwhile', () => {
    // At firstBytes per second the first iteration takes 1000 ms; 100 pages were dirtied meanwhile.
    const secondMs = (100 * 4104 * 1000) / firstBytes;
    expect(predictMigrationMs(curve(), firstBytes, 125)).toBe(Math.ceil(1000 + secondMs));
  });

  test('stops after the first iteration whose time is at or below the limit, counting it', () => {
    const secondMs = (100 * 4104 * 1000) / firstBytes;
    const thirdMs = (((secondMs * 0.1) * 4104) * 1000) / firstBytes;
    expect(predictMigrationMs(curve(), firstBytes, 100)).toBe(Math.ceil(1000 + secondMs + thirdMs));
    expect(predictMigrationMs(curve(), firstBytes, 1000)).toBe(1000);
    expect(predictMigrationMs(curve(), firstBytes, Number.POSITIVE_INFINITY)).toBe(1000);
  });

  test('does not converge when the total passes the deadline first', () => {
    // Everything dirty again within an iteration: every iteration takes as long as the first.
    const saturated = curve({ 'n-dirty-pages': [900, 900], 'n-zero-pages': 100 });
    expect(predictMigrationMs(saturated, firstBytes, 125, 3_600_000)).toBeNull();
    expect(predictMigrationMs(saturated, firstBytes, 125, 500)).toBeNull();
  });

  test('rejects a bandwidth that is not positive', () => {
    expect(() => predictMigrationMs(curve(), 0, 125)).toThrow(new RangeError('predictMigrationMs: bandwidthBytesPerSecond must be > 0, got 0'));
  });
});

describe('the table', () => {
  test('reads "X Gbps" as X·1024³/8 bytes per second and "X Mbps" as X·1024²/8', () => {
    expect(bandwidthRow(2.5, 'Gbps')).toEqual({ label: '2.5 Gbps', bytesPerSecond: 335_544_320 });
    expect(bandwidthRow(100, 'Mbps')).toEqual({ label: '100 Mbps', bytesPerSecond: 13_107_200 });
  });

  test('rounds times up to whole seconds and writes minutes with two-digit seconds', () => {
    expect([0, 1, 999, 1000, 59_001, 60_000, 125_000, 3_599_999].map(formatEta)).toEqual(['0s', '1s', '1s', '1s', '1m00s', '1m00s', '2m05s', '60m00s']);
    expect(formatEta(null)).toBe('-');
  });

  test('lays the table out as the script prints it, without trailing blanks', () => {
    const table = predictionTable(curve(), [bandwidthRow(1, 'Gbps')], [125, Number.POSITIVE_INFINITY]);
    expect(renderPredictionTable(table).split('\n')).toEqual([
      'Downtime> |    125ms |    unlim |',
      '---------------------------------',
      '   1 Gbps |       1s |       1s |',
    ]);
  });
});

describe('readCalcDirtyRate', () => {
  test.each([
    [{ periods: [1000] , 'n-dirty-pages': [1] }, new RangeError('readCalcDirtyRate: periods must be at least 2 periods (the curve is extrapolated from its first two points), got 1')],
    [{ periods: [1000, 1000] }, new RangeError('readCalcDirtyRate: periods[1] must be > 1000 (strictly increasing from above 0), got 1000')],
    [{ 'n-dirty-pages': [1, 2, 3] }, new RangeError('readCalcDirtyRate: n-dirty-pages must be one count per period (2), got 3')],
    [{ 'n-sampled-pages': 0 }, new RangeError('readCalcDirtyRate: n-sampled-pages must be an integer >= 1, got 0')],
    [{ 'n-zero-pages': 2000 }, new RangeError('readCalcDirtyRate: n-zero-pages must be <= n-sampled-pages (1000), got 2000')],
    [{ 'page-size': '4096' }, new TypeError('readCalcDirtyRate: page-size must be a number, got "4096"')],
  ])('rejects %j', (overrides, error) => {
    expect(() => readCalcDirtyRate(measurement(overrides))).toThrow(error);
  });
});
