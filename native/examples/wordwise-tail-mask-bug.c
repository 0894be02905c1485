/*
 * wordwise-tail-mask-bug.c - native/examples/wordwise.c with one seeded bug, to show what a broken
 * C change looks like to the oracle. It fails, with a shrunk counterexample:
 *
 *     SYNC_IMPL=native/examples/wordwise-tail-mask-bug.c npm run test:sync
 *
 * The bug: the mask of the range's last partial word is one page short, so the range's last page is
 * neither harvested nor set in bmap when the range ends inside a word (see "SEEDED BUG" below).
 * Everything else is wordwise.c unchanged; `diff` the two files to see it.
 *
 * A whole 64-page word per step for any misalignment between the source (global) and destination
 * (block-relative) bit positions, across DirtyMemoryBlock boundaries, with one remote clear per call
 * and a re-arm of the range whenever any source bit was harvested.
 *
 * Dest word w of bmap holds block pages [64w, 64w + 64), which are global pages
 * [offset_page + 64w, ...): the high 64 - shift bits of source word w + word_delta followed by the
 * low shift bits of the next source word, where shift = offset_page % 64 and
 * word_delta = offset_page / 64. The walk goes first word / full words / last word over the
 * destination, as QEMU's bitmap helpers do.
 *
 * QEMU takes source words with atomic operations because vCPU threads set dirty bits concurrently;
 * the oracle calls this from one thread with nothing running beside it, so plain loads and stores
 * say the same thing here.
 */
#include "sync_abi.h"

#define BITS SYNC_BITS_PER_LONG

/* Running totals of one sync: bmap bits newly set, and the OR of all harvested bits. */
struct harvest {
    uint64_t newly_set;
    unsigned long harvested;
};

/* A position in the global source bitmap, one word at a time across DirtyMemoryBlocks. */
struct source_cursor {
    const struct sync_dirty_memory *mem;
    uint64_t block;
    uint64_t index;
    unsigned long *word;
};

static unsigned long low_mask(unsigned count)
{
    /* A shift by the word width is undefined in C, so the full word is a separate case. */
    return count >= BITS ? ~0UL : (1UL << count) - 1;
}

static unsigned long range_mask(unsigned first, unsigned count)
{
    return low_mask(count) << first;
}

static uint64_t words_per_block(const struct sync_dirty_memory *mem)
{
    return mem->block_pages / BITS;
}

static struct source_cursor cursor_at(const struct sync_dirty_memory *mem, uint64_t source_word)
{
    struct source_cursor cursor = {
        .mem = mem,
        .block = source_word / words_per_block(mem),
        .index = source_word % words_per_block(mem),
    };
    cursor.word = &mem->blocks[cursor.block][cursor.index];
    return cursor;
}

/* Only called while the next word holds a page of the RAMBlock, so the next block exists. */
static void cursor_advance(struct source_cursor *cursor)
{
    if (++cursor->index == words_per_block(cursor->mem)) {
        cursor->block++;
        cursor->index = 0;
    }
    cursor->word = &cursor->mem->blocks[cursor->block][cursor->index];
}

/* ORs harvested bits into dest word w and updates the totals. */
static void merge(unsigned long *bmap, uint64_t w, unsigned long bits, struct harvest *totals)
{
    unsigned long old = bmap[w];

    bmap[w] = old | bits;
    totals->newly_set += (uint64_t)__builtin_popcountl(bits & ~old);
    totals->harvested |= bits;
}

/* Clears the mask bits of global source word source_word and returns those that were set. */
static unsigned long take_source_bits(const struct sync_dirty_memory *mem, uint64_t source_word,
                                      unsigned long mask)
{
    struct source_cursor cursor = cursor_at(mem, source_word);
    unsigned long taken = *cursor.word & mask;

    *cursor.word &= ~mask;
    return taken;
}

/*
 * Harvests the bits of dest word w selected by mask, reading and clearing only the source words
 * that hold them; used for the first and last word of a range.
 */
