/**
 * The inputs of a loop simulation, their defaults (QEMU's where it has one) and their checks.
 */
import { rangeError, requireFinite, requireInteger, requireObject } from '../../check.ts';
import { DEFAULT_MAX_BANDWIDTH_BYTES_PER_SECOND } from './rate-limit.ts';
import { LOOP_RULE_SET_NAMES, type LoopRuleSetName } from './rule-sets.ts';
import type { SyncCostSpec } from './sync-cost.ts';
import type { AutoConvergeSettings } from './throttle.ts';
import type { WorkloadSpec } from './workloads.ts';

/** Everything a simulated migration is made of. */
export interface LoopParameters {
  /** Guest RAM, all pending at the start (bytes); a whole number of pages. */
  readonly memoryBytes: number;
  /** Guest page size (bytes); default 4096. */
  readonly pageSizeBytes?: number;
  /** What the link carries (bytes per ms), > 0. */
  readonly linkBandwidthBytesPerMs: number;
  /**
   * What the link carries for pages the destination receives for the first time (bytes per ms), > 0;
   * default `linkBandwidthBytesPerMs`. Where the link is fast, the destination's first touch of each
   * page of its RAM (a page fault and a zeroed page) can cost more than the link: a re-sent page then
   * goes at `linkBandwidthBytesPerMs` and a first one at this speed.
   */
  readonly firstSendBandwidthBytesPerMs?: number;
  /**
   * Pages of RAM that hold only zeros and that the guest never writes (a whole number), >= 0; default
   * 0. They are pending like any other page until the first pass sends them, but QEMU sends each as a
   * header and one byte (`save_zero_page_to_file`), so they count in the pending estimate and cost the
   * link and the budget almost nothing. With a `sweep` workload they are the lowest pages outside its
   * working set.
   */
  readonly zeroPages?: number;
  /**
   * Time the setup phase spends besides the setup sync (ms), >= 0; default 0: QEMU's
   * `qemu_savevm_state_setup` sends the RAMBlock list and sets up every device's state before the first
   * pass. It counts towards the total time and the first bandwidth window.
   */
  readonly setupCostMs?: number;
  /**
   * Time the completion spends with the guest stopped apart from the final sync and the last RAM send
   * (ms), >= 0; default 0: stopping the vCPUs, saving device state, the destination's acknowledgement.
   * It counts towards the real downtime, not towards QEMU's threshold, which covers RAM only.
   */
  readonly switchoverCostMs?: number;
  /** `max-bandwidth` (bytes per second), at most 2^53 - 1; 0 = no limit; default QEMU's 128 MiB/s. */
  readonly maxBandwidthBytesPerSecond?: number;
  /** `downtime-limit` (ms), >= 0. */
  readonly downtimeLimitMs: number;
  /** `avail-switchover-bandwidth` (bytes per second); 0 = use the measurement (default). Not in 7.2. */
  readonly availSwitchoverBandwidthBytesPerSecond?: number;
  /** How the guest dirties memory. */
  readonly workload: WorkloadSpec;
  /** What a sync costs. */
  readonly syncCost: SyncCostSpec;
  /** Which QEMU's decisions to make; default `qemu-today`. */
  readonly ruleSet?: LoopRuleSetName;
  /** Auto-converge settings, or null/absent when the capability is off. */
  readonly autoConverge?: AutoConvergeSettings | null;
  /** Simulated time after which the migration counts as not converging (ms), at most 2^53 - 1; default 600,000 (10 min). */
  readonly maxTimeMs?: number;
  /** Whether to record a trace row per turn; default true. */
  readonly trace?: boolean;
}

/** The parameters with every default filled in. */
export type ResolvedLoopParameters = Required<Omit<LoopParameters, 'autoConverge'>> & { readonly autoConverge: AutoConvergeSettings | null };

/** Simulated time before a migration counts as not converging, unless told otherwise (ms). */
export const DEFAULT_MAX_TIME_MS = 600_000;

/**
 * Checks the scalar parameters and fills in the defaults; the workload and sync cost are checked where they are bound.
 * @param fn - the public function doing the check
 * @param parameters - the parameters
 * @returns the parameters with defaults
 * @throws TypeError/RangeError for a value outside its domain
 */
