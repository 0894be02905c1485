/**
 * QEMU's own trace events of the migration loop, read from the `-trace file=` log of the source
 * (log backend, `-msg timestamp=on`): when each bitmap sync started and ended and how many pages it
 * found, and each pending check with the threshold QEMU compared it against.
 */

/** The events this experiment asks QEMU for. */
export const TRACED_EVENTS = ['migration_bitmap_sync_start', 'migration_bitmap_sync_end', 'migrate_pending', 'migration_completion_vm_stop'] as const;

/** One bitmap sync. */
export interface TracedSync {
  /** When it started, relative to the first traced event (ms). */
  readonly startMs: number;
  /** How long it took (ms). */
  readonly durationMs: number;
  /** Pages it found newly dirty. */
  readonly dirtyPages: number;
}

/** One pending check of the loop. */
export interface TracedPendingCheck {
  readonly atMs: number;
  /** The pending estimate (bytes). */
  readonly pendingBytes: number;
  /** The threshold: estimated bandwidth × downtime limit (bytes). */
  readonly thresholdBytes: number;
}

/** The events of one migration. */
export interface QemuTraceLog {
  /** Wall-clock time of the first traced event (s since the epoch), to align with QMP samples. */
  readonly originEpochS: number;
  readonly syncs: readonly TracedSync[];
  readonly pendingChecks: readonly TracedPendingCheck[];
  /** When the VM was stopped for the switchover (ms), if it was. */
  readonly vmStopMs: number | undefined;
}

const LINE = /^\d+@(\d+)\.(\d{6}):(\w+)\s*(.*)$/;

/**
 * Parses the trace log.
 * @param text - the log file's contents
 * @returns the syncs, pending checks and the stop, with times relative to the first event
 */
export function parseQemuTrace(text: string): QemuTraceLog {
  const events: { atS: number; name: string; args: string }[] = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim());
    if (match) events.push({ atS: Number(match[1]) + Number(match[2]) / 1e6, name: match[3], args: match[4] });
  }
  const originEpochS = events[0]?.atS ?? 0;
  const ms = (atS: number): number => (atS - originEpochS) * 1000;
  const numbers = (args: string): number[] => [...args.matchAll(/\b(\d+)\b/g)].map((m) => Number(m[1]));
  const syncs: TracedSync[] = [];
  const pendingChecks: TracedPendingCheck[] = [];
  let syncStartS: number | undefined;
  let vmStopMs: number | undefined;
  for (const event of events) {
    if (event.name === 'migration_bitmap_sync_start') syncStartS = event.atS;
    else if (event.name === 'migration_bitmap_sync_end' && syncStartS !== undefined) {
      syncs.push({ startMs: ms(syncStartS), durationMs: (event.atS - syncStartS) * 1000, dirtyPages: numbers(event.args)[0] ?? 0 });
      syncStartS = undefined;
    } else if (event.name === 'migrate_pending') {
      // "pending size N max M (pre = … compat = … post = …)": the first two numbers.
      const [pendingBytes, thresholdBytes] = numbers(event.args);
      pendingChecks.push({ atMs: ms(event.atS), pendingBytes, thresholdBytes });
    } else if (event.name === 'migration_completion_vm_stop') vmStopMs = ms(event.atS);
  }
  return { originEpochS, syncs, pendingChecks, vmStopMs };
}
