/**
 * How much does the FFI cost? One 64 Mi-page sync (QEMU's 2^21-page DirtyMemoryBlocks × 32, a
 * 256 GiB guest at 4 KiB pages) through koffi into native/examples/wordwise.c, with the bitmaps
 * shared without copying, against the same algorithm in TypeScript (src/sync/wordwise.ts); plus one
 * small call, which is all FFI overhead, and what copying the bitmaps in and out would add.
 *
 * Run: npx tsx bench/native-sync.bench.ts
 */
import { resolve } from 'node:path';
import { Bench } from 'tinybench';
import { allocateBitmap } from '../src/bitmap/bitmap.ts';
import { QEMU_BLOCK_PAGES } from '../src/sync/case-families.ts';
import type { DirtyMemory, RamBlock, SyncDirtyBitmap } from '../src/sync/contract.ts';
import { createEffectRecorder } from '../src/sync/effect-recorder.ts';
import { loadSyncPlugin } from '../src/sync/plugin-loader.ts';
import { wordwiseSync } from '../src/sync/wordwise.ts';

const BLOCKS = 32;
const TOTAL_PAGES = BLOCKS * QEMU_BLOCK_PAGES;
const SEED = 20251215;

/** A fixed xorshift32 stream, so every run syncs the same bits. */
function words(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/** The source pattern: a quarter of the words dirty (random bits), the rest clean, as after a busy iteration. */
function pristineSource(): Uint32Array[] {
  const next = words(SEED);
  return Array.from({ length: BLOCKS }, () => {
    const block = allocateBitmap(QEMU_BLOCK_PAGES);
    for (let i = 0; i < block.length; i++) block[i] = next() % 4 === 0 ? next() : 0;
    return block;
  });
}

interface Layout {
  readonly label: string;
  readonly offsetPage: number;
}

const pristine = pristineSource();
const mem: DirtyMemory = { blockPages: QEMU_BLOCK_PAGES, blocks: pristine.map((block) => block.slice()) };
const native = (await loadSyncPlugin(resolve(import.meta.dirname, '../native/examples/wordwise.c'))).syncDirtyBitmap;
const layouts: Layout[] = [
  { label: 'offset 0 (aligned words)', offsetPage: 0 },
  { label: 'offset 7 (shifted words)', offsetPage: 7 },
];
let sink = 0;

const bench = new Bench({ name: '64 Mi-page sync', time: 2000, iterations: 10, warmupIterations: 3 });
for (const layout of layouts) {
  const rb: RamBlock = { offsetPage: layout.offsetPage, pages: TOTAL_PAGES - layout.offsetPage, bmap: allocateBitmap(TOTAL_PAGES) };
  // Every iteration starts from the same dirty source and an empty bmap; the reset is not timed.
  const reset = () => {
    mem.blocks.forEach((block, i) => block.set(pristine[i]));
    rb.bmap.fill(0);
  };
  const task = (name: string, sync: SyncDirtyBitmap) =>
    bench.add(`${name}, ${layout.label}`, () => {
      sink += sync(mem, rb, 0, rb.pages, createEffectRecorder().effects);
    }, { beforeEach: reset });
  task('C wordwise via koffi, zero-copy', native);
  task('TS wordwise', wordwiseSync);
}
const smallBlock: RamBlock = { offsetPage: 0, pages: 64, bmap: allocateBitmap(64) };
bench.add('C wordwise via koffi, 64-page call (FFI overhead)', () => {
  sink += native(mem, smallBlock, 0, 64, createEffectRecorder().effects);
});
bench.add('TS wordwise, 64-page call', () => {
  sink += wordwiseSync(mem, smallBlock, 0, 64, createEffectRecorder().effects);
});
// A binding that copied would copy every block and bmap in before the call and out after it.
const outside = { source: pristine.map((block) => block.slice()), bmap: allocateBitmap(TOTAL_PAGES) };
const inside = { source: pristine.map((block) => new Uint32Array(block.length)), bmap: allocateBitmap(TOTAL_PAGES) };
bench.add('copying source and bmap in and out (what a copying binding would add)', () => {
  outside.source.forEach((block, i) => inside.source[i].set(block));
  inside.bmap.set(outside.bmap);
  inside.source.forEach((block, i) => outside.source[i].set(block));
  outside.bmap.set(inside.bmap);
  sink += outside.bmap[0];
});

await bench.run();
console.log(`${bench.name}: ${BLOCKS} DirtyMemoryBlocks of ${QEMU_BLOCK_PAGES} pages = ${TOTAL_PAGES} pages; seed ${SEED}; node ${process.version}`);
console.table(
  bench.tasks.map((t) => {
    const result = t.result as { latency?: { mean: number; p50: number; min: number }; error?: unknown } | undefined;
    if (result?.error) throw result.error;
    const micros = (ms: number | undefined) => (ms === undefined ? '' : (ms * 1000).toFixed(1));
    return { task: t.name, 'mean µs': micros(result?.latency?.mean), 'median µs': micros(result?.latency?.p50), 'min µs': micros(result?.latency?.min) };
  }),
);
for (const layout of layouts) {
  const mean = (name: string) => (bench.getTask(`${name}, ${layout.label}`)?.result as { latency?: { mean: number } } | undefined)?.latency?.mean ?? NaN;
  console.log(`${layout.label}: TS / C = ${(mean('TS wordwise') / mean('C wordwise via koffi, zero-copy')).toFixed(1)}×`);
}
console.log(`(checksum ${sink})`);
