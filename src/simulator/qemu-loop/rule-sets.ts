/**
 * The decisions of `migration_iteration_run` that differ between QEMU versions, as selectable rules.
 *
 * - `qemu-today` (migration/migration.c at the patch): an exact sync (`qemu_savevm_state_pending_exact`)
 *   only when the pending estimate is strictly below `threshold_size`; completion when the pending is at
 *   or below it (`pending_size <= s->threshold_size`); `avail-switchover-bandwidth` replaces the
 *   measured bandwidth in the threshold; `expected-downtime` is `dirty_bytes_last_sync` over that bandwidth.
 * - `qemu-7.2` (v7.2.0, b67b00e6b4): the same sync gate, inside `ram_save_pending` (`remaining_size <
 *   max_size`); completion unless `pending_size && pending_size >= threshold_size`, i.e. when nothing is
 *   pending or the pending is strictly below the threshold; no `avail-switchover-bandwidth` (added in 8.2);
 *   `expected_downtime` is `ram_counters.remaining` (set at each sync) over the measured bandwidth.
 * - `every-drain`: the rule of this project's fluid simulators, with QEMU's sync rule switched off: a sync
 *   whenever the send phase has emptied the bitmap, and the completion check only right after a sync,
 *   with today's `<=` and a threshold that is not cut to whole bytes, as those simulators compute it.
 */

/** The rule sets a loop simulation can run with. */
export type LoopRuleSetName = 'qemu-today' | 'qemu-7.2' | 'every-drain';

/** Every rule set, in the order reports list them. */
export const LOOP_RULE_SET_NAMES: readonly LoopRuleSetName[] = ['qemu-today', 'qemu-7.2', 'every-drain'];

/** The decisions one rule set makes. */
export interface LoopRules {
  /** Whether this turn of the loop syncs, given the pending estimate and the threshold (bytes). */
  syncNow(estimateBytes: number, thresholdBytes: number): boolean;
  /** Whether the migration completes now, given the (post-sync) pending and the threshold (bytes). */
  completeNow(pendingBytes: number, thresholdBytes: number, syncedThisTurn: boolean): boolean;
  /** Whether `avail-switchover-bandwidth` exists in this version. */
  readonly hasSwitchoverBandwidth: boolean;
  /** Whether the threshold is stored in whole bytes (QEMU's `uint64_t threshold_size`), not as a real number. */
  readonly wholeByteThreshold: boolean;
}

const RULES: Readonly<Record<LoopRuleSetName, LoopRules>> = {
  'qemu-today': {
    syncNow: (estimateBytes, thresholdBytes) => estimateBytes < thresholdBytes,
    completeNow: (pendingBytes, thresholdBytes) => pendingBytes <= thresholdBytes,
    hasSwitchoverBandwidth: true,
    wholeByteThreshold: true,
  },
  'qemu-7.2': {
    syncNow: (estimateBytes, thresholdBytes) => estimateBytes < thresholdBytes,
    completeNow: (pendingBytes, thresholdBytes) => pendingBytes === 0 || pendingBytes < thresholdBytes,
    hasSwitchoverBandwidth: false,
    wholeByteThreshold: true,
  },
  'every-drain': {
    syncNow: (estimateBytes) => estimateBytes === 0,
    completeNow: (pendingBytes, thresholdBytes, syncedThisTurn) => syncedThisTurn && pendingBytes <= thresholdBytes,
    hasSwitchoverBandwidth: true,
    wholeByteThreshold: false,
  },
};

/**
 * The rules of a rule set.
 * @param name - the rule set
 * @returns its decisions
 */
export function loopRules(name: LoopRuleSetName): LoopRules {
  return RULES[name];
}
