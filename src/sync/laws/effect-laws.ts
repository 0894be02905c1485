/**
 * Laws L6–L8 (docs/specification.md): the remote dirty-log clears, the TCG re-arms, and the empty range.
 */
import type { EffectCall, EffectKind } from '../effect-recorder.ts';
import { formatEffectCall } from '../effect-recorder.ts';
import type { SyncObservation } from '../observation.ts';
import { firstSelectedPage, maskInRange } from './bit-diff.ts';
import { defineLaw, type SyncLaw } from './law.ts';

/** L6: every page of the range has its remote log cleared exactly once, or its clear deferred. */
export const remoteClearLaw: SyncLaw = defineLaw({
  id: 'L6',
  name: 'remote clear',
  statement: 'clears the remote dirty log of every page in the range exactly once, or defers it, and nothing outside',
  check({ syncCase, whole }) {
    const malformed = firstMalformed(whole.calls, ['clearDirtyLog', 'deferDirtyLogClear']);
    if (malformed) return malformed;
    const { startPage, npages } = syncCase;
    const clearCalls = callsOf(whole.calls, 'clearDirtyLog');
    for (const call of clearCalls) {
      if (call.startPage < startPage || call.startPage + call.npages > startPage + npages) {
        return `${formatEffectCall(call)} reaches outside the synced range [${startPage}, ${startPage + npages})`;
      }
    }
    const clears = coverage(clearCalls, startPage, npages);
    const deferred = coverage(callsOf(whole.calls, 'deferDirtyLogClear'), startPage, npages);
    for (let i = 0; i < npages; i++) {
      if (clears[i] > 1) return `page ${startPage + i}'s remote dirty log is cleared ${clears[i]} times`;
      if (clears[i] === 0 && deferred[i] === 0) return `page ${startPage + i}'s remote dirty log is neither cleared nor deferred`;
    }
    return null;
  },
});

/** L7: every page whose source bit was cleared is re-armed, and no re-arm leaves the RAMBlock. */
export const rearmLaw: SyncLaw = defineLaw({
  id: 'L7',
  name: 're-arm',
  statement: 're-arms every page whose source bit it cleared, inside the RAMBlock',
  check({ syncCase, before, whole }) {
    const malformed = firstMalformed(whole.calls, ['dirtyBitsCleared']);
    if (malformed) return malformed;
    const rearms = callsOf(whole.calls, 'dirtyBitsCleared');
    const blockEnd = syncCase.offsetPage + syncCase.pages;
    for (const call of rearms) {
      if (call.startPage < syncCase.offsetPage || call.startPage + call.npages > blockEnd) {
        return `${formatEffectCall(call)} re-arms pages outside the RAMBlock [${syncCase.offsetPage}, ${blockEnd})`;
      }
    }
    const covered = mergedRanges(rearms);
    const notRearmed = firstSelectedPage(before.mem, whole.after.mem, (b, a, first) => {
      let cleared = b & ~a;
      // Only words with cleared bits look for the ranges that cover them (a reference run makes a re-arm per page).
      for (let i = cleared === 0 ? covered.length : firstEndingAfter(covered, first); i < covered.length && covered[i] < first + 32; i += 2) {
        cleared &= ~maskInRange(first, covered[i], covered[i + 1] - covered[i]);
      }
      return cleared;
    });
    if (notRearmed === undefined) return null;
    const calls = rearms.length === 0 ? 'no dirtyBitsCleared call was made' : `re-arms were ${rearms.map(formatEffectCall).join(', ')}`;
    return `source page ${notRearmed} was cleared but never re-armed (${calls})`;
  },
});

/** L8: an empty range changes nothing and makes no calls. */
export const emptyLaw: SyncLaw = defineLaw({
  id: 'L8',
  name: 'empty',
  statement: 'changes nothing and makes no calls when npages is 0',
  appliesTo: (syncCase) => syncCase.npages === 0,
  check({ syncCase, before, whole }: SyncObservation) {
    if (syncCase.npages !== 0) return null;
    if (whole.calls.length > 0) return `made ${whole.calls.length} effect call(s) for an empty range: ${whole.calls.map(formatEffectCall).join(', ')}`;
    if (whole.returned !== 0) return `returned ${String(whole.returned)} for an empty range`;
    const page = firstSelectedPage(before.mem, whole.after.mem, (b, a) => b ^ a);
    if (page !== undefined) return `source page ${page} changed for an empty range`;
    for (let index = 0; index < before.rb.bmap.length; index++) {
      if (before.rb.bmap[index] !== whole.after.rb.bmap[index]) return `bmap word ${index} changed for an empty range`;
    }
    return null;
  },
});

/** An effect call whose arguments are integers, as every law past the malformed check assumes. */
interface WellFormedCall {
  readonly kind: EffectKind;
  readonly startPage: number;
  readonly npages: number;
}

function callsOf(calls: readonly EffectCall[], kind: EffectKind): WellFormedCall[] {
  return calls.filter((call) => call.kind === kind) as WellFormedCall[];
}

/** The first call of the given kinds whose arguments are not a non-negative start and a positive count. */
function firstMalformed(calls: readonly EffectCall[], kinds: readonly EffectKind[]): string | null {
  for (const call of calls) {
    const { startPage, npages } = call;
    const startValid = typeof startPage === 'number' && Number.isSafeInteger(startPage) && startPage >= 0;
    const countValid = typeof npages === 'number' && Number.isSafeInteger(npages) && npages >= 1;
    // Almost every call is well-formed; only a malformed one pays for the lookup of its kind.
    if ((startValid && countValid) || !kinds.includes(call.kind)) continue;
    if (!startValid) return `${formatEffectCall(call)} has a start page that is not a non-negative integer`;
    return `${formatEffectCall(call)} has a page count that is not a positive integer`;
  }
  return null;
}

/** For each page of `[start, start + count)`, how many calls cover it. */
function coverage(calls: readonly WellFormedCall[], start: number, count: number): Uint32Array {
  const covered = new Uint32Array(count);
  for (const call of calls) {
    const from = Math.max(call.startPage, start);
    const to = Math.min(call.startPage + call.npages, start + count);
    for (let page = from; page < to; page++) covered[page - start]++;
  }
  return covered;
}

/**
 * The calls' page ranges as sorted, disjoint ranges, flattened: `[start0, end0, start1, end1, …]`
 * with ends exclusive (one array per check, not one per range).
 */
function mergedRanges(calls: readonly WellFormedCall[]): number[] {
  let inOrder = true;
  for (let i = 1; i < calls.length && inOrder; i++) inOrder = calls[i - 1].startPage <= calls[i].startPage;
  // Implementations re-arm in page order, so the sort is rarely needed.
  const sorted = inOrder ? calls : [...calls].sort((x, y) => x.startPage - y.startPage);
  const merged: number[] = [];
  for (const call of sorted) {
    const end = call.startPage + call.npages;
    const last = merged.length - 1;
    if (last > 0 && call.startPage <= merged[last]) merged[last] = Math.max(merged[last], end);
    else merged.push(call.startPage, end);
  }
  return merged;
}

/** Index (even) of the first range in flattened, sorted, disjoint `ranges` that ends after `page`. */
function firstEndingAfter(ranges: readonly number[], page: number): number {
  let low = 0;
  let high = ranges.length / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ranges[2 * middle + 1] <= page) low = middle + 1;
    else high = middle;
  }
  return 2 * low;
}
