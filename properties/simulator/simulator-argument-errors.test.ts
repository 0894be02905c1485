/**
 * The fluid simulator's functions name themselves, the parameter and the value in every refusal; each
 * message is read in full (the CLI tests, which also see some of them, run outside the mutation test set).
 */
import { describe, expect, test } from 'vitest';
import { scanConvergence } from '../../src/simulator/convergence-scan.ts';
import { simulateMigration, simulateTrajectory } from '../../src/simulator/migration-simulator.ts';
import { simulatedMaxDirtyRate, simulatedMinDowntime } from '../../src/simulator/threshold-search.ts';

const SEED = { bandwidthBytesPerMs: 15e6, dirtyRateBytesPerMs: 10e6, syncMs: 73, memoryBytes: 2 ** 38 };

describe('simulator argument errors', () => {
  test('simulateMigration and simulateTrajectory name each migration parameter', () => {
    expect(() => simulateMigration({ ...SEED, bandwidthBytesPerMs: 0 }, 300, 'windowed')).toThrow(new RangeError('simulateMigration: bandwidthBytesPerMs must be > 0, got 0'));
    expect(() => simulateMigration({ ...SEED, dirtyRateBytesPerMs: 0 }, 300, 'windowed')).toThrow(new RangeError('simulateMigration: dirtyRateBytesPerMs must be > 0, got 0'));
    expect(() => simulateMigration({ ...SEED, syncMs: 0 }, 300, 'windowed')).toThrow(new RangeError('simulateMigration: syncMs must be > 0, got 0'));
    expect(() => simulateMigration({ ...SEED, memoryBytes: -1 }, 300, 'windowed')).toThrow(new RangeError('simulateMigration: memoryBytes must be > 0, got -1'));
    expect(() => simulateMigration(SEED, -1, 'windowed')).toThrow(new RangeError('simulateMigration: downtimeLimitMs must be >= 0, got -1'));
    expect(() => simulateMigration(SEED, 300, 'windowed', 0)).toThrow(new RangeError('simulateMigration: maxIterations must be >= 1, got 0'));
    expect(() => simulateTrajectory(SEED, 'windowed', 0)).toThrow(new RangeError('simulateTrajectory: iterations must be >= 1, got 0'));
  });

  test('the threshold searches name their options', () => {
    expect(() => simulatedMinDowntime({ ...SEED, syncMs: -2 }, 'windowed')).toThrow(new RangeError('simulatedMinDowntime: syncMs must be > 0, got -2'));
    expect(() => simulatedMinDowntime(SEED, 'windowed', { relativeTolerance: 1 })).toThrow(new RangeError('simulatedMinDowntime: options.relativeTolerance must be < 1, got 1'));
    expect(() => simulatedMinDowntime(SEED, 'windowed', { maxIterations: 0 })).toThrow(new RangeError('simulatedMinDowntime: options.maxIterations must be >= 1, got 0'));
    expect(() => simulatedMaxDirtyRate(15e6, 73, -1, 2 ** 38, 'windowed')).toThrow(new RangeError('simulatedMaxDirtyRate: downtimeLimitMs must be >= 0, got -1'));
    expect(() => simulatedMaxDirtyRate(15e6, 73, 300, 2 ** 38, 'windowed', { scanPoints: 2 })).toThrow(new RangeError('simulatedMaxDirtyRate: options.scanPoints must be >= 3, got 2'));
  });

  test('scanConvergence names its range and options', () => {
    const converges = (v: number) => v < 1;
    expect(() => scanConvergence(Number.NaN, 1, converges, 'greatest')).toThrow(new RangeError('scanConvergence: low must be a finite number, got NaN'));
    expect(() => scanConvergence(1, 1, converges, 'greatest')).toThrow(new RangeError('scanConvergence: high must be > 1, got 1'));
    expect(() => scanConvergence(0, 2, converges, 'greatest', { gridPoints: 2 })).toThrow(new RangeError('scanConvergence: options.gridPoints must be >= 3, got 2'));
    expect(() => scanConvergence(0, 2, converges, 'greatest', { relativeTolerance: 0 })).toThrow(new RangeError('scanConvergence: options.relativeTolerance must be > 0, got 0'));
    expect(() => scanConvergence(0, 2, converges, 'greatest', { relativeTolerance: 1 })).toThrow(new RangeError('scanConvergence: options.relativeTolerance must be < 1, got 1'));
  });
});
