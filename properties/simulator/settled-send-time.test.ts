/**
 * `settledSendTime` runs a migration that never stops until its send time settles. With B = 2 and
 * D = 1 bytes/ms and x = 10 ms, each send lasts t' = D(x + t)/B = (10 + t)/2 ms, whose fixed point is
 * the critical state's t = Dx/(B - D) = 10 ms. Starting from all of memory, M/B ms, the send times are
 * 10 + (M/B - 10)/2^n: every case below is worked out from that.
 */
import { describe, expect, test } from 'vitest';
import { settledSendTime } from '../../src/simulator/settled-send-time.ts';

const SLOW_DIRTY = { bandwidthBytesPerMs: 2, dirtyRateBytesPerMs: 1, syncMs: 10 };

describe('settledSendTime', () => {
  test('stops at the first send within the tolerance of the one before', () => {
    // M = 40 bytes: 20, 15, 12.5, … = 10 + 10/2^n; consecutive sends differ by 10/2^n, within 1 % of the
    // later one once 0.99/2^n <= 0.01, at n = 7: the eighth send, 10 + 10/128 ms.
    expect(settledSendTime({ ...SLOW_DIRTY, memoryBytes: 40 }, 'windowed', 0.01)).toEqual({ settled: true, sendMs: 10.078125, iterations: 8 });
    // The default tolerance, 1e-12: 10/2^n <= 1e-11 first at n = 40.
    const strict = settledSendTime({ ...SLOW_DIRTY, memoryBytes: 40 }, 'windowed');
    expect(strict.iterations).toBe(41);
    expect(strict.sendMs).toBeCloseTo(10 + 10 / 2 ** 40, 12);
  });

  test('counts a difference of exactly the tolerance as settled', () => {
    // M = 60 bytes: 30 ms, then 20 ms; they differ by 10 ms, exactly half of the later one.
    expect(settledSendTime({ ...SLOW_DIRTY, memoryBytes: 60 }, 'windowed', 0.5)).toEqual({ settled: true, sendMs: 20, iterations: 2 });
  });

  test('settles at once when the first send is already the critical one', () => {
    // M = 20 bytes: the first send is 10 ms, and so is the second.
    expect(settledSendTime({ ...SLOW_DIRTY, memoryBytes: 20 }, 'seed-premises')).toEqual({ settled: true, sendMs: 10, iterations: 2 });
  });

  test('settles at a send of all of memory when the guest dirties faster than the link', () => {
    // D = 3 > B: the next send would be 3 × 30 / 2 = 45 ms, more than the 40 bytes of memory: 20 ms again.
    expect(settledSendTime({ ...SLOW_DIRTY, dirtyRateBytesPerMs: 3, memoryBytes: 40 }, 'windowed-passes')).toEqual({ settled: true, sendMs: 20, iterations: 2 });
  });

  test('says it has not settled when the iteration cap comes first', () => {
    // Five sends: 20, 15, 12.5, 11.25, 10.625; the last two differ by 0.625 ms, 5.9 % of the later.
    expect(settledSendTime({ ...SLOW_DIRTY, memoryBytes: 40 }, 'windowed', 0.01, 5)).toEqual({ settled: false, sendMs: 10.625, iterations: 5 });
  });

  test('names itself and the parameter it refuses', () => {
    expect(() => settledSendTime({ ...SLOW_DIRTY, memoryBytes: 40 }, 'windowed', 0.01, 1)).toThrow(new RangeError('settledSendTime: maxIterations must be >= 2, got 1'));
    expect(() => settledSendTime({ ...SLOW_DIRTY, memoryBytes: 0 }, 'windowed')).toThrow(/^settledSendTime: memoryBytes must be/);
  });
});
