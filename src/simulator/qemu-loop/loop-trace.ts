/**
 * What a loop simulation reports: one trace row per turn of the migration thread, and the outcome.
 */

/** The state after one turn of the migration thread's loop. */
export interface LoopTraceRow {
  /** Time at the end of the turn (ms since the migration started). */
  readonly timeMs: number;
  /** What the turn did: the setup sync, an iteration (sync and/or pass), a rate-limit wait, or the completion. */
  readonly phase: 'setup' | 'iterate' | 'wait' | 'complete';
  /** The pending estimate `migration_iteration_run` started the turn with (bytes). */
  readonly estimateBytes: number;
  /** Pages still to send at the end of the turn, in bytes (`migration_dirty_pages` × page size). */
  readonly pendingBytes: number;
  /** `threshold_size` at the end of the turn (bytes). */
  readonly thresholdBytes: number;
  /** Whether the turn synced the dirty bitmap. */
  readonly synced: boolean;
  /** `dirty-sync-count` so far, the setup sync included. */
  readonly syncs: number;
  /** `ram_save_iterate` passes so far. */
  readonly passes: number;
  /** The bandwidth of the window the turn closed (bytes per ms), or null when it closed none. */
  readonly windowBandwidthBytesPerMs: number | null;
  /** `expected-downtime` as `query-migrate` would report it after the turn (ms); null until QEMU sets it. */
  readonly expectedDowntimeMs: number | null;
  /** The CPU throttle in force (%). */
  readonly throttlePercent: number;
}

/** The outcome of one simulated migration. */
export interface LoopOutcome {
  /** Whether it completed within the time cap. Not converging is a result, not an error. */
  readonly converged: boolean;
  /** Time to completion, downtime included, or the time simulated when it did not complete (ms). */
  readonly totalTimeMs: number;
  /** The real downtime: final sync, last send and switchover cost with the VM stopped (ms); null when it did not complete. */
  readonly downtimeMs: number | null;
  /** The downtime limit it ran with (ms). */
  readonly downtimeLimitMs: number;
  /** The final sync's duration, which the downtime includes (ms); null when it did not complete. */
  readonly finalSyncMs: number | null;
  /** `dirty-sync-count`: every sync, the setup and final ones included. */
  readonly dirtySyncCount: number;
  /** `ram_save_iterate` passes. */
  readonly passes: number;
  /** Bytes put on the wire, the last send included (bytes): a page of zeros costs its header. */
  readonly sentBytes: number;
  /** Pages sent, the last send included. */
  readonly sentPages: number;
  /** Bytes that had to be sent: all of RAM plus every page a sync newly set (bytes). */
  readonly harvestedBytes: number;
  /** Bytes still pending at the end; 0 when it completed (bytes). */
  readonly pendingBytes: number;
  /** The last `expected-downtime` `query-migrate` reported before completion (ms); null when never set. */
  readonly expectedDowntimeMs: number | null;
  /** The CPU throttle at the end (%). */
  readonly throttlePercent: number;
  /** One row per turn, when asked for. */
  readonly trace: readonly LoopTraceRow[];
}
