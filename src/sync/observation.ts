/**
 * Runs an implementation on a case and records everything the laws look at: the state before, the
 * state, return value and effects after the whole range, and the state after the range synced in two
 * halves (for L9).
 */
import type { SyncImplementation } from './contract.ts';
import { createEffectRecorder, type EffectCall } from './effect-recorder.ts';
import { materialize, type SyncCase, type SyncState } from './sync-case.ts';

/** One call of the implementation and what came of it. */
export interface SyncRun {
  /** Memory and `bmap` after the call (or as far as it got before throwing). */
  readonly after: SyncState;
  /** What the call returned; undefined when it threw. */
  readonly returned: unknown;
  /** The effect calls, in order. */
  readonly calls: readonly EffectCall[];
  /** The exception, when the call threw. */
  readonly thrown?: unknown;
}

/** Everything the laws look at for one case. */
export interface SyncObservation {
  /** The case. */
  readonly syncCase: SyncCase;
  /** Its state before any call. */
  readonly before: SyncState;
  /** The range synced in one call. */
  readonly whole: SyncRun;
  /** The range synced as `[startPage, splitPage)` then `[splitPage, end)`; `returned` is the pair. */
  readonly split: SyncRun;
}

/**
 * Calls the implementation once on a fresh copy of the state, catching anything it throws.
 * @param implementation - the sync under test
 * @param state - the state to run on (mutated)
 * @param ranges - `[startPage, npages]` pairs, called in order
 * @returns the run; `returned` is a number for one range and an array for several
 */
export function runSync(implementation: SyncImplementation, state: SyncState, ranges: readonly (readonly [number, number])[]): SyncRun {
  const recorder = createEffectRecorder();
  const results: unknown[] = [];
  try {
    for (const [startPage, npages] of ranges) {
      results.push(implementation.syncDirtyBitmap(state.mem, state.rb, startPage, npages, recorder.effects));
    }
  } catch (thrown) {
    return { after: state, returned: undefined, calls: recorder.calls, thrown };
  }
  return { after: state, returned: ranges.length === 1 ? results[0] : results, calls: recorder.calls };
}

/**
 * An observation whose split run is made on first use. Its getter lives on the prototype: built as
 * an object literal with its own getter, an observation cost several times the runs it holds (the
 * exhaustive space spent about 160 µs a case on them, much of it in garbage collection).
 */
class LazySplitObservation implements SyncObservation {
  readonly syncCase: SyncCase;
  readonly before: SyncState;
  readonly whole: SyncRun;
  readonly #implementation: SyncImplementation;
  #split: SyncRun | undefined;

  constructor(implementation: SyncImplementation, syncCase: SyncCase, before: SyncState, whole: SyncRun) {
    this.#implementation = implementation;
    this.syncCase = syncCase;
    this.before = before;
    this.whole = whole;
  }

  get split(): SyncRun {
    const { startPage, npages, splitPage } = this.syncCase;
    this.#split ??= runSync(this.#implementation, materialize(this.syncCase), [
      [startPage, splitPage - startPage],
      [splitPage, startPage + npages - splitPage],
    ]);
    return this.#split;
  }
}

/**
 * Observes one case: the whole range, and (computed on first use, since only L9 reads it) the split
 * range on a separate copy.
 * @param implementation - the sync under test
 * @param syncCase - the case
 * @param before - the case's state before the sync; laws only read it, so observations of one case
 *   by several implementations may share one (default: a fresh copy)
 * @returns the observation
 */
export function observeSync(implementation: SyncImplementation, syncCase: SyncCase, before: SyncState = materialize(syncCase)): SyncObservation {
  const whole = runSync(implementation, materialize(syncCase), [[syncCase.startPage, syncCase.npages]]);
  return new LazySplitObservation(implementation, syncCase, before, whole);
}
