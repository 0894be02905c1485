/**
 * The one C file that is compiled: the prelude, a prototype of every extracted function, the
 * definitions verbatim, each behind a `#line` directive naming QEMU's file and line (so the
 * compiler's messages point into QEMU), and `sync_dirty_bitmap`, which adapts `native/sync_abi.h`
 * to the signature found: it builds the RAMBlock and the MIGRATION client's DirtyMemoryBlocks from
 * the ABI's arguments, gives the block a real `clear_bmap`, and reports its marked chunks as
 * deferred remote clears.
 */
import type { Extraction } from './extraction.ts';
import { PRELUDE_C, PRELUDE_FILE_NAME } from './prelude.ts';

/** The file name compiler messages use for a line of the adapter. */
export const ADAPTER_FILE_NAME = 'dirty-sync-oracle-adapter.c';

/** QEMU's default `x-clear-bitmap-shift`: one clear_bmap bit per 2^18 pages (1 GiB of 4 KiB pages). */
export const DEFAULT_CLEAR_BMAP_SHIFT = 18;

/** The shifts QEMU accepts for `x-clear-bitmap-shift`. */
export const CLEAR_BMAP_SHIFT_RANGE = { min: 6, max: 31 } as const;

/**
 * Writes the translation unit.
 * @param extraction - what was extracted
 * @param linePrefix - prepended to QEMU's paths in `#line` (e.g. `REV:`), so messages name the revision
 * @param clearBmapShift - log2 of the pages per clear_bmap chunk
 * @returns the C text
 */
export function translationUnit(extraction: Extraction, linePrefix: string, clearBmapShift: number): string {
  const located = (line: number, file: string, text: string) => `#line ${line} "${linePrefix}${file}"\n${text}\n`;
  const parts = [
    `#line 1 "${PRELUDE_FILE_NAME}"\n${PRELUDE_C}`,
    ...extraction.functions.map(({ file, definition }) => located(definition.line, file, definition.prototype)),
    ...[...extraction.functions].reverse().map(({ file, definition }) => located(definition.line, file, definition.text)),
    `#line 1 "${ADAPTER_FILE_NAME}"\n${adapter(extraction, clearBmapShift)}`,
  ];
  return parts.join('\n');
}

function adapter(extraction: Extraction, clearBmapShift: number): string {
  const { signature } = extraction;
  const unit = signature.bytes ? ' << TARGET_PAGE_BITS' : '';
  const args = [`&block`, `(ram_addr_t)start_page${unit}`, `(ram_addr_t)npages${unit}`, ...(signature.realDirtyPages ? ['&real_dirty_pages'] : [])];
  return String.raw`/* Each run of marked clear_bmap chunks is one deferred remote clear, in block-relative pages. */
static void oracle_report_clear_bmap(const unsigned long *clear_bmap, uint64_t chunks, uint8_t shift)
{
    uint64_t chunk = 0;
    while (chunk < chunks) {
        if (!(clear_bmap[chunk / 64] >> (chunk % 64) & 1)) {
            chunk++;
            continue;
        }
        uint64_t first = chunk;
        while (chunk < chunks && (clear_bmap[chunk / 64] >> (chunk % 64) & 1)) {
            chunk++;
        }
        oracle_effects->defer_dirty_log_clear(first << shift, (chunk - first) << shift);
    }
}

__attribute__((visibility("default")))
uint64_t sync_dirty_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                           uint64_t start_page, uint64_t npages, const struct sync_effects *effects)
{
    static MemoryRegion region;
    const uint8_t shift = ${clearBmapShift};
    /* One word more than the block needs, so a mark past the end is reported instead of corrupting the heap. */
    const uint64_t clear_words = (((rb->pages + (1ULL << shift) - 1) >> shift) + 63) / 64 + 1;
    unsigned long *clear_bmap = calloc(clear_words, sizeof(unsigned long));
    DirtyMemoryBlocks migration = { (unsigned long **)mem->blocks };
    RAMBlock block = {
        .mr = &region,
        .offset = (ram_addr_t)rb->offset_page << TARGET_PAGE_BITS,
        .used_length = (ram_addr_t)rb->pages << TARGET_PAGE_BITS,
        .max_length = (ram_addr_t)rb->pages << TARGET_PAGE_BITS,
        .bmap = rb->bmap,
        .clear_bmap = clear_bmap,
        .clear_bmap_shift = shift,
    };
    uint64_t real_dirty_pages = 0;
    uint64_t newly_set;

    if (!clear_bmap) {
        abort();
    }
    oracle_dirty_memory = mem;
    oracle_effects = effects;
    oracle_block = &block;
    ram_list.dirty_memory[DIRTY_MEMORY_MIGRATION] = &migration;
    newly_set = ${extraction.sync.definition.name}(${args.join(', ')});
    (void)real_dirty_pages;
    oracle_report_clear_bmap(clear_bmap, clear_words * 64, shift);
    ram_list.dirty_memory[DIRTY_MEMORY_MIGRATION] = NULL;
    oracle_block = NULL;
    free(clear_bmap);
    return newly_set;
}
`;
}
