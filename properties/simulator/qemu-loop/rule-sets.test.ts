/**
 * The decisions each rule set makes, at their boundaries, against QEMU's conditions: today's
 * `estimate < threshold_size` sync gate and `pending_size <= threshold_size` completion; 7.2's
 * completion unless `pending_size && pending_size >= threshold_size`; and the fluid simulators'
 * every-drain rule, which syncs on an empty bitmap and completes only right after a sync.
 */
import { describe, expect, test } from 'vitest';
import { LOOP_RULE_SET_NAMES, loopRules } from '../../../src/simulator/qemu-loop/rule-sets.ts';

describe('loopRules', () => {
  test('lists the three rule sets, today first', () => {
    expect(LOOP_RULE_SET_NAMES).toEqual(['qemu-today', 'qemu-7.2', 'every-drain']);
  });

  test('qemu-today syncs only strictly below the threshold and completes at or below it', () => {
    const rules = loopRules('qemu-today');
    expect([rules.syncNow(99, 100), rules.syncNow(100, 100), rules.syncNow(0, 0)]).toEqual([true, false, false]);
    expect([rules.completeNow(100, 100, false), rules.completeNow(101, 100, true), rules.completeNow(0, 0, false)]).toEqual([true, false, true]);
    expect([rules.hasSwitchoverBandwidth, rules.wholeByteThreshold]).toEqual([true, true]);
  });

  test('qemu-7.2 has the same sync gate, and completes on nothing pending or strictly below the threshold', () => {
    const rules = loopRules('qemu-7.2');
    expect([rules.syncNow(99, 100), rules.syncNow(100, 100)]).toEqual([true, false]);
    expect([rules.completeNow(99, 100, false), rules.completeNow(100, 100, true), rules.completeNow(0, 0, false), rules.completeNow(1, 0, true)]).toEqual([true, false, true, false]);
    expect([rules.hasSwitchoverBandwidth, rules.wholeByteThreshold]).toEqual([false, true]);
  });

  test('every-drain syncs on an empty bitmap whatever the threshold, and completes at or below it only after a sync', () => {
    const rules = loopRules('every-drain');
    expect([rules.syncNow(0, 0), rules.syncNow(1, 1e9)]).toEqual([true, false]);
    expect([rules.completeNow(100, 100, true), rules.completeNow(100, 100, false), rules.completeNow(101, 100, true)]).toEqual([true, false, false]);
    expect([rules.hasSwitchoverBandwidth, rules.wholeByteThreshold]).toEqual([true, false]);
  });
});
