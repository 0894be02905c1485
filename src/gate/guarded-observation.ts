/**
 * Observes a plug-in on a case as `observeSync` does, with the plug-in's buffers inside guard zones
 * and its structures watched: after every call the zones are read back, and the objects the oracle
 * handed over (`mem`, `mem.blocks` and each block, `rb` and its `bmap`) are compared with what they
 * were. A change is the plug-in's misbehaviour, recorded for the case; the oracle puts its own
 * structure back, so nothing the plug-in did to it can make the oracle itself fail.
 */
import type { DirtyMemory, RamBlock, SyncImplementation } from '../sync/contract.ts';
import { runSync, type SyncObservation, type SyncRun } from '../sync/observation.ts';
import { materialize, type SyncCase, type SyncState } from '../sync/sync-case.ts';
import type { PageGuards } from '../sync/native/page-guards.ts';
import { guardState } from './guard-zones.ts';

/** An observation and what the plug-in did outside its bitmaps. */
export interface GuardedObservation {
  /** The observation, as the laws read it. */
  readonly observation: SyncObservation;
  /**
   * The misbehaviour of the run the laws read: the whole range, and for `withSplit` the split too.
   * @param withSplit - include the split run (computed on demand, as only L9 reads it)
   * @returns one line per misbehaviour, naming the call; empty when there was none
   */
  misbehaviour(withSplit: boolean): string[];
}

/**
 * Runs the whole range and, on demand, the split range, each on guarded copies of the case.
 * @param implementation - the plug-in
 * @param syncCase - the case
 * @param pageGuards - end every buffer at a protected page too (for native code)
 * @returns the observation and its misbehaviour
 */
export function observeGuarded(implementation: SyncImplementation, syncCase: SyncCase, pageGuards?: PageGuards): GuardedObservation {
  const { startPage, npages, splitPage } = syncCase;
  const whole = runGuarded(implementation, syncCase, [[startPage, npages]], pageGuards);
  let split: { run: SyncRun; misbehaviour: string[] } | undefined;
  const splitRun = () =>
    (split ??= runGuarded(implementation, syncCase, [
      [startPage, splitPage - startPage],
      [splitPage, startPage + npages - splitPage],
    ], pageGuards));
  return {
    observation: {
      syncCase,
      before: materialize(syncCase),
      whole: whole.run,
      get split(): SyncRun {
        return splitRun().run;
      },
    },
    misbehaviour: (withSplit) => [...whole.misbehaviour, ...(withSplit ? splitRun().misbehaviour.map((line) => `in the split run, ${line}`) : [])],
  };
}

/**
 * Makes the calls of one run on a guarded state, checking after each call.
 * @returns the run and the misbehaviour seen
 */
function runGuarded(
  implementation: SyncImplementation,
  syncCase: SyncCase,
  ranges: readonly (readonly [number, number])[],
  pageGuards?: PageGuards,
): { run: SyncRun; misbehaviour: string[] } {
  const { state, zones } = guardState(materialize(syncCase), pageGuards);
  const misbehaviour: string[] = [];
  const watched: SyncImplementation = {
    ...implementation,
    syncDirtyBitmap(mem, rb, startPage, count, effects) {
      const structure = snapshotStructure(mem, rb);
      try {
        return implementation.syncDirtyBitmap(mem, rb, startPage, count, effects);
      } finally {
        const call = `sync(startPage ${startPage}, npages ${count})`;
        for (const line of [...restoreStructure(structure), ...zones.check()]) misbehaviour.push(`${line}, in the call ${call}`);
      }
    },
  };
  const run = runSync(watched, state, ranges);
  if (!pageGuards) return { run, misbehaviour };
  // Mapped memory goes back to the pool for the next case, so the laws read a copy.
  const after: SyncState = {
    mem: { blockPages: state.mem.blockPages, blocks: state.mem.blocks.map((block) => block.slice()) },
    rb: { offsetPage: state.rb.offsetPage, pages: state.rb.pages, bmap: state.rb.bmap.slice() },
  };
  zones.release();
  return { run: { ...run, after }, misbehaviour };
}

/** The oracle's structure as it handed it over. */
interface StructureSnapshot {
  readonly mem: DirtyMemory;
  readonly rb: RamBlock;
  readonly blocks: readonly Uint32Array[];
  readonly blockList: readonly Uint32Array[];
  readonly blockPages: number;
  readonly offsetPage: number;
  readonly pages: number;
  readonly bmap: Uint32Array;
}

function snapshotStructure(mem: DirtyMemory, rb: RamBlock): StructureSnapshot {
  return { mem, rb, blocks: mem.blocks, blockList: [...mem.blocks], blockPages: mem.blockPages, offsetPage: rb.offsetPage, pages: rb.pages, bmap: rb.bmap };
}

/**
 * Compares the structure with its snapshot and puts back what changed.
 * @returns one line per change
 */
function restoreStructure(snapshot: StructureSnapshot): string[] {
  const changes: string[] = [];
  const mem = snapshot.mem as { blockPages: number; blocks: Uint32Array[] };
  const rb = snapshot.rb as { offsetPage: number; pages: number; bmap: Uint32Array };
  if (mem.blocks !== snapshot.blocks) changes.push('replaced mem.blocks');
  const blocks = snapshot.blocks as Uint32Array[];
  if (blocks.length !== snapshot.blockList.length) changes.push(`resized mem.blocks from ${snapshot.blockList.length} to ${blocks.length} entries`);
  const replaced = snapshot.blockList.flatMap((block, index) => (blocks[index] === block ? [] : [index]));
  if (replaced.length > 0 && blocks.length === snapshot.blockList.length) changes.push(`replaced mem.blocks[${replaced.join(', ')}]`);
  if (mem.blockPages !== snapshot.blockPages) changes.push(`changed mem.blockPages from ${snapshot.blockPages} to ${String(mem.blockPages)}`);
  if (rb.offsetPage !== snapshot.offsetPage) changes.push(`changed rb.offsetPage from ${snapshot.offsetPage} to ${String(rb.offsetPage)}`);
  if (rb.pages !== snapshot.pages) changes.push(`changed rb.pages from ${snapshot.pages} to ${String(rb.pages)}`);
  if (rb.bmap !== snapshot.bmap) changes.push('replaced rb.bmap');
  if (changes.length === 0) return [];
  blocks.length = 0;
  blocks.push(...snapshot.blockList);
  Object.assign(mem, { blocks, blockPages: snapshot.blockPages });
  Object.assign(rb, { offsetPage: snapshot.offsetPage, pages: snapshot.pages, bmap: snapshot.bmap });
  return [`mutated the oracle's structures: ${changes.join('; ')}`];
}
