/*
 * A sync that does not compile (an undeclared name), to check that the compiler's messages reach the
 * user verbatim and the run fails.
 */
#include "sync_abi.h"

uint64_t sync_dirty_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                           uint64_t start_page, uint64_t npages, const struct sync_effects *effects)
{
    return harvested_pages;
}
