/**
 * Command-line quantities: units are required and converted to bytes per ms, ms and bytes.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../../src/cli/quantity.ts';
import { property } from '../fast-check-property.ts';

describe('parseQuantity', () => {
  test.each([
    ['15 GB/s', 'bandwidth', 1.5e7],
    ['15 GBps', 'bandwidth', 1.5e7],
    ['15GB/s', 'bandwidth', 1.5e7],
    ['10 Gb/s', 'bandwidth', 1.25e6],
    ['1 GiB/s', 'bandwidth', 2 ** 30 / 1000],
    ['500 MB/s', 'bandwidth', 5e5],
    ['73 ms', 'duration', 73],
    ['0.073 s', 'duration', 73],
    ['256 GiB', 'size', 256 * 2 ** 30],
    ['1 GB', 'size', 1e9],
  ] as const)('reads %s as a %s of %d in internal units', (text, kind, expected) => {
    expect(parseQuantity('--option', text, kind)).toBeCloseTo(expected, 6);
  });

  test('rejects a bare number, saying which units are expected', () => {
    expect(() => parseQuantity('--sync', '73', 'duration')).toThrow(new RangeError('dirty-sync-oracle: --sync must be a duration with a unit (ms, s), e.g. "73 ms", got "73"'));
    expect(() => parseQuantity('--bandwidth', '15', 'bandwidth')).toThrow(/--bandwidth must be a bandwidth with a unit \(GB\/s, GiB\/s, MB\/s, Gb\/s\)/);
  });

  test('rejects a quantity of the wrong kind, an unknown unit, and a non-positive value', () => {
    expect(() => parseQuantity('--sync', '15 GB/s', 'duration')).toThrow(/--sync must be a duration with a unit/);
    expect(() => parseQuantity('--memory', '3 parsecs', 'size')).toThrow(/--memory must be a size with a unit/);
    expect(() => parseQuantity('--sync', '-3 ms', 'duration')).toThrow(new RangeError('dirty-sync-oracle: --sync must be a positive duration, not a negative one, got "-3 ms"'));
    expect(() => parseQuantity('--sync', '0 s', 'duration')).toThrow(new RangeError('dirty-sync-oracle: --sync must be a positive duration, not zero, got "0 s"'));
  });

  test('rejects a value outside its kind\'s range as out of range, not as non-positive', () => {
    expect(() => parseQuantity('--bandwidth', '1e300 GB/s', 'bandwidth')).toThrow(new RangeError('dirty-sync-oracle: --bandwidth must be a bandwidth from 1 kB/s to 1 PB/s (it overflows), got "1e300 GB/s"'));
    expect(() => parseQuantity('--sync', '2 h', 'duration')).toThrow(new RangeError('dirty-sync-oracle: --sync must be a duration from 1 us to 1 hour (too large), got "2 h"'));
    expect(() => parseQuantity('--memory', '1e-300 GiB', 'size')).toThrow(new RangeError('dirty-sync-oracle: --memory must be a size from 1 MiB to 1 PiB (too small), got "1e-300 GiB"'));
    expect(parseQuantity('--bandwidth', '1 PB/s', 'bandwidth')).toBe(1e12);
    expect(parseQuantity('--sync', '1 h', 'duration')).toBe(3.6e6);
  });

  test('converts GB/s to bytes per ms by a factor of 1e6', property([fc.double({ min: 1e-3, max: 1e4, noNaN: true })], (gbps) => {
    expect(Math.abs(parseQuantity('--bandwidth', `${gbps} GB/s`, 'bandwidth') - gbps * 1e6)).toBeLessThanOrEqual(1e-9 * gbps * 1e6);
  }, 100));
});
