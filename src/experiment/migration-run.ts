/**
 * One migration between two QEMU processes on this host: the destination waits on a UNIX socket, the
 * source boots the guest, QEMU measures the guest's dirty rate, then the source migrates under the
 * given bandwidth and downtime limits while `query-migrate` is polled every 50 ms. Afterwards the
 * destination's guest checks its working set for lost writes. Both processes are bounded in time and
 * stopped before this returns, whatever happened.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationCheck, DirtyRateMeasurement, ExperimentRun, SampleRow } from './experiment-trace.ts';
import { GUEST_PAGE_BYTES, WORKING_SET_BASE_BYTES, writeGuestImage } from './guest-image.ts';
import { pagesWrittenBetween, parseGuestSerial, type GuestSerialLog } from './guest-serial.ts';
import { startQemu, type QemuProcess } from './qemu-process.ts';
import { parseQemuTrace, TRACED_EVENTS } from './qemu-trace-events.ts';
import { QmpClient } from './qmp-client.ts';

/** The settings of one run. */
export interface MigrationRunSettings {
  readonly id: string;
  readonly maxBandwidthBytesPerS: number;
  readonly downtimeLimitMs: number;
  readonly workingSetPages: number;
  readonly guestPagesPerSecond: number;
  /** The migration is cancelled after this long (ms). */
  readonly timeoutMs: number;
  /** How long the destination's guest may run to check its working set (ms). */
  readonly verifyMs: number;
}

/** Where QEMU is and what the guest is. */
export interface MigrationRunEnvironment {
  readonly qemuBinary: string;
  /** The assembled guest image (unpatched). */
  readonly guestImage: Buffer;
}

/** The polling period of `query-migrate` (ms). */
export const POLL_PERIOD_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * RAM for a working set: the set above 1 MiB, plus room for the BIOS's tables at the top, rounded up to MiB.
 * @param workingSetPages - the working set (4 KiB pages)
 * @returns the guest's RAM (bytes)
 */
export function memoryForWorkingSet(workingSetPages: number): number {
  const mib = 1024 * 1024;
  return Math.max(16 * mib, Math.ceil((WORKING_SET_BASE_BYTES + workingSetPages * GUEST_PAGE_BYTES + 12 * mib) / mib) * mib);
}

function qemuArgs(directory: string, role: 'source' | 'destination', memoryBytes: number): string[] {
  const args = [
    '-nodefaults', '-no-user-config', '-machine', 'pc', '-accel', 'tcg', '-smp', '1',
    '-m', `${memoryBytes / (1024 * 1024)}M`, '-display', 'none',
    '-drive', `file=${join(directory, 'guest.img')},format=raw,if=floppy,readonly=on`,
    '-serial', `file:${join(directory, `${role}-serial.txt`)}`,
    '-qmp', `unix:${join(directory, `${role}-qmp.sock`)},server=on,wait=off`,
  ];
  if (role === 'destination') args.push('-incoming', `unix:${join(directory, 'migration.sock')}`);
  else {
    args.push('-msg', 'timestamp=on');
    for (const event of TRACED_EVENTS) args.push('-trace', event);
    args.push('-trace', `file=${join(directory, 'source-trace.txt')}`);
  }
  return args;
}

function readSerial(directory: string, role: 'source' | 'destination'): GuestSerialLog {
  const path = join(directory, `${role}-serial.txt`);
  return parseGuestSerial(existsSync(path) ? readFileSync(path, 'latin1') : '');
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string, periodMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`experiment: ${what} within ${timeoutMs} ms`);
    await sleep(periodMs);
  }
}

/** Runs QEMU's `calc-dirty-rate` and waits for its result; a mode QEMU refuses is recorded with a null rate. */
async function calcDirtyRate(client: QmpClient, args: Record<string, unknown>): Promise<DirtyRateMeasurement> {
  const mode = String(args.mode ?? 'page-sampling');
  try {
    await client.execute('calc-dirty-rate', args);
  } catch (error) {
    return { mode, calcTimeS: Number(args['calc-time']), samplePages: null, dirtyRateMiBPerS: null, error: (error as Error).message };
  }
  await sleep(Number(args['calc-time']) * 1000);
  for (;;) {
    const result = (await client.execute('query-dirty-rate')) as Record<string, unknown>;
    if (result.status === 'measured') {
      return { mode, calcTimeS: Number(result['calc-time']), samplePages: field(result['sample-pages']), dirtyRateMiBPerS: field(result['dirty-rate']), error: null };
    }
    await sleep(100);
  }
}

