/**
 * The bandwidth estimates a simulated migration can stop on. Each estimator is told how every
 * iteration went and answers with the estimate available afterwards, in bytes per ms.
 *
 * This file deliberately restates the seed's `R` rule instead of importing it from `convergence/`:
 * the simulator is the independent side of the comparison, so it must not share code with the
 * closed forms it is checked against.
 */

/** The window QEMU measures bandwidth over (`BUFFER_DELAY`), in ms. */
export const BANDWIDTH_WINDOW_MS = 100;

/** The longest send pass of `ram_save_iterate` (`MAX_WAIT`) before QEMU's loop checks its window again, in ms. */
export const SEND_PASS_MS = 50;

/** A window of sending only: the whole passes it takes to reach 100 ms, in ms. */
const PURE_WINDOW_MS = Math.ceil(BANDWIDTH_WINDOW_MS / SEND_PASS_MS) * SEND_PASS_MS;

/** The estimators a simulation can use. */
export type BandwidthEstimatorName = 'seed-premises' | 'windowed' | 'windowed-passes';

/** Every estimator name, in the order reports list them. */
export const BANDWIDTH_ESTIMATOR_NAMES: readonly BandwidthEstimatorName[] = ['seed-premises', 'windowed', 'windowed-passes'];

/** An estimator's running state, fed one finished iteration at a time. */
export interface BandwidthEstimator {
  /**
   * Records one finished iteration.
   * @param syncMs - time the iteration spent syncing the bitmap, sending nothing (ms)
   * @param sendMs - time the iteration spent sending (ms)
   * @param sentBytes - bytes sent in the iteration (bytes)
   * @returns the estimate available after the iteration (bytes per ms); 0 while there is none yet
   */
  afterIteration(syncMs: number, sendMs: number, sentBytes: number): number;
}

/**
 * The seed's rule applied to each iteration on its own: `B·t/(x+t)` when the iteration lasts at
 * least 100 ms, else `B·(100−x)/100`. At exactly 100 ms both formulas give `B·t/100`, so the
 * choice of `>=` there is immaterial.
 * @param bandwidthBytesPerMs - the real bandwidth B the seed's rule is written in terms of (bytes per ms)
 * @returns a fresh estimator
 */
function seedPremisesEstimator(bandwidthBytesPerMs: number): BandwidthEstimator {
  return {
    afterIteration(syncMs, sendMs) {
      if (syncMs + sendMs >= BANDWIDTH_WINDOW_MS) return (bandwidthBytesPerMs * sendMs) / (syncMs + sendMs);
      return (bandwidthBytesPerMs * (BANDWIDTH_WINDOW_MS - syncMs)) / BANDWIDTH_WINDOW_MS;
    },
  };
}

/**
 * QEMU's measurement (`migration_update_counters`): a window opens at the start of the migration,
 * closes at the first iteration boundary at or after 100 ms, and yields bytes sent in it divided by
 * its length, sync time included; the next window opens there. Until the first window closes the
 * estimate is 0, as QEMU's `threshold_size` is.
 * @returns a fresh estimator
 */
function windowedEstimator(): BandwidthEstimator {
  let windowMs = 0;
  let windowBytes = 0;
  let estimateBytesPerMs = 0;
  return {
    afterIteration(syncMs, sendMs, sentBytes) {
      windowMs += syncMs + sendMs;
      windowBytes += sentBytes;
      if (windowMs >= BANDWIDTH_WINDOW_MS) {
        estimateBytesPerMs = windowBytes / windowMs;
        windowMs = 0;
        windowBytes = 0;
      }
      return estimateBytesPerMs;
    },
  };
}

/**
 * QEMU's measurement with QEMU's loop granularity (docs/convergence.md): the migration thread returns to its loop
 * after the sync and after every send pass of at most 50 ms (`ram_save_iterate`'s `MAX_WAIT`), and a
 * window closes at the first of those checks at or after 100 ms. A long iteration therefore spans
 * several windows, the last of which may hold only sending. Sending is at a constant rate within an
 * iteration, as the simulator models it.
 * @returns a fresh estimator
 */
function windowedPassesEstimator(): BandwidthEstimator {
  let windowMs = 0;
  let windowBytes = 0;
  let estimateBytesPerMs = 0;
  const check = () => {
    if (windowMs < BANDWIDTH_WINDOW_MS) return;
    estimateBytesPerMs = windowBytes / windowMs;
    windowMs = 0;
    windowBytes = 0;
  };
  return {
    afterIteration(syncMs, sendMs, sentBytes) {
      const bytesPerMs = sendMs > 0 ? sentBytes / sendMs : 0;
      // The sync and the first pass run in one turn of the loop, so the first check follows both.
      windowMs += syncMs;
      let leftMs = sendMs;
      do {
        // Windows that open at a pass boundary inside a send phase hold sending only, whole passes of
        // it, and each measures the sending rate: skip them in one step (a first iteration sends for
        // seconds, hundreds of passes).
        const pureWindows = windowMs === 0 ? Math.floor(leftMs / PURE_WINDOW_MS) - 1 : 0;
        if (pureWindows > 0) {
          leftMs -= pureWindows * PURE_WINDOW_MS;
          estimateBytesPerMs = bytesPerMs;
        }
        const passMs = Math.min(SEND_PASS_MS, leftMs);
        windowMs += passMs;
        windowBytes += bytesPerMs * passMs;
        leftMs -= passMs;
        check();
      } while (leftMs > 0);
      return estimateBytesPerMs;
    },
  };
}

/**
 * Creates a fresh estimator by name.
 * @param name - which estimator
 * @param bandwidthBytesPerMs - the real bandwidth B (bytes per ms); only `seed-premises` reads it
 * @returns the estimator, with no iterations recorded
 */
export function createBandwidthEstimator(name: BandwidthEstimatorName, bandwidthBytesPerMs: number): BandwidthEstimator {
  if (name === 'seed-premises') return seedPremisesEstimator(bandwidthBytesPerMs);
  return name === 'windowed' ? windowedEstimator() : windowedPassesEstimator();
}