export function resolveLoopParameters(fn: string, parameters: LoopParameters): ResolvedLoopParameters {
  requireObject(fn, 'parameters', parameters);
  const pageSizeBytes = requireFinite(fn, 'pageSizeBytes', parameters.pageSizeBytes ?? 4096, { gt: 0 });
  const memoryBytes = requireFinite(fn, 'memoryBytes', parameters.memoryBytes, { gt: 0 });
  if (!Number.isInteger(memoryBytes / pageSizeBytes)) throw rangeError(fn, 'memoryBytes', `a whole number of ${pageSizeBytes}-byte pages`, memoryBytes);
  const ruleSet = parameters.ruleSet ?? 'qemu-today';
  if (!LOOP_RULE_SET_NAMES.includes(ruleSet)) throw rangeError(fn, 'ruleSet', `one of ${LOOP_RULE_SET_NAMES.join(', ')}`, ruleSet);
  const availSwitchoverBandwidthBytesPerSecond = requireFinite(fn, 'availSwitchoverBandwidthBytesPerSecond', parameters.availSwitchoverBandwidthBytesPerSecond ?? 0, { ge: 0 });
  if (ruleSet === 'qemu-7.2' && availSwitchoverBandwidthBytesPerSecond !== 0) throw rangeError(fn, 'availSwitchoverBandwidthBytesPerSecond', '0 under qemu-7.2 rules (the parameter came in QEMU 8.2)', availSwitchoverBandwidthBytesPerSecond);
  const autoConverge = parameters.autoConverge ?? null;
  if (autoConverge !== null) {
    requireObject(fn, 'autoConverge', autoConverge);
    // QEMU's own bounds (migrate_params_check): whole percentages, a throttle that can start and grow,
    // and a ceiling no lower than where it starts. Outside them QEMU refuses the setting, while the
    // model would quietly run a throttle that never starts or starts above its ceiling.
    const initialPercent = requireInteger(fn, 'autoConverge.initialPercent', autoConverge.initialPercent, 1, 99);
    requireInteger(fn, 'autoConverge.incrementPercent', autoConverge.incrementPercent, 1, 99);
    requireInteger(fn, 'autoConverge.maxPercent', autoConverge.maxPercent, initialPercent, 99);
    requireInteger(fn, 'autoConverge.triggerThresholdPercent', autoConverge.triggerThresholdPercent, 1, 100);
  }
  return {
    memoryBytes,
    pageSizeBytes,
    linkBandwidthBytesPerMs: requireFinite(fn, 'linkBandwidthBytesPerMs', parameters.linkBandwidthBytesPerMs, { gt: 0 }),
    firstSendBandwidthBytesPerMs: requireFinite(fn, 'firstSendBandwidthBytesPerMs', parameters.firstSendBandwidthBytesPerMs ?? parameters.linkBandwidthBytesPerMs, { gt: 0 }),
    switchoverCostMs: requireFinite(fn, 'switchoverCostMs', parameters.switchoverCostMs ?? 0, { ge: 0 }),
    setupCostMs: requireFinite(fn, 'setupCostMs', parameters.setupCostMs ?? 0, { ge: 0 }),
    zeroPages: requireInteger(fn, 'zeroPages', parameters.zeroPages ?? 0, 0, memoryBytes / pageSizeBytes),
    // Whole budgets up to 2^53 / 10 bytes are summed exactly by the window (see the fluid pages' send).
    maxBandwidthBytesPerSecond: requireFinite(fn, 'maxBandwidthBytesPerSecond', parameters.maxBandwidthBytesPerSecond ?? DEFAULT_MAX_BANDWIDTH_BYTES_PER_SECOND, { ge: 0, le: Number.MAX_SAFE_INTEGER }),
    downtimeLimitMs: requireFinite(fn, 'downtimeLimitMs', parameters.downtimeLimitMs, { ge: 0 }),
    availSwitchoverBandwidthBytesPerSecond,
    workload: parameters.workload,
    syncCost: parameters.syncCost,
    ruleSet,
    autoConverge,
    // Below 2^53 ms a 100 ms wait always moves the clock, so every turn of the loop makes progress.
    maxTimeMs: requireFinite(fn, 'maxTimeMs', parameters.maxTimeMs ?? DEFAULT_MAX_TIME_MS, { gt: 0, le: Number.MAX_SAFE_INTEGER }),
    trace: parameters.trace ?? true,
  };
}