static void harvest_partial_word(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                                 uint64_t w, unsigned long mask, struct harvest *totals)
{
    unsigned shift = rb->offset_page % BITS;
    uint64_t low_source = w + rb->offset_page / BITS;
    unsigned long bits = 0;
    unsigned long low_part = mask << shift;

    if (low_part) {
        bits = take_source_bits(mem, low_source, low_part) >> shift;
    }
    if (shift) {
        unsigned long high_part = mask >> (BITS - shift);
        if (high_part) {
            bits |= take_source_bits(mem, low_source + 1, high_part) << (BITS - shift);
        }
    }
    if (bits) {
        merge(rb->bmap, w, bits, totals);
    }
}

/* Full dest words [first, last] when source and dest bits line up (offset_page % 64 == 0). */
static void harvest_aligned_words(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                                  uint64_t first, uint64_t last, struct harvest *totals)
{
    struct source_cursor source = cursor_at(mem, first + rb->offset_page / BITS);

    for (uint64_t w = first;; w++) {
        unsigned long bits = *source.word;
        if (bits) {
            *source.word = 0;
            merge(rb->bmap, w, bits, totals);
        }
        if (w == last) {
            break;
        }
        cursor_advance(&source);
    }
}

/*
 * Full dest words [first, last] when source bits sit shift places above dest bits. Each source word
 * is read once and written once: its high part feeds dest word w, its low part dest w - 1.
 */
static void harvest_shifted_words(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                                  uint64_t first, uint64_t last, struct harvest *totals)
{
    unsigned shift = rb->offset_page % BITS;
    unsigned long low_part = low_mask(shift);
    struct source_cursor source = cursor_at(mem, first + rb->offset_page / BITS);
    unsigned long current = *source.word;
    /*
     * The first source word's low part belongs to the dest word before first: already harvested by
     * the head, or outside the range. Either way it is kept as it is now.
     */
    unsigned long keep = current & low_part;

    for (uint64_t w = first; w <= last; w++) {
        /* Dest word w is inside the range, so the source word after this one holds its top pages. */
        struct source_cursor next_source = source;
        cursor_advance(&next_source);
        unsigned long next = *next_source.word;
        unsigned long bits = (current >> shift) | (next << (BITS - shift));

        *source.word = keep;
        keep = 0;
        if (bits) {
            merge(rb->bmap, w, bits, totals);
        }
        current = next;
        source = next_source;
    }
    /* The last source word read: its low part is harvested, its high part belongs to the next dest word. */
    *source.word = current & ~low_part;
}

uint64_t sync_dirty_bitmap(const struct sync_dirty_memory *mem, const struct sync_ram_block *rb,
                           uint64_t start_page, uint64_t npages, const struct sync_effects *effects)
{
    if (npages == 0) {
        return 0;
    }

    uint64_t end = start_page + npages;
    uint64_t first_word = start_page / BITS;
    uint64_t last_word = (end - 1) / BITS;
    unsigned head_bits = start_page % BITS;
    unsigned tail_bits = end % BITS;
    struct harvest totals = { 0, 0 };

    if (first_word == last_word) {
        harvest_partial_word(mem, rb, first_word, range_mask(head_bits, npages), &totals);
    } else {
        uint64_t middle_first = head_bits == 0 ? first_word : first_word + 1;
        uint64_t middle_last = tail_bits == 0 ? last_word : last_word - 1;

        if (head_bits != 0) {
            harvest_partial_word(mem, rb, first_word, ~low_mask(head_bits), &totals);
        }
        if (middle_first <= middle_last) {
            if (rb->offset_page % BITS == 0) {
                harvest_aligned_words(mem, rb, middle_first, middle_last, &totals);
            } else {
                harvest_shifted_words(mem, rb, middle_first, middle_last, &totals);
            }
        }
        if (tail_bits != 0) {
            /* SEEDED BUG: one page short; wordwise.c has low_mask(tail_bits). */
            harvest_partial_word(mem, rb, last_word, low_mask(tail_bits - 1), &totals);
        }
    }

    effects->clear_dirty_log(start_page, npages);
    if (totals.harvested != 0) {
        effects->dirty_bits_cleared(rb->offset_page + start_page, npages);
    }
    return totals.newly_set;
}
