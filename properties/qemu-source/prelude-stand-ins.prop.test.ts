/**
 * The prelude's stand-ins against direct computations: a probe sync, in the 2025 layout, calls each
 * stand-in once (clear_bmap marking through QEMU-shaped `clear_bmap_set`, the remote clear, the TCG
 * re-arm through `physical_memory_dirty_bits_cleared`, and an atomic exchange on the global bitmap
 * reached through `ram_list` and `DIRTY_MEMORY_BLOCK_SIZE`), and what the oracle records is compared
 * with what those calls mean, computed here in pages.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { allocateBitmap, testBit } from '../../src/bitmap/bitmap.ts';
import { propertySettingsFromEnv } from '../../src/property-settings.ts';
import { buildRevision } from '../../src/qemu-source/revision-build.ts';
import { bindNativeSync } from '../../src/sync/native/native-sync.ts';
import { writeFixtureTree } from './fixtures/fixture-trees.ts';
import { layout2025 } from './fixtures/layout-2025.ts';

const scratch = mkdtempSync(join(tmpdir(), 'qemu-prelude-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Small chunks, so that ranges span several and start inside one. */
const SHIFT = 6;

const PROBE_SYNC = `#include "qemu/osdep.h"

static uint64_t physical_memory_sync_dirty_bitmap(RAMBlock *rb,
                                                  ram_addr_t start,
                                                  ram_addr_t length)
{
    unsigned long global = (start + rb->offset) >> TARGET_PAGE_BITS;
    unsigned long *word = &qatomic_rcu_read(&ram_list.dirty_memory[DIRTY_MEMORY_MIGRATION])->blocks[global / DIRTY_MEMORY_BLOCK_SIZE][BIT_WORD(global % DIRTY_MEMORY_BLOCK_SIZE)];
    unsigned long before = qatomic_xchg(word, 0);

    if (length) {
        clear_bmap_set(rb, start >> TARGET_PAGE_BITS, length >> TARGET_PAGE_BITS);
        memory_region_clear_dirty_bitmap(rb->mr, start, length);
        physical_memory_dirty_bits_cleared(start + rb->offset, length);
    }
    return (before >> (global % BITS_PER_LONG)) & 1;
}
`;

test("the stand-ins report what QEMU's calls mean, in pages", async () => {
  const tree = join(scratch, 'probe');
  writeFixtureTree(tree, { ...layout2025('correct'), 'migration/ram.c': PROBE_SYNC });
  const built = await buildRevision(tree, undefined, SHIFT, { ...process.env, DIRTY_SYNC_ORACLE_CACHE: join(scratch, 'cache') });
  const sync = bindNativeSync(built.library.path, 'prelude-probe');
  const layout = fc
    .record({ blockLongs: fc.integer({ min: 1, max: 8 }), offsetPage: fc.nat(600), pages: fc.integer({ min: 1, max: 700 }), start: fc.nat(699), length: fc.nat(700), seed: fc.nat() })
    .map((r) => {
      const startPage = r.start % r.pages;
      return { ...r, startPage, npages: Math.min(r.length, r.pages - startPage) };
    });
  fc.assert(
    fc.property(layout, ({ blockLongs, offsetPage, pages, startPage, npages, seed }) => {
      const blockPages = 64 * blockLongs;
      const nblocks = Math.ceil((offsetPage + pages) / blockPages);
      const blocks = Array.from({ length: nblocks }, (_, b) => allocateBitmap(blockPages).map((_, w) => (seed * (b + 1) * (w + 7)) >>> 0));
      const global = offsetPage + startPage;
      const block = blocks[Math.floor(global / blockPages)] as Uint32Array;
      const within = global % blockPages;
      const wasSet = testBit(block, within);
      const calls: string[] = [];
      const returned = sync({ blockPages, blocks }, { offsetPage, pages, bmap: allocateBitmap(pages) }, startPage, npages, {
        clearDirtyLog: (s, n) => calls.push(`clear ${s} ${n}`),
        dirtyBitsCleared: (s, n) => calls.push(`rearm ${s} ${n}`),
        deferDirtyLogClear: (s, n) => calls.push(`defer ${s} ${n}`),
      });
      const word = Math.floor(within / 64);
      const expected: string[] = [];
      if (npages > 0) {
        const chunk = 2 ** SHIFT;
        const firstChunk = Math.floor(startPage / chunk);
        const endChunk = Math.ceil((startPage + npages) / chunk);
        expected.push(`clear ${startPage} ${npages}`, `rearm ${global} ${npages}`, `defer ${firstChunk * chunk} ${(endChunk - firstChunk) * chunk}`);
      }
      expect(calls).toEqual(expected);
      expect(returned).toBe(wasSet ? 1 : 0);
      expect([block[2 * word], block[2 * word + 1]]).toEqual([0, 0]);
    }),
    { ...propertySettingsFromEnv(), numRuns: Math.min(propertySettingsFromEnv().numRuns, 200) },
  );
});
