/**
 * Checks that a derived cause tells the truth about its counterexample: the path it names is the path
 * QEMU's rule selects for the case's numbers (worked out here, not by the model's own selector), and
 * the mechanism it names is visible in the recorded run.
 */
import { expect } from 'vitest';
import { deriveCause, FINDING_CAUSES, type FindingCauseId } from '../../src/sync/finding-causes.ts';
import type { LawId } from '../../src/sync/laws/law.ts';
import type { SyncObservation } from '../../src/sync/observation.ts';

/** QEMU's rule, restated: aligned iff the global start page and the length are multiples of 64 pages. */
const takesAlignedPath = (offsetPage: number, startPage: number, npages: number) => (offsetPage + startPage) % 64 === 0 && npages % 64 === 0;

/**
 * Asserts that the counterexample has one of the accepted causes and that the cause matches its path.
 * @param law - the law broken
 * @param observation - the counterexample's run
 * @param accepted - the causes accepted for its (implementation, family, law)
 * @returns the derived cause
 */
export function expectCauseMatchesPath(law: LawId, observation: SyncObservation, accepted: readonly FindingCauseId[]): FindingCauseId {
  const { offsetPage, startPage, npages, splitPage } = observation.syncCase;
  const derived = deriveCause(law, observation);
  const where = `offsetPage ${offsetPage}, startPage ${startPage}, npages ${npages}`;
  expect(derived, `no known cause fits the ${law} counterexample (${where})`).toBeDefined();
  const { cause, path } = derived!;
  expect(accepted, `cause ${cause} of the ${law} counterexample (${where})`).toContain(cause);
  expect(FINDING_CAUSES[cause].path).toBe(path);
  const rearms = observation.whole.calls.filter((call) => call.kind === 'dirtyBitsCleared');
  if (law === 'L9') {
    const parts = [[startPage, npages], [startPage, splitPage - startPage], [splitPage, startPage + npages - splitPage]];
    expect(parts.some(([start, count]) => count > 0 && takesAlignedPath(offsetPage, start, count)), `no part of the L9 case takes the aligned path (${where})`).toBe(path === 'aligned');
  } else {
    expect(takesAlignedPath(offsetPage, startPage, npages) ? 'aligned' : 'misaligned', where).toBe(path);
  }
  if (cause === 'aligned-destination-cursor') expect(offsetPage % 64).not.toBe(0);
  if (cause === 'aligned-rearm-newly-set' || cause === 'misaligned-rearm-newly-set') {
    expect(rearms).toEqual([]);
    expect(observation.whole.returned).toBe(0);
  }
  if (cause === 'aligned-rearm-relative-start') {
    expect(offsetPage).not.toBe(0);
    expect(rearms.map((call) => [call.startPage, call.npages])).toContainEqual([startPage, npages]);
  }
  return cause;
}