const field = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function sampleRow(tMs: number, info: Record<string, unknown>): SampleRow {
  const ram = (info.ram ?? {}) as Record<string, unknown>;
  return [
    tMs, String(info.status), field(ram.transferred), field(ram.remaining), field(ram['dirty-pages-rate']),
    field(ram['dirty-sync-count']), field(info['expected-downtime']), field(info.downtime), field(info['total-time']),
  ];
}

/**
 * Runs one migration.
 * @param settings - limits, working set, rate and time bounds
 * @param environment - the QEMU binary and the guest image
 * @returns the run as it is recorded
 * @throws Error when a QEMU does not start, the guest does not run, or QMP fails
 */
export async function runMigration(settings: MigrationRunSettings, environment: MigrationRunEnvironment): Promise<ExperimentRun> {
  const directory = mkdtempSync(join(tmpdir(), 'dso-migration-'));
  const memoryBytes = memoryForWorkingSet(settings.workingSetPages);
  writeGuestImage(environment.guestImage, { workingSetPages: settings.workingSetPages, pagesPerSecond: settings.guestPagesPerSecond }, memoryBytes, join(directory, 'guest.img'));
  const lifetimeMs = settings.timeoutMs + settings.verifyMs + 30_000;
  const processes: QemuProcess[] = [];
  const clients: QmpClient[] = [];
  const loadavgBefore = loadavg().map((x) => Number(x.toFixed(2)));
  try {
    const destinationProcess = startQemu(environment.qemuBinary, qemuArgs(directory, 'destination', memoryBytes), lifetimeMs);
    processes.push(destinationProcess);
    const sourceProcess = startQemu(environment.qemuBinary, qemuArgs(directory, 'source', memoryBytes), lifetimeMs);
    processes.push(sourceProcess);
    const connectOrExplain = async (role: 'source' | 'destination', qemu: QemuProcess): Promise<QmpClient> => {
      try {
        return await QmpClient.connect(join(directory, `${role}-qmp.sock`), 10_000);
      } catch (error) {
        throw new Error(`${(error as Error).message}; ${role} QEMU said: ${qemu.stderr().trim().split('\n')[0] ?? ''}`);
      }
    };
    const destination = await connectOrExplain('destination', destinationProcess);
    clients.push(destination);
    const source = await connectOrExplain('source', sourceProcess);
    clients.push(source);

    // The guest is running when it has printed two heartbeats; the rate is measured over a further second.
    const first = await waitFor(() => {
      const log = readSerial(directory, 'source');
      return log.heartbeats.length >= 2 ? log.heartbeats[log.heartbeats.length - 1] : undefined;
    }, 15_000, 'the source guest printed no heartbeats');
    const firstCount = readSerial(directory, 'source').heartbeats.length;
    const pageSampling = await calcDirtyRate(source, { 'calc-time': 1, 'sample-pages': 4096 });
    // The dirty-bitmap mode is not used: QEMU 7.2.22 under TCG dies with SIGSEGV on it.
    const heartbeats = readSerial(directory, 'source').heartbeats;
    const last = heartbeats[heartbeats.length - 1];
    const beats = heartbeats.length - firstCount;
    const measuredWritePagesPerS = beats > 0 ? Math.round(pagesWrittenBetween(first, last, settings.workingSetPages) / (beats * 0.25)) : 0;

    await source.execute('migrate-set-parameters', { 'max-bandwidth': settings.maxBandwidthBytesPerS, 'downtime-limit': settings.downtimeLimitMs });
    // Start the migration right after a heartbeat, so that where the guest's writer was at the start is
    // known to within a few pages: the model needs it, since the writer and the send cursor both walk in
    // address order.
    const beatsBefore = readSerial(directory, 'source').heartbeats.length;
    const progressBase = await waitFor(() => {
      const beats = readSerial(directory, 'source').heartbeats;
      return beats.length > beatsBefore ? beats : undefined;
    }, 5_000, 'the source guest printed no heartbeat before the migration', 2);
    const baseBeat = progressBase[progressBase.length - 1];
    let beatsSeen = progressBase.length;
    const guestProgress: [number, number][] = [];
    const startedMs = Date.now();
    await source.execute('migrate', { uri: `unix:${join(directory, 'migration.sock')}` });
    const samples: SampleRow[] = [];
    let info: Record<string, unknown> = {};
    let outcome: ExperimentRun['outcome'] = 'timeout';
    for (let tick = 0; ; tick++) {
      info = (await source.execute('query-migrate')) as Record<string, unknown>;
      samples.push(sampleRow(Date.now() - startedMs, info));
      // The guest's own progress while it migrates: a heartbeat is stamped with the poll that first saw it.
      const beatsNow = readSerial(directory, 'source').heartbeats;
      if (beatsNow.length > beatsSeen && baseBeat !== undefined) {
        beatsSeen = beatsNow.length;
        guestProgress.push([samples[samples.length - 1][0], pagesWrittenBetween(baseBeat, beatsNow[beatsNow.length - 1], settings.workingSetPages)]);
      }
      if (info.status === 'completed') {
        outcome = 'completed';
        break;
      }
      if (info.status === 'failed' || info.status === 'cancelled') {
        outcome = 'failed';
        break;
      }
      if (Date.now() - startedMs > settings.timeoutMs) {
        await source.execute('migrate_cancel');
        break;
      }
      // Fixed schedule: the next poll is due POLL_PERIOD_MS after the previous was due, not after it returned.
      await sleep(Math.max(0, startedMs + (tick + 1) * POLL_PERIOD_MS - Date.now()));
    }
    const ram = (info.ram ?? {}) as Record<string, unknown>;
    const final = {
      totalTimeMs: field(info['total-time']),
      downtimeMs: field(info.downtime),
      setupTimeMs: field(info['setup-time']),
      dirtySyncCount: field(ram['dirty-sync-count']),
      transferredBytes: field(ram.transferred),
      downtimeBytes: field(ram['downtime-bytes']),
    };

    let destinationCheck: DestinationCheck | null = null;
    if (outcome === 'completed') {
      // The destination's serial log holds only what its guest printed after it resumed. Its guest
      // checks every page once per round: wait for two full rounds between its heartbeats.
      const deadline = Date.now() + settings.verifyMs;
      let log = readSerial(directory, 'destination');
      while (Date.now() < deadline) {
        const beats = log.heartbeats;
        if (beats.length >= 2 && beats[beats.length - 1].round >= beats[0].round + 3) break;
        await sleep(100);
        log = readSerial(directory, 'destination');
      }
      const beats = log.heartbeats;
      const lastBeat = beats[beats.length - 1];
      destinationCheck = {
        heartbeats: beats.length,
        roundsChecked: beats.length >= 2 ? Math.max(0, lastBeat.round - beats[0].round - 1) : 0,
        // The heartbeat carries the full count; without one, only the printed lines (at most 64) are known.
        lostWrites: lastBeat?.lostWrites ?? log.lostWrites.length,
        lostWritesExact: lastBeat !== undefined,
        firstLost: log.lostWrites.slice(0, 16).map((lost) => [lost.page, lost.foundRound, lost.round] as const),
      };
    }

    for (const client of clients.splice(0)) client.close();
    for (const qemu of processes.splice(0)) await qemu.stop();
    const tracePath = join(directory, 'source-trace.txt');
    const trace = parseQemuTrace(existsSync(tracePath) ? readFileSync(tracePath, 'utf8') : '');
    // Trace times are relative to the first traced event; move them onto the sample clock.
    const shiftMs = trace.originEpochS * 1000 - startedMs;
    const round = (x: number): number => Math.round(x * 1000) / 1000;
    return {
      id: settings.id,
      maxBandwidthBytesPerS: settings.maxBandwidthBytesPerS,
      downtimeLimitMs: settings.downtimeLimitMs,
      workingSetPages: settings.workingSetPages,
      guestPagesPerSecond: settings.guestPagesPerSecond,
      memoryBytes,
      measuredWritePagesPerS,
      calcDirtyRate: [pageSampling],
      loadavgBefore,
      loadavgAfter: loadavg().map((x) => Number(x.toFixed(2))),
      timeoutMs: settings.timeoutMs,
      outcome,
      final,
      samples,
      writerAtStart: { round: baseBeat.round, page: baseBeat.page },
      guestProgress,
      syncs: trace.syncs.map((s) => [round(s.startMs + shiftMs), round(s.durationMs), s.dirtyPages] as const),
      pendingChecks: trace.pendingChecks.map((p) => [round(p.atMs + shiftMs), p.pendingBytes, p.thresholdBytes] as const),
      vmStopMs: trace.vmStopMs === undefined ? null : round(trace.vmStopMs + shiftMs),
      destination: destinationCheck,
    };
  } finally {
    for (const client of clients) client.close();
    for (const qemu of processes) await qemu.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
