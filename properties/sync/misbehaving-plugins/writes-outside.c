/*
 * writes-outside.c - a correct page-by-page sync that, after its work, writes (or reads) one word
 * just outside a buffer, chosen by the environment variable KIT_EDGE:
 *   block-before, block-after  the word before the first / after the last word of the
 *                              DirtyMemoryBlock holding the range's first page
 *   bmap-before, bmap-after    the word before bmap / the word after the last one holding rb->pages
 *   read-after                 reads the word after that DirtyMemoryBlock and uses it
 *   read-before                reads the word before it: only AddressSanitizer sees that
 *   shift-64                   shifts a word by 64 bits, undefined behaviour only UBSan sees
 * Part of the misbehaving-plug-in kit: the gate must name each of these.
 */
#include <stdlib.h>
#include <string.h>
#include "sync_abi.h"

static int edge_is(const char *name)
{
    const char *edge = getenv("KIT_EDGE");
    return edge && strcmp(edge, name) == 0;
}

uint64_t sync_dirty_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                           uint64_t start_page, uint64_t npages, const struct sync_effects *effects)
{
    uint64_t newly_set = 0;
    uint64_t words = mem->block_pages / SYNC_BITS_PER_LONG;
    uint64_t first_block = (rb->offset_page + start_page) / mem->block_pages;
    volatile unsigned long *block = mem->blocks[first_block];
    unsigned long extra = 0;

    if (edge_is("read-after")) {
        extra = block[words];
    } else if (edge_is("read-before")) {
        extra = block[-1];
    } else if (edge_is("shift-64")) {
        volatile unsigned shift = SYNC_BITS_PER_LONG;
        extra = (1UL << shift) == 0x1234;
    }
    for (uint64_t page = start_page; page < start_page + npages; page++) {
        uint64_t global = rb->offset_page + page;
        unsigned long *source = mem->blocks[global / mem->block_pages];
        uint64_t bit = global % mem->block_pages;
        unsigned long mask = 1UL << (bit % SYNC_BITS_PER_LONG);
        if (source[bit / SYNC_BITS_PER_LONG] & mask) {
            source[bit / SYNC_BITS_PER_LONG] &= ~mask;
            effects->dirty_bits_cleared(global, 1);
            unsigned long *dest = &rb->bmap[page / SYNC_BITS_PER_LONG];
            unsigned long dest_mask = 1UL << (page % SYNC_BITS_PER_LONG);
            newly_set += !(*dest & dest_mask);
            *dest |= dest_mask;
        }
    }
    if (npages > 0) {
        effects->clear_dirty_log(start_page, npages);
    }
    if (edge_is("block-before")) {
        block[-1] = ~0UL;
    } else if (edge_is("block-after")) {
        block[words] = ~0UL;
    } else if (edge_is("bmap-before")) {
        rb->bmap[-1] = ~0UL;
    } else if (edge_is("bmap-after")) {
        rb->bmap[(rb->pages + SYNC_BITS_PER_LONG - 1) / SYNC_BITS_PER_LONG] = ~0UL;
    }
    return newly_set + (extra == 0x1234 ? 1 : 0);
}
