/**
 * The recorded experiment as it is committed: one JSON document per experiment with the QEMU version,
 * the machine, and every run's settings, measurements and `query-migrate` samples. Samples are rows
 * under one list of columns, so a trace of a few hundred samples stays a few kilobytes.
 */

/** The columns of a `query-migrate` sample row, in order. */
export const SAMPLE_COLUMNS = [
  'tMs',
  'status',
  'transferredBytes',
  'remainingBytes',
  'dirtyPagesRate',
  'dirtySyncCount',
  'expectedDowntimeMs',
  'downtimeMs',
  'totalTimeMs',
] as const;

/** One `query-migrate` sample: [tMs since `migrate` was sent, status, transferred, remaining, dirty-pages-rate, dirty-sync-count, expected-downtime, downtime, total-time]; absent fields are null. */
export type SampleRow = [number, string, number | null, number | null, number | null, number | null, number | null, number | null, number | null];

/** One `calc-dirty-rate` measurement: QEMU's MiB/s of pages dirtied over the period (a page dirtied twice counts once). */
export interface DirtyRateMeasurement {
  readonly mode: string;
  readonly calcTimeS: number;
  readonly samplePages: number | null;
  readonly dirtyRateMiBPerS: number | null;
  /** QEMU's error when it refused the measurement. */
  readonly error: string | null;
}

/** What the destination's guest found after the switchover. */
export interface DestinationCheck {
  /** Heartbeats the destination's guest printed after it resumed. */
  readonly heartbeats: number;
  /** Full rounds over the working set the destination's guest completed, each of which checked every page. */
  readonly roundsChecked: number;
  /** Pages whose last write before the switchover was missing on the destination. */
  readonly lostWrites: number;
  /** False when the guest printed no heartbeat after the switchover, so lostWrites counts only its printed lines (at most 64). */
  readonly lostWritesExact: boolean;
  /** The first lost pages: [page, round found, round being written]. */
  readonly firstLost: readonly (readonly [number, number, number])[];
}

/** One migration. */
export interface ExperimentRun {
  readonly id: string;
  readonly maxBandwidthBytesPerS: number;
  readonly downtimeLimitMs: number;
  readonly workingSetPages: number;
  /** The rate the guest was told (pages/s of guest time; 0 = unpaced). */
  readonly guestPagesPerSecond: number;
  readonly memoryBytes: number;
  /** The guest's write rate measured from its heartbeats before the migration (pages/s). */
  readonly measuredWritePagesPerS: number;
  /** QEMU's `calc-dirty-rate` before the migration: page sampling at 4096 pages per GiB (the dirty-bitmap mode crashes QEMU 7.2 under TCG). */
  readonly calcDirtyRate: readonly DirtyRateMeasurement[];
  /** The host's 1, 5 and 15 min load averages before and after the run. */
  readonly loadavgBefore: readonly number[];
  readonly loadavgAfter: readonly number[];
  /** How long the migration was allowed before it was cancelled (ms). */
  readonly timeoutMs: number;
  readonly outcome: 'completed' | 'timeout' | 'failed';
  /** From the last `query-migrate`. */
  readonly final: {
    readonly totalTimeMs: number | null;
    readonly downtimeMs: number | null;
    readonly setupTimeMs: number | null;
    readonly dirtySyncCount: number | null;
    readonly transferredBytes: number | null;
    readonly downtimeBytes: number | null;
  };
  readonly samples: readonly SampleRow[];
  /**
   * The heartbeat the migration started right after (within a few ms): the round and the page the
   * guest's writer was about to write. Absent in traces recorded before this was kept.
   */
  readonly writerAtStart?: { readonly round: number; readonly page: number };
  /**
   * The guest's writes while it migrated: [tMs of the poll that first saw a heartbeat, pages written
   * since the last heartbeat before `migrate` was sent]. Heartbeats come every 250 ms of guest time.
   */
  readonly guestProgress: readonly (readonly [number, number])[];
  /**
   * QEMU trace events: syncs as [startMs, durationMs, dirty pages of the current rate period] (QEMU's
   * `num_dirty_pages_period`: it accumulates over the syncs of one period of about a second and restarts
   * after), pending checks as [atMs, pendingBytes, thresholdBytes]; times on the sample clock. */
  readonly syncs: readonly (readonly [number, number, number])[];
  readonly pendingChecks: readonly (readonly [number, number, number])[];
  readonly vmStopMs: number | null;
  readonly destination: DestinationCheck | null;
}

/** A committed experiment. */
export interface ExperimentTrace {
  readonly format: 'dirty-sync-oracle/qemu-experiment/1';
  readonly purpose: string;
  readonly recordedAt: string;
  readonly qemu: { readonly version: string; readonly package: string; readonly accelerator: 'tcg'; readonly machine: string };
  readonly host: { readonly cores: number; readonly cpuModel: string; readonly kernel: string; readonly node: string; readonly note: string };
  readonly runs: readonly ExperimentRun[];
}

/**
 * Checks that parsed JSON is an experiment trace this code can read.
 * @param value - the parsed document
 * @param source - where it came from, for the message
 * @returns the trace
 * @throws TypeError when the format tag or the runs are missing
 */
export function asExperimentTrace(value: unknown, source: string): ExperimentTrace {
  const trace = value as Partial<ExperimentTrace> | null;
  if (trace === null || typeof trace !== 'object' || trace.format !== 'dirty-sync-oracle/qemu-experiment/1' || !Array.isArray(trace.runs)) {
    throw new TypeError(`asExperimentTrace: ${source} must be a dirty-sync-oracle/qemu-experiment/1 document`);
  }
  return trace as ExperimentTrace;
}

/**
 * Writes a trace compactly: one line per run, so a diff shows which runs changed.
 * @param trace - the experiment
 * @returns the JSON text
 */
export function formatExperimentTrace(trace: ExperimentTrace): string {
  const { runs, ...head } = trace;
  const body = runs.map((run) => JSON.stringify(run)).join(',\n');
  return `${JSON.stringify(head).slice(0, -1)},"runs":[\n${body}\n]}\n`;
}
