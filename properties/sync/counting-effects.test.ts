/**
 * The counting effect sink used where recording every call would cost more than the sync: it adds up
 * calls and pages per kind, copies them out, and starts again from zero.
 */
import { expect, test } from 'vitest';
import { CountingEffects } from '../../src/sync/counting-effects.ts';

const ZERO = { clearDirtyLogCalls: 0, clearDirtyLogPages: 0, deferDirtyLogClearCalls: 0, deferDirtyLogClearPages: 0, dirtyBitsClearedCalls: 0, dirtyBitsClearedPages: 0 };

test('counts the calls and adds up the pages of each kind separately', () => {
  const effects = new CountingEffects();
  expect(effects.snapshot()).toEqual(ZERO);
  effects.clearDirtyLog(0, 3);
  effects.clearDirtyLog(100, 61);
  effects.dirtyBitsCleared(4096, 7);
  effects.deferDirtyLogClear(0, 262_144);
  effects.deferDirtyLogClear(262_144, 262_144);
  effects.deferDirtyLogClear(524_288, 262_144);
  expect(effects.snapshot()).toEqual({
    clearDirtyLogCalls: 2,
    clearDirtyLogPages: 64,
    deferDirtyLogClearCalls: 3,
    deferDirtyLogClearPages: 786_432,
    dirtyBitsClearedCalls: 1,
    dirtyBitsClearedPages: 7,
  });
});

test('a snapshot is a plain copy that later calls leave alone, and reset starts every count from zero', () => {
  const effects = new CountingEffects();
  effects.clearDirtyLog(0, 5);
  effects.dirtyBitsCleared(0, 5);
  effects.deferDirtyLogClear(0, 64);
  const snapshot = effects.snapshot();
  expect(snapshot).not.toBeInstanceOf(CountingEffects);
  effects.clearDirtyLog(5, 5);
  expect(snapshot.clearDirtyLogCalls).toBe(1);
  effects.reset();
  expect(effects.snapshot()).toEqual(ZERO);
  effects.dirtyBitsCleared(9, 2);
  expect(effects.snapshot()).toEqual({ ...ZERO, dirtyBitsClearedCalls: 1, dirtyBitsClearedPages: 2 });
});
