/*
 * sync_abi.h - the ABI between dirty-sync-oracle and a sync written in C.
 *
 * `SYNC_IMPL=path/to/impl.c npm run test:sync` compiles the file into a shared library
 * (cc -std=gnu11 -O2 -Wall -Werror -shared -fPIC, with this directory on the include path) and runs
 * laws L1-L9 of docs/specification.md against the one function it must export:
 *
 *     uint64_t sync_dirty_bitmap(const struct sync_dirty_memory *mem,
 *                                const struct sync_ram_block *rb,
 *                                uint64_t start_page, uint64_t npages,
 *                                const struct sync_effects *effects);
 *
 * It is QEMU's physical_memory_sync_dirty_bitmap(rb, start, length) with the globals it reads made
 * arguments and every quantity in pages rather than bytes. It harvests the source dirty bits of
 * pages [start_page, start_page + npages) of the RAMBlock into rb->bmap, reports its side effects
 * through the callbacks, and returns how many bmap bits went from 0 to 1.
 *
 * Bitmaps are arrays of unsigned long, 64 bits on the 64-bit little-endian hosts this runs on, as
 * in QEMU's util/bitmap.c: bit i is (map[i / 64] >> (i % 64)) & 1, i.e. BIT_WORD(i) and BIT_MASK(i).
 * The oracle shares its own memory with the library without copying, so the arrays are the
 * oracle's bitmaps: write only inside them.
 *
 * A function called with a valid case may assume:
 *   - mem->block_pages is a positive multiple of 64, and each mem->blocks[i] holds
 *     mem->block_pages / 64 words;
 *   - rb->offset_page + rb->pages <= mem->nblocks * mem->block_pages;
 *   - rb->bmap holds at least rb->pages bits, in whole words (it may hold more; bits past
 *     rb->pages belong to nobody and must stay as they are);
 *   - start_page + npages <= rb->pages; npages may be 0;
 *   - every callback pointer is non-NULL.
 */
#ifndef DIRTY_SYNC_ORACLE_SYNC_ABI_H
#define DIRTY_SYNC_ORACLE_SYNC_ABI_H

#include <stdint.h>

#if defined(__SIZEOF_LONG__) && __SIZEOF_LONG__ != 8
#error "sync_abi.h: the oracle shares its bitmaps as 64-bit unsigned long words; this host's long is not 64 bits"
#endif

/* Bits per bitmap word, as QEMU's BITS_PER_LONG on a 64-bit host. */
#define SYNC_BITS_PER_LONG 64

/* The symbol the oracle looks up in the library. */
#define SYNC_DIRTY_BITMAP_SYMBOL "sync_dirty_bitmap"

/*
 * The MIGRATION client's global dirty bitmap (ram_list.dirty_memory[DIRTY_MEMORY_MIGRATION]),
 * split into DirtyMemoryBlocks: global page g is bit g % block_pages of blocks[g / block_pages].
 * QEMU's DIRTY_MEMORY_BLOCK_SIZE is 2097152 pages; the oracle also uses blocks of 64 to 4096
 * pages, so ranges cross block boundaries often.
 */
struct sync_dirty_memory {
    uint64_t block_pages;          /* pages (bits) per DirtyMemoryBlock, a multiple of 64 */
    uint64_t nblocks;              /* number of entries in blocks */
    unsigned long *const *blocks;  /* blocks[i]: block_pages / 64 words */
};

/* A RAMBlock as the sync sees it. */
struct sync_ram_block {
    uint64_t offset_page;  /* global page of the block's first page: rb->offset >> TARGET_PAGE_BITS;
                            * any value (QEMU has aligned it to 64 pages since 2018, the oracle
                            * does not assume it) */
    uint64_t pages;        /* used length in pages: rb->used_length >> TARGET_PAGE_BITS */
    unsigned long *bmap;   /* the migration bitmap: bit i is page i of this block */
};

/*
 * The side effects, as calls. Every pointer is non-NULL. The calls go back into the oracle, which
 * records them; they neither read nor change any bitmap.
 */
struct sync_effects {
    /*
     * memory_region_clear_dirty_bitmap: the remote (KVM) dirty-log clear of
     * [start_page, start_page + npages), pages relative to the RAMBlock. Law L6: every page of the
     * synced range is cleared exactly once (or deferred, below), and nothing outside it.
     */
    void (*clear_dirty_log)(uint64_t start_page, uint64_t npages);
    /*
     * physical_memory_dirty_bits_cleared: the TCG TLB re-arm of
     * [global_start_page, global_start_page + npages), GLOBAL pages. Law L7: every page whose source
     * bit was cleared is re-armed; covering more pages of the same RAMBlock is allowed.
     */
    void (*dirty_bits_cleared)(uint64_t global_start_page, uint64_t npages);
    /*
     * clear_bmap_set, optional to call: QEMU's aligned path defers the remote clear by marking the
     * clear_bmap chunks that hold [start_page, start_page + npages) (block-relative pages). A page
     * marked here counts as cleared for law L6.
     */
    void (*defer_dirty_log_clear)(uint64_t start_page, uint64_t npages);
};

/*
 * Harvests pages [start_page, start_page + npages) of rb (block-relative) from mem into rb->bmap:
 * for each page p with global page g = rb->offset_page + p, if source bit g is set, clear it,
 * re-arm g, and set bmap bit p. Clears the remote dirty log of the range.
 * Returns the number of bmap bits that went from 0 to 1.
 */
uint64_t sync_dirty_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                           uint64_t start_page, uint64_t npages, const struct sync_effects *effects);

#endif /* DIRTY_SYNC_ORACLE_SYNC_ABI_H */
