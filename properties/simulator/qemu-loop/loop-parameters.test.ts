/**
 * The loop model's parameters: QEMU's defaults filled in where the caller leaves a value out, and each
 * value outside its domain refused with a message naming the function, the parameter and the value.
 */
import { describe, expect, test } from 'vitest';
import { type LoopParameters, resolveLoopParameters } from '../../../src/simulator/qemu-loop/loop-parameters.ts';

const MINIMAL: LoopParameters = {
  memoryBytes: 100 * 4096,
  linkBandwidthBytesPerMs: 1000,
  downtimeLimitMs: 300,
  workload: { kind: 'constant', dirtyRateBytesPerMs: 0 },
  syncCost: { kind: 'constant', syncMs: 1 },
};

describe('resolveLoopParameters', () => {
  test("fills in QEMU's defaults: 4 KiB pages, 128 MiB/s max-bandwidth, today's rules, no auto-converge, 10 minutes", () => {
    expect(resolveLoopParameters('f', MINIMAL)).toEqual({
      ...MINIMAL,
      pageSizeBytes: 4096,
      firstSendBandwidthBytesPerMs: 1000,
      switchoverCostMs: 0,
      setupCostMs: 0,
      zeroPages: 0,
      maxBandwidthBytesPerSecond: 134_217_728,
      availSwitchoverBandwidthBytesPerSecond: 0,
      ruleSet: 'qemu-today',
      autoConverge: null,
      maxTimeMs: 600_000,
      trace: true,
    });
  });

  test('keeps every value it is given', () => {
    const given: Required<LoopParameters> = {
      ...MINIMAL,
      pageSizeBytes: 2048,
      memoryBytes: 100 * 2048,
      firstSendBandwidthBytesPerMs: 250,
      switchoverCostMs: 3,
      setupCostMs: 4,
      zeroPages: 7,
      maxBandwidthBytesPerSecond: 0,
      availSwitchoverBandwidthBytesPerSecond: 5000,
      ruleSet: 'every-drain',
      autoConverge: { initialPercent: 20, incrementPercent: 10, maxPercent: 99, triggerThresholdPercent: 50 },
      maxTimeMs: 1000,
      trace: false,
    };
    expect(resolveLoopParameters('f', given)).toEqual(given);
  });

  test('names the function, the parameter and the value it refuses', () => {
    const refused = (overrides: Record<string, unknown>) => () => resolveLoopParameters('simulateQemuLoop', { ...MINIMAL, ...overrides } as LoopParameters);
    expect(() => resolveLoopParameters('simulateQemuLoop', null as never)).toThrow(new TypeError('simulateQemuLoop: parameters must be an object, got null'));
    expect(refused({ pageSizeBytes: 0 })).toThrow(new RangeError('simulateQemuLoop: pageSizeBytes must be > 0, got 0'));
    expect(refused({ memoryBytes: 0 })).toThrow(new RangeError('simulateQemuLoop: memoryBytes must be > 0, got 0'));
    expect(refused({ memoryBytes: 4096 * 1.5 })).toThrow(new RangeError('simulateQemuLoop: memoryBytes must be a whole number of 4096-byte pages, got 6144'));
    expect(refused({ ruleSet: 'qemu-9' })).toThrow(new RangeError('simulateQemuLoop: ruleSet must be one of qemu-today, qemu-7.2, every-drain, got "qemu-9"'));
    expect(refused({ availSwitchoverBandwidthBytesPerSecond: -1 })).toThrow(new RangeError('simulateQemuLoop: availSwitchoverBandwidthBytesPerSecond must be >= 0, got -1'));
    expect(refused({ ruleSet: 'qemu-7.2', availSwitchoverBandwidthBytesPerSecond: 1 })).toThrow(
      new RangeError('simulateQemuLoop: availSwitchoverBandwidthBytesPerSecond must be 0 under qemu-7.2 rules (the parameter came in QEMU 8.2), got 1'),
    );
    expect(refused({ autoConverge: 'on' })).toThrow(new TypeError('simulateQemuLoop: autoConverge must be an object, got "on"'));
    expect(refused({ linkBandwidthBytesPerMs: 0 })).toThrow(new RangeError('simulateQemuLoop: linkBandwidthBytesPerMs must be > 0, got 0'));
    expect(refused({ firstSendBandwidthBytesPerMs: 0 })).toThrow(new RangeError('simulateQemuLoop: firstSendBandwidthBytesPerMs must be > 0, got 0'));
    expect(refused({ switchoverCostMs: -1 })).toThrow(new RangeError('simulateQemuLoop: switchoverCostMs must be >= 0, got -1'));
    expect(refused({ setupCostMs: -1 })).toThrow(new RangeError('simulateQemuLoop: setupCostMs must be >= 0, got -1'));
    expect(refused({ zeroPages: 101 })).toThrow(new RangeError('simulateQemuLoop: zeroPages must be <= 100, got 101'));
    expect(refused({ zeroPages: -1 })).toThrow(new RangeError('simulateQemuLoop: zeroPages must be >= 0, got -1'));
    expect(refused({ maxBandwidthBytesPerSecond: -1 })).toThrow(new RangeError('simulateQemuLoop: maxBandwidthBytesPerSecond must be >= 0, got -1'));
    expect(refused({ downtimeLimitMs: -1 })).toThrow(new RangeError('simulateQemuLoop: downtimeLimitMs must be >= 0, got -1'));
    expect(refused({ maxTimeMs: 0 })).toThrow(new RangeError('simulateQemuLoop: maxTimeMs must be > 0, got 0'));
  });
});
