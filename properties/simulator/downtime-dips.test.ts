/**
 * `downtimeDips` lists the steps of the sync time where the least converging limit falls. The least
 * limits are its input, taken from `simulatedMinDowntime`; what is checked here is which steps it lists,
 * in which order, and what each step records. The sync times are the seed VM's windowed-passes dips
 * around x = 54 → 55 ms (B = 15 GB/s, D = 10 GB/s).
 */
import { describe, expect, test } from 'vitest';
import { SEED_VM_MEMORY_BYTES } from '../../src/convergence/threshold-comparison.ts';
import { downtimeDips } from '../../src/simulator/downtime-dips.ts';
import { simulatedMinDowntime } from '../../src/simulator/threshold-search.ts';

const B = 15e6;
const D = 10e6;
const least = (syncMs: number) => simulatedMinDowntime({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs, memoryBytes: SEED_VM_MEMORY_BYTES }, 'windowed-passes').downtimeMs;

describe('downtimeDips', () => {
  test('lists each step where the least limit falls, with both ends, and no step where it rises', () => {
    const [at53, at54, at55, at56] = [53, 54, 55, 56].map(least);
    // The inputs this case relies on: a rise to 54 ms, a fall to 55 ms, a rise to 56 ms.
    expect(at54).toBeGreaterThan(at53);
    expect(at55).toBeLessThan(at54);
    expect(at56).toBeGreaterThan(at55);
    // As docs/migration-loop.md lists the step: 149.60 ms at 54 ms, 137.73 ms at 55 ms.
    expect([at54, at55].map((ms) => ms.toFixed(2))).toEqual(['149.60', '137.73']);
    expect(downtimeDips(B, D, SEED_VM_MEMORY_BYTES, [53, 54, 55, 56], 'windowed-passes')).toEqual([{ fromSyncMs: 54, fromDowntimeMs: at54, toSyncMs: 55, toDowntimeMs: at55 }]);
    // Skipping 54 ms, the step from 53 to 55 falls too (about 147.6 to 137.7 ms); a single sync time has no step.
    expect(at55).toBeLessThan(at53);
    expect(downtimeDips(B, D, SEED_VM_MEMORY_BYTES, [53, 55], 'windowed-passes')).toEqual([{ fromSyncMs: 53, fromDowntimeMs: at53, toSyncMs: 55, toDowntimeMs: at55 }]);
    expect(downtimeDips(B, D, SEED_VM_MEMORY_BYTES, [55], 'windowed-passes')).toEqual([]);
  });

  test('does not count a flat step as a dip', () => {
    // B = 1, D = 0.25 bytes/ms, 50 bytes, seed-premises: at x = 50 ms the send time settles at Dx/(B - D) = 50/3 ms,
    // iterations of 66.7 ms estimate B × (100 - 50)/100 = 0.5 bytes/ms and leave 0.25 × 200/3 = 50/3 bytes, so the
    // least limit is 100/3 ms; 1e-9 ms more sync lands in the same bisection step, the same least limit.
    const flat = (syncMs: number) => simulatedMinDowntime({ bandwidthBytesPerMs: 1, dirtyRateBytesPerMs: 0.25, syncMs, memoryBytes: 50 }, 'seed-premises').downtimeMs;
    expect(flat(50)).toBeCloseTo(100 / 3, 6);
    expect(flat(50 + 1e-9)).toBe(flat(50));
    expect(downtimeDips(1, 0.25, 50, [50, 50 + 1e-9], 'seed-premises')).toEqual([]);
  });

  test('needs positive, strictly increasing sync times, and names the one out of order', () => {
    expect(() => downtimeDips(B, D, SEED_VM_MEMORY_BYTES, [0, 1], 'windowed-passes')).toThrow(new RangeError('downtimeDips: syncTimesMs[0] must be > 0, got 0'));
    expect(() => downtimeDips(B, D, SEED_VM_MEMORY_BYTES, [10, 20, 20], 'windowed-passes')).toThrow(new RangeError('downtimeDips: syncTimesMs[2] must be > 20, got 20'));
  });
});
