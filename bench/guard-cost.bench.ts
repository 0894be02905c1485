/**
 * Question 4: what do the gate's guards cost on a 64 Mi-page sync (32 of QEMU's 2^21-page
 * DirtyMemoryBlocks, a quarter of the words dirty)? Each guarded task runs beside its unguarded twin
 * in the same tinybench run, so the figure is a same-run ratio: TS wordwise with guard words around
 * every buffer and the zone check after the call, and C wordwise through koffi with every buffer
 * also ending at a page-protected guard. The source and `bmap` are reset before each iteration,
 * untimed.
 */
import { resolve } from 'node:path';
import { Bench } from 'tinybench';
import { allocateBitmap } from '../src/bitmap/bitmap.ts';
import { guardState, type GuardZones } from '../src/gate/guard-zones.ts';
import { QEMU_BLOCK_PAGES } from '../src/sync/case-families.ts';
import type { SyncDirtyBitmap } from '../src/sync/contract.ts';
import { createEffectRecorder } from '../src/sync/effect-recorder.ts';
import { compileSyncPlugin } from '../src/sync/native/compile.ts';
import { bindNativeSync } from '../src/sync/native/native-sync.ts';
import { loadPageGuards } from '../src/sync/native/page-guards.ts';
import type { SyncState } from '../src/sync/sync-case.ts';
import { wordwiseSync } from '../src/sync/wordwise.ts';
import type { BenchQuestion, QuestionAnswer, QuestionContext } from './bench-question.ts';
import type { TextTable } from './text-table.ts';

const BLOCKS = 32;

/** One guarded task against its unguarded twin. */
export interface GuardCostFigure {
  /** What is compared. */
  readonly comparison: string;
  /** Mean of the unguarded task (ms). */
  readonly plainMeanMs: number;
  /** Mean of the guarded task (ms). */
  readonly guardedMeanMs: number;
  /** guarded / plain, same run. */
  readonly ratio: number;
}

/** Everything question 4 measured. */
export interface GuardCostFigures {
  /** Pages synced per call. */
  readonly pages: number;
  /** The comparisons. */
  readonly figures: readonly GuardCostFigure[];
}

/** A fixed xorshift32 stream: a quarter of the words dirty with random bits, the rest clean. */
function pristineSource(seed: number): Uint32Array[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  return Array.from({ length: BLOCKS }, () => {
    const block = allocateBitmap(QEMU_BLOCK_PAGES);
    for (let i = 0; i < block.length; i++) block[i] = next() % 4 === 0 ? next() : 0;
    return block;
  });
}

/** Question 4 as the runner sees it. */
export const guardCost: BenchQuestion<GuardCostFigures> = {
  id: 'guardCost',
  title: "The gate's guards on a 64 Mi-page sync: guard words (JS) and page-protected guards (C), same-run ratios",
  run(context: QuestionContext): QuestionAnswer<GuardCostFigures> {
    const pages = BLOCKS * QEMU_BLOCK_PAGES;
    const pristine = pristineSource(context.plan.seed);
    const plainState = (): SyncState => ({
      mem: { blockPages: QEMU_BLOCK_PAGES, blocks: pristine.map((block) => block.slice()) },
      rb: { offsetPage: 0, pages, bmap: allocateBitmap(pages) },
    });
    context.progress('guard cost: compiling native/examples/wordwise.c and the page guards');
    const native = bindNativeSync(compileSyncPlugin(resolve(import.meta.dirname, '../native/examples/wordwise.c')), 'wordwise.c');
    const pageGuards = loadPageGuards();
    const plain = plainState();
    const wordGuarded = guardState(plainState());
    const pageGuarded = guardState(plainState(), pageGuards);
    const quick = context.plan.mode === 'quick';
    const bench = new Bench({ time: quick ? 400 : 2000, iterations: quick ? 5 : 10, warmupIterations: 2, throws: true });
    const reset = (state: SyncState) => () => {
      state.mem.blocks.forEach((block, i) => block.set(pristine[i]));
      state.rb.bmap.fill(0);
    };
    const task = (name: string, sync: SyncDirtyBitmap, state: SyncState, zones?: GuardZones) =>
      bench.add(name, () => {
        context.sink.consume(sync(state.mem, state.rb, 0, pages, createEffectRecorder().effects));
        if (zones && zones.check().length > 0) throw new Error(`guard cost: ${name} wrote outside its bitmaps`);
      }, { beforeEach: reset(state) });
    const comparisons = [
      { comparison: 'TS wordwise: guard words + zone check / plain', plain: 'TS wordwise, plain buffers', guarded: 'TS wordwise, guard words + zone check' },
      { comparison: 'C wordwise via koffi: page guards + guard words + zone check / plain', plain: 'C wordwise, plain buffers', guarded: 'C wordwise, page-guarded buffers + zone check' },
    ];
    task(comparisons[0].plain, wordwiseSync, plain);
    task(comparisons[0].guarded, wordwiseSync, wordGuarded.state, wordGuarded.zones);
    task(comparisons[1].plain, native, plain);
    task(comparisons[1].guarded, native, pageGuarded.state, pageGuarded.zones);
    context.progress('guard cost: 64 Mi-page syncs, guarded and not, in one run');
    bench.runSync();
    const mean = (name: string) => (bench.getTask(name)?.result as { latency?: { mean: number } } | undefined)?.latency?.mean ?? NaN;
    const figures = comparisons.map(({ comparison, plain: p, guarded: g }) => ({ comparison, plainMeanMs: mean(p), guardedMeanMs: mean(g), ratio: mean(g) / mean(p) }));
    const table: TextTable = {
      title: `Guard cost on a ${pages}-page sync (${BLOCKS} × 2^21-page blocks, a quarter of the words dirty), same run`,
      columns: ['comparison', 'plain ms', 'guarded ms', 'guarded / plain'],
      notes: ['Means of tinybench iterations; the machine is shared, so only the ratio of two tasks of the same run is a figure.'],
      rows: figures.map((f) => [f.comparison, f.plainMeanMs.toFixed(2), f.guardedMeanMs.toFixed(2), f.ratio.toFixed(3)]),
    };
    return { tables: [table], figures: { pages, figures } };
  },
};
