/**
 * The loop model's sync cost. The derived cost is checked against its calibration worked out by hand:
 * on the seed's 256 GiB VM (2^26 pages, 2^20 bitmap words) the pre-patch sync takes 73 ms and the landed
 * one 12 ms; the aligned harvest is 5 ms of it; the pre-patch code clears a misaligned block page by
 * page (4095 remote-clear calls for the default block) and the landed code once, so one call costs
 * 61 / 4094 ms and the fixed part is 12 - 5 - 61/4094 ms.
 */
import { describe, expect, test } from 'vitest';
import { createSyncCost, syncCostCalibration } from '../../../src/simulator/qemu-loop/sync-cost.ts';

const PER_CALL_MS = 61 / 4094;
const GIB_PAGES = 2 ** 18;

describe('syncCostCalibration', () => {
  test('solves 73 ms and 12 ms on the seed VM with one call per page of the misaligned block before the patch and one after', () => {
    const calibration = syncCostCalibration();
    expect(calibration.clearCalls).toEqual({ 'qemu-pre-patch': 4095, 'qemu-landed': 1 });
    expect(calibration.perClearCallMs).toBeCloseTo(PER_CALL_MS, 15);
    expect(calibration.perWordMs).toBeCloseTo(5 / 2 ** 20, 18);
    expect(calibration.fixedMs).toBeCloseTo(12 - 5 - PER_CALL_MS, 12);
  });

  test('spreads the harvest over the words of 256 GiB at the page size given', () => {
    // 64 KiB pages: 2^22 pages, 2^16 words.
    expect(syncCostCalibration(65_536).perWordMs).toBeCloseTo(5 / 2 ** 16, 15);
  });
});

describe('createSyncCost', () => {
  test('takes a constant whatever the harvest, and a + b × pages for a linear cost', () => {
    const constant = createSyncCost('simulateQemuLoop', { kind: 'constant', syncMs: 3 }, 100, 4096);
    expect([constant(0), constant(50)]).toEqual([3, 3]);
    const linear = createSyncCost('simulateQemuLoop', { kind: 'linear', baseMs: 2, perPageMs: 0.5 }, 100, 4096);
    expect([linear(0), linear(10)]).toEqual([2, 7]);
  });

  test("gives the seed's 73 ms and 12 ms on its own VM", () => {
    expect(createSyncCost('f', { kind: 'implementation', implementation: 'qemu-pre-patch' }, 2 ** 26, 4096)(0)).toBeCloseTo(73, 10);
    expect(createSyncCost('f', { kind: 'implementation', implementation: 'qemu-landed' }, 2 ** 26, 4096)(0)).toBeCloseTo(12, 10);
  });

  test('scales the harvest with RAM and counts the calls of the block it is given', () => {
    // 1 GiB: a harvest of 5/256 ms; the fixed part and one call make 7 ms; the pre-patch code pays 4094 more calls, 61 ms.
    const landed = createSyncCost('f', { kind: 'implementation', implementation: 'qemu-landed' }, GIB_PAGES, 4096);
    const prePatch = createSyncCost('f', { kind: 'implementation', implementation: 'qemu-pre-patch' }, GIB_PAGES, 4096);
    expect(landed(0)).toBeCloseTo(7 + 5 / 256, 12);
    expect(prePatch(0)).toBeCloseTo(68 + 5 / 256, 12);
    // A 100-page misaligned block: 100 calls before the patch, still one after.
    const small = (implementation: 'qemu-pre-patch' | 'qemu-landed') => createSyncCost('f', { kind: 'implementation', implementation, misalignedPages: 100 }, GIB_PAGES, 4096)(0);
    expect(small('qemu-pre-patch')).toBeCloseTo(7 + 5 / 256 + 99 * PER_CALL_MS, 12);
    expect(small('qemu-landed')).toBeCloseTo(7 + 5 / 256, 12);
    // 1 GiB of 64 KiB pages is the same share of RAM: the same harvest time.
    expect(createSyncCost('f', { kind: 'implementation', implementation: 'qemu-landed' }, 2 ** 14, 65_536)(0)).toBeCloseTo(7 + 5 / 256, 12);
  });

  test('names the function and the field of a description it cannot use', () => {
    const cost = (spec: unknown) => () => createSyncCost('simulateQemuLoop', spec as never, 100, 4096);
    expect(cost({ kind: 'constant', syncMs: -1 })).toThrow(new RangeError('simulateQemuLoop: syncCost.syncMs must be >= 0, got -1'));
    expect(cost({ kind: 'linear', baseMs: -1, perPageMs: 0 })).toThrow(new RangeError('simulateQemuLoop: syncCost.baseMs must be >= 0, got -1'));
    expect(cost({ kind: 'linear', baseMs: 0, perPageMs: -1 })).toThrow(new RangeError('simulateQemuLoop: syncCost.perPageMs must be >= 0, got -1'));
    expect(cost({ kind: 'implementation', implementation: 'wordwise' })).toThrow(new RangeError('simulateQemuLoop: syncCost.implementation must be "qemu-pre-patch" or "qemu-landed", got "wordwise"'));
    expect(cost({ kind: 'implementation', implementation: 'qemu-landed', misalignedPages: 0 })).toThrow(new RangeError('simulateQemuLoop: syncCost.misalignedPages must be >= 1, got 0'));
    expect(cost({ kind: 'implementation', implementation: 'qemu-landed', misalignedPages: 2 ** 24 + 1 })).toThrow(new RangeError('simulateQemuLoop: syncCost.misalignedPages must be <= 16777216, got 16777217'));
    expect(cost({ kind: 'implementation', implementation: 'qemu-landed', misalignedPages: 128 })).toThrow(new RangeError('simulateQemuLoop: syncCost.misalignedPages must be not a multiple of 64 (else the block takes the aligned path), got 128'));
    expect(cost({ kind: 'quadratic' })).toThrow(new TypeError('simulateQemuLoop: syncCost.kind must be "constant", "linear" or "implementation", got "quadratic"'));
    expect(cost(null)).toThrow(new TypeError('simulateQemuLoop: syncCost must be an object, got null'));
  });
});
