/*
 * sync-timer.c - times one native sync on one input, with the effects counted in C, so that a sync
 * that issues one effect per page (QEMU's per-page path before e8a6d158: 64 Mi remote clears for a
 * 64 Mi-page block) is timed at C speed instead of at the speed of a callback into JavaScript. Part of
 * the benchmarks (`npm run bench -- --source DIR`), not an example.
 *
 *     sync-timer LIBRARY < input
 *
 * The input on standard input, every field a uint64_t in host byte order:
 *     block_pages, nblocks, offset_page, pages, bmap_words, start_page, npages, iterations,
 *     nblocks * block_pages / 64 source words, then bmap_words bmap words.
 * Each iteration copies the pristine bitmaps back (untimed), then times one call with
 * CLOCK_MONOTONIC. Prints one line of JSON: every call's time in nanoseconds, the last call's return
 * value and effect counts.
 *
 * Exit status: 0 on success; 2 when the input or the library is unusable (message on standard error).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "sync_abi.h"

typedef uint64_t sync_fn(const struct sync_dirty_memory *, const struct sync_ram_block *, uint64_t,
                         uint64_t, const struct sync_effects *);

/* Effect counts of the call in progress. */
static uint64_t clear_calls, clear_pages, rearm_calls, rearm_pages, defer_calls, defer_pages;

static void count_clear(uint64_t start_page, uint64_t npages)
{
    (void)start_page;
    clear_calls++;
    clear_pages += npages;
}

static void count_rearm(uint64_t start_page, uint64_t npages)
{
    (void)start_page;
    rearm_calls++;
    rearm_pages += npages;
}

static void count_defer(uint64_t start_page, uint64_t npages)
{
    (void)start_page;
    defer_calls++;
    defer_pages += npages;
}

static void fail(const char *message)
{
    fprintf(stderr, "sync-timer: %s\n", message);
    exit(2);
}

static void read_exactly(void *buffer, size_t size)
{
    char *bytes = buffer;
    while (size > 0) {
        ssize_t got = read(0, bytes, size);
        if (got <= 0) {
            fail("the input ended early");
        }
        bytes += got;
        size -= (size_t)got;
    }
}

int main(int argc, char **argv)
{
    uint64_t header[8];
    if (argc != 2) {
        fail("usage: sync-timer LIBRARY < input");
    }
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fail(dlerror());
    }
    sync_fn *sync = (sync_fn *)dlsym(library, SYNC_DIRTY_BITMAP_SYMBOL);
    if (!sync) {
        fail("the library does not export sync_dirty_bitmap");
    }
    read_exactly(header, sizeof(header));
    uint64_t block_pages = header[0], nblocks = header[1], bmap_words = header[4], iterations = header[7];
    uint64_t block_words = block_pages / 64, source_words = nblocks * block_words;
    if (block_pages == 0 || block_pages % 64 != 0 || nblocks == 0 || iterations == 0) {
        fail("the header is not a valid input");
    }
    unsigned long *pristine = malloc((source_words + bmap_words) * sizeof(unsigned long));
    unsigned long *work = malloc((source_words + bmap_words) * sizeof(unsigned long));
    unsigned long **blocks = malloc(nblocks * sizeof(unsigned long *));
    uint64_t *times_ns = malloc(iterations * sizeof(uint64_t));
    if (!pristine || !work || !blocks || !times_ns) {
        fail("out of memory");
    }
    read_exactly(pristine, (source_words + bmap_words) * sizeof(unsigned long));
    for (uint64_t i = 0; i < nblocks; i++) {
        blocks[i] = work + i * block_words;
    }
    struct sync_dirty_memory mem = { block_pages, nblocks, blocks };
    struct sync_ram_block rb = { header[2], header[3], work + source_words };
    struct sync_effects effects = { count_clear, count_rearm, count_defer };
    uint64_t returned = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        struct timespec before, after;
        memcpy(work, pristine, (source_words + bmap_words) * sizeof(unsigned long));
        clear_calls = clear_pages = rearm_calls = rearm_pages = defer_calls = defer_pages = 0;
        clock_gettime(CLOCK_MONOTONIC, &before);
        returned = sync(&mem, &rb, header[5], header[6], &effects);
        clock_gettime(CLOCK_MONOTONIC, &after);
        times_ns[i] = (uint64_t)(after.tv_sec - before.tv_sec) * 1000000000u + (uint64_t)(after.tv_nsec - before.tv_nsec);
    }
    printf("{\"timesNs\":[");
    for (uint64_t i = 0; i < iterations; i++) {
        printf("%s%llu", i ? "," : "", (unsigned long long)times_ns[i]);
    }
    printf("],\"returned\":%llu,\"clearDirtyLogCalls\":%llu,\"clearDirtyLogPages\":%llu,"
           "\"dirtyBitsClearedCalls\":%llu,\"dirtyBitsClearedPages\":%llu,"
           "\"deferDirtyLogClearCalls\":%llu,\"deferDirtyLogClearPages\":%llu}\n",
           (unsigned long long)returned, (unsigned long long)clear_calls, (unsigned long long)clear_pages,
           (unsigned long long)rearm_calls, (unsigned long long)rearm_pages,
           (unsigned long long)defer_calls, (unsigned long long)defer_pages);
    return 0;
}
