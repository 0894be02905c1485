/**
 * Records the side effects a sync reports, in call order, so laws can be checked over them.
 */
import type { SyncEffects } from './contract.ts';

/** The three effect callbacks of docs/specification.md. */
export type EffectKind = 'clearDirtyLog' | 'dirtyBitsCleared' | 'deferDirtyLogClear';

/** One recorded effect call, with its arguments as the implementation passed them. */
export interface EffectCall {
  /** Which callback was called. */
  readonly kind: EffectKind;
  /** First page: block-relative for the two clears, global for `dirtyBitsCleared`. */
  readonly startPage: unknown;
  /** Number of pages. */
  readonly npages: unknown;
}

/** A set of effect callbacks and the calls made to them. */
export interface EffectRecorder {
  /** Pass these to the sync. */
  readonly effects: Required<SyncEffects>;
  /** Every call, in order. */
  readonly calls: EffectCall[];
}

/**
 * Creates a recorder whose callbacks append to `calls`.
 * @param options - `defer: false` leaves out `deferDirtyLogClear`, as a plug-in host without `clear_bmap` would
 * @returns the recorder
 */
export function createEffectRecorder(options: { defer?: boolean } = {}): EffectRecorder {
  const calls: EffectCall[] = [];
  const record = (kind: EffectKind) => (startPage: unknown, npages: unknown) => {
    calls.push({ kind, startPage, npages });
  };
  const effects = {
    clearDirtyLog: record('clearDirtyLog'),
    dirtyBitsCleared: record('dirtyBitsCleared'),
    deferDirtyLogClear: record('deferDirtyLogClear'),
  };
  if (options.defer === false) delete (effects as Partial<typeof effects>).deferDirtyLogClear;
  return { effects, calls };
}

/**
 * Renders an effect call as `kind(start, npages)`.
 * @param call - the call
 * @returns the text
 */
export function formatEffectCall(call: EffectCall): string {
  return `${call.kind}(${String(call.startPage)}, ${String(call.npages)})`;
}
