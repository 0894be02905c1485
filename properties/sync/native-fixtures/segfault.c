/*
 * A bit-by-bit sync that is right until its range crosses a DirtyMemoryBlock boundary, where it
 * writes through an address nothing is mapped at: the native plug-in tests use it to check that a
 * crash is reported as a failure naming the case, and that the runner survives it.
 */
#include <stdint.h>
#include "sync_abi.h"

/* Page 0 of the address space is never mapped; volatile keeps the compiler from seeing the write coming. */
static volatile uintptr_t unmapped_address = 64;

uint64_t sync_dirty_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                           uint64_t start_page, uint64_t npages, const struct sync_effects *effects)
{
    uint64_t newly_set = 0;

    for (uint64_t page = start_page; page < start_page + npages; page++) {
        uint64_t global = rb->offset_page + page;
        uint64_t bit = global % mem->block_pages;
        unsigned long *block = mem->blocks[global / mem->block_pages];

        if (page > start_page && bit == 0) {
            /* The seeded crash. */
            *(unsigned long *)unmapped_address = 1;
        }
        if (block[bit / 64] & (1UL << (bit % 64))) {
            block[bit / 64] &= ~(1UL << (bit % 64));
            effects->dirty_bits_cleared(global, 1);
            if (!(rb->bmap[page / 64] & (1UL << (page % 64)))) {
                newly_set++;
            }
            rb->bmap[page / 64] |= 1UL << (page % 64);
        }
    }
    if (npages > 0) {
        effects->clear_dirty_log(start_page, npages);
    }
    return newly_set;
}
