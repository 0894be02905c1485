/**
 * Auto-converge settings are held to the bounds QEMU itself enforces when they are set
 * (`migrate_params_check` in migration/options.c): whole percentages, `cpu-throttle-initial` and
 * `cpu-throttle-increment` in 1..99, `throttle-trigger-threshold` in 1..100, and `max-cpu-throttle`
 * from the initial value to 99. A setting QEMU refuses must not run as a throttle that never starts
 * (initial 0) or that starts above its own ceiling.
 */
import { describe, expect, test } from 'vitest';
import type { LoopParameters } from '../../../src/simulator/qemu-loop/loop-parameters.ts';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import { type AutoConvergeSettings, DEFAULT_AUTO_CONVERGE } from '../../../src/simulator/qemu-loop/throttle.ts';

// A few pages on a fast link, so an accepted setting costs microseconds to simulate.
const withSettings = (changes: Partial<AutoConvergeSettings>): LoopParameters => ({
  memoryBytes: 16 * 4096,
  linkBandwidthBytesPerMs: 4096,
  maxBandwidthBytesPerSecond: 0,
  downtimeLimitMs: 300,
  workload: { kind: 'constant', dirtyRateBytesPerMs: 0 },
  syncCost: { kind: 'constant', syncMs: 1 },
  autoConverge: { ...DEFAULT_AUTO_CONVERGE, ...changes },
});

describe('auto-converge settings', () => {
  test.each([
    [{ initialPercent: 0 }, 'autoConverge.initialPercent must be >= 1, got 0'],
    [{ initialPercent: 100 }, 'autoConverge.initialPercent must be <= 99, got 100'],
    [{ initialPercent: 20.5 }, 'autoConverge.initialPercent must be an integer, got 20.5'],
    [{ incrementPercent: 0 }, 'autoConverge.incrementPercent must be >= 1, got 0'],
    [{ incrementPercent: 100 }, 'autoConverge.incrementPercent must be <= 99, got 100'],
    [{ triggerThresholdPercent: 0 }, 'autoConverge.triggerThresholdPercent must be >= 1, got 0'],
    [{ triggerThresholdPercent: 101 }, 'autoConverge.triggerThresholdPercent must be <= 100, got 101'],
    [{ maxPercent: 100 }, 'autoConverge.maxPercent must be <= 99, got 100'],
    // The ceiling may not sit below where the throttle starts: 30 with the initial 40.
    [{ initialPercent: 40, maxPercent: 30 }, 'autoConverge.maxPercent must be >= 40, got 30'],
  ])('refuses %j as QEMU does', (changes, message) => {
    expect(() => simulateQemuLoop(withSettings(changes))).toThrow(new RangeError(`simulateQemuLoop: ${message}`));
  });

  test('refuses a percentage that is not a number', () => {
    expect(() => simulateQemuLoop(withSettings({ incrementPercent: '10' as never }))).toThrow(new TypeError('simulateQemuLoop: autoConverge.incrementPercent must be a number, got "10"'));
  });

  test.each([
    [{ initialPercent: 1, incrementPercent: 1, maxPercent: 1, triggerThresholdPercent: 1 }],
    [{ initialPercent: 99, incrementPercent: 99, maxPercent: 99, triggerThresholdPercent: 100 }],
    [{ initialPercent: 40, maxPercent: 40 }],
  ])('accepts QEMU\'s own edge values %j', (changes) => {
    expect(simulateQemuLoop(withSettings(changes)).converged).toBe(true);
  });
});
