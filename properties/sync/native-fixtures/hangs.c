/*
 * A sync that never returns once its range crosses a DirtyMemoryBlock boundary (a loop whose end
 * condition is wrong), to check that the runner kills it and reports the hang naming the case
 * instead of waiting for ever.
 */
#include "sync_abi.h"

/* volatile: the loop must really spin, not be dropped as a loop without effects */
static volatile uint64_t spins;

uint64_t sync_dirty_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                           uint64_t start_page, uint64_t npages, const struct sync_effects *effects)
{
    uint64_t global_start = rb->offset_page + start_page;

    if (npages > 0 && global_start / mem->block_pages != (global_start + npages - 1) / mem->block_pages) {
        /* The seeded hang. */
        for (;;) {
            spins++;
        }
    }
    for (uint64_t page = start_page; page < start_page + npages; page++) {
        uint64_t global = rb->offset_page + page;
        unsigned long *word = &mem->blocks[global / mem->block_pages][global % mem->block_pages / 64];
        unsigned long bit = 1UL << (global % 64);

        if (*word & bit) {
            *word &= ~bit;
            effects->dirty_bits_cleared(global, 1);
        }
    }
    if (npages > 0) {
        effects->clear_dirty_log(start_page, npages);
    }
    return 0;
}
