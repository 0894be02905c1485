/*
 * crash-probe.c - runs one sync case against a native plug-in in a process of its own, so that the
 * oracle can ask "does this case crash it?" without crashing itself. After the law suite's child
 * process dies in C, the oracle asks this for every case fast-check tries while it shrinks the
 * crash, as it shrinks any counterexample. Part of the oracle, not an example.
 *
 *     crash-probe LIBRARY < case
 *
 * The case on standard input, every field a uint64_t in host byte order:
 *     block_pages, nblocks, offset_page, pages, bmap_words, nruns,
 *     per run: ncalls, then ncalls pairs (start_page, npages),
 *     nblocks * block_pages / 64 source words, then bmap_words bmap words.
 * Each run starts from a fresh copy of the case's bitmaps and makes its calls in order. Before each
 * call the probe writes one byte to standard output, the call's number counted over all runs from 1,
 * so the oracle knows which call was in flight when the process died. Every bitmap ends at a
 * page-protected guard (native/guard-pages.c, linked in), so an access just past one faults as it
 * does in the law suite's child, and the fault is named on standard error. The effect callbacks do
 * nothing: they cannot change what C sees.
 *
 * Exit status: 0 when every call returned; 2 when the input or the library is unusable (message on
 * standard error); death by a signal when a call crashed.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sync_abi.h"

/* native/guard-pages.c, linked in: every buffer ends at a protected page, as in the law suite's child. */
void *guard_alloc(size_t bytes, const char *name);
int guard_install(const char *report_path);

typedef uint64_t sync_fn(const struct sync_dirty_memory *, const struct sync_ram_block *, uint64_t,
                         uint64_t, const struct sync_effects *);

/* The case as read: a cursor over the words of standard input. */
struct input {
    uint64_t *words;
    size_t count;
    size_t next;
};

static void fail(const char *message)
{
    fprintf(stderr, "crash-probe: %s\n", message);
    exit(2);
}

static void ignore_range(uint64_t start_page, uint64_t npages)
{
    (void)start_page;
    (void)npages;
}

static struct input read_input(void)
{
    size_t capacity = 1 << 16, size = 0;
    char *bytes = malloc(capacity);
    ssize_t got;

    while (bytes && (got = read(0, bytes + size, capacity - size)) > 0) {
        size += (size_t)got;
        if (size == capacity) {
            capacity *= 2;
            bytes = realloc(bytes, capacity);
        }
    }
    if (!bytes || size % sizeof(uint64_t) != 0) {
        fail("standard input must be whole 64-bit words");
    }
    return (struct input){ (uint64_t *)bytes, size / sizeof(uint64_t), 0 };
}

static uint64_t take(struct input *in)
{
    if (in->next == in->count) {
        fail("standard input ends before the case does");
    }
    return in->words[in->next++];
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fail("usage: crash-probe LIBRARY < case");
    }
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fail(dlerror());
    }
    sync_fn *sync = (sync_fn *)dlsym(library, SYNC_DIRTY_BITMAP_SYMBOL);
    if (!sync) {
        fail("the library does not export " SYNC_DIRTY_BITMAP_SYMBOL);
    }

    struct input in = read_input();
    uint64_t block_pages = take(&in), nblocks = take(&in), offset_page = take(&in), pages = take(&in);
    uint64_t bmap_words = take(&in), nruns = take(&in);
    if (block_pages == 0 || block_pages % SYNC_BITS_PER_LONG != 0) {
        fail("block_pages must be a positive multiple of 64");
    }
    size_t runs_at = in.next;
    for (uint64_t run = 0; run < nruns; run++) {
        uint64_t ncalls = take(&in);
        for (uint64_t i = 0; i < 2 * ncalls; i++) {
            take(&in);
        }
    }
    uint64_t words_per_block = block_pages / SYNC_BITS_PER_LONG;
    if (in.count - in.next != nblocks * words_per_block + bmap_words) {
        fail("the bitmaps' length does not match the header");
    }
    const uint64_t *source = &in.words[in.next];
    const uint64_t *bmap = source + nblocks * words_per_block;

    unsigned long **blocks = calloc(nblocks ? nblocks : 1, sizeof(*blocks));
#ifdef SYNC_PROBE_HEAP
    /* Built as the sanitizers' driver: malloc'd buffers, whose redzones AddressSanitizer watches. */
    unsigned long *bmap_copy = malloc((bmap_words ? bmap_words : 1) * sizeof(*bmap_copy));
#else
    /* A stray access faults here as it does in the law suite, and the fault is named on stderr. */
    guard_install(NULL);
    unsigned long *bmap_copy = guard_alloc(bmap_words * sizeof(*bmap_copy), "bmap");
#endif
    for (uint64_t b = 0; b < nblocks; b++) {
#ifdef SYNC_PROBE_HEAP
        blocks[b] = malloc(words_per_block * sizeof(**blocks));
#else
        char name[32];
        snprintf(name, sizeof(name), "block %llu", (unsigned long long)b);
        blocks[b] = guard_alloc(words_per_block * sizeof(**blocks), name);
#endif
        if (!blocks[b]) {
            fail("cannot map a DirtyMemoryBlock");
        }
    }
    if (!blocks || !bmap_copy) {
        fail("cannot map the bitmaps");
    }
    const struct sync_dirty_memory mem = { block_pages, nblocks, blocks };
    const struct sync_ram_block rb = { offset_page, pages, bmap_copy };
    const struct sync_effects effects = { ignore_range, ignore_range, ignore_range };

    in.next = runs_at;
    unsigned char call_number = 0;
    for (uint64_t run = 0; run < nruns; run++) {
        for (uint64_t b = 0; b < nblocks; b++) {
            memcpy(blocks[b], source + b * words_per_block, words_per_block * sizeof(**blocks));
        }
        memcpy(bmap_copy, bmap, bmap_words * sizeof(*bmap_copy));
        uint64_t ncalls = take(&in);
        for (uint64_t i = 0; i < ncalls; i++) {
            uint64_t start_page = take(&in), npages = take(&in);
            call_number++;
            /* Written before the call, unbuffered, so it is out of the process if the call kills it. */
            if (write(1, &call_number, 1) != 1) {
                fail("cannot write to standard output");
            }
            sync(&mem, &rb, start_page, npages, &effects);
        }
    }
    return 0;
}
