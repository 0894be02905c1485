/*
 * A library that compiles but exports its sync under another name, to check that loading it names the
 * symbol the ABI asks for.
 */
#include "sync_abi.h"

uint64_t sync_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                     uint64_t start_page, uint64_t npages, const struct sync_effects *effects);

uint64_t sync_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                     uint64_t start_page, uint64_t npages, const struct sync_effects *effects)
{
    return 0;
}
