/*
 * guard-pages.c - page-protected buffers for the oracle's child process and its crash probe. Each
 * buffer is placed so that it ends where an inaccessible page begins, with another inaccessible
 * page below it, so a plug-in's stray access past the end faults at the very instruction. A fault
 * handler then names the address relative to the nearest buffer ("wrote 1 word past the end of
 * block 3") on a file descriptor, and lets the process die of the signal as before. Part of the
 * oracle, not an example.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define MAX_REGIONS 4096
#define NAME_BYTES 32

/* One page-guarded buffer: the whole mapping, and the buffer inside it. */
struct guarded_region {
    uintptr_t map;
    size_t map_bytes;
    uintptr_t start;
    size_t bytes;
    char name[NAME_BYTES];
    int used;
};

static struct guarded_region regions[MAX_REGIONS];
static int report_fd = -1;
static struct sigaction previous_segv, previous_bus;

/*
 * Maps bytes of zeroed memory ending at an inaccessible page, with an inaccessible page before the
 * page-rounded start. Returns NULL when the memory or the region table is exhausted.
 */
void *guard_alloc(size_t bytes, const char *name)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t data_pages = bytes == 0 ? 1 : (bytes + page - 1) / page;
    size_t map_bytes = (data_pages + 2) * page;
    int slot = 0;

    while (slot < MAX_REGIONS && regions[slot].used) {
        slot++;
    }
    if (slot == MAX_REGIONS) {
        return NULL;
    }
    char *map = mmap(NULL, map_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        return NULL;
    }
    if (mprotect(map, page, PROT_NONE) != 0 || mprotect(map + (data_pages + 1) * page, page, PROT_NONE) != 0) {
        munmap(map, map_bytes);
        return NULL;
    }
    struct guarded_region *region = &regions[slot];
    region->map = (uintptr_t)map;
    region->map_bytes = map_bytes;
    region->bytes = bytes;
    region->start = (uintptr_t)map + (data_pages + 1) * page - bytes;
    strncpy(region->name, name, NAME_BYTES - 1);
    region->name[NAME_BYTES - 1] = '\0';
    region->used = 1;
    return (void *)region->start;
}

/* Unmaps a buffer guard_alloc returned; anything else is ignored. */
void guard_free(void *start)
{
    for (int slot = 0; slot < MAX_REGIONS; slot++) {
        if (regions[slot].used && regions[slot].start == (uintptr_t)start) {
            munmap((void *)regions[slot].map, regions[slot].map_bytes);
            regions[slot].used = 0;
            return;
        }
    }
}

/* Renames a buffer guard_alloc returned, for its reuse; anything else is ignored. */
void guard_rename(void *start, const char *name)
{
    for (int slot = 0; slot < MAX_REGIONS; slot++) {
        if (regions[slot].used && regions[slot].start == (uintptr_t)start) {
            strncpy(regions[slot].name, name, NAME_BYTES - 1);
            return;
        }
    }
}

/* Async-signal-safe text building: appends a string or an unsigned number to a buffer. */
static size_t append(char *out, size_t at, const char *text)
{
    while (*text && at < 255) {
        out[at++] = *text++;
    }
    return at;
}

static size_t append_number(char *out, size_t at, uint64_t value, int base)
{
    char digits[24];
    int count = 0;

    do {
        digits[count++] = "0123456789abcdef"[value % (uint64_t)base];
        value /= (uint64_t)base;
    } while (value && count < 24);
    while (count && at < 255) {
        out[at++] = digits[--count];
    }
    return at;
}

/* Names a fault address relative to the guarded buffer whose mapping holds it. */
static void report_fault(uintptr_t address, int is_write)
{
    for (int slot = 0; slot < MAX_REGIONS; slot++) {
        const struct guarded_region *region = &regions[slot];
        if (!region->used || address < region->map || address >= region->map + region->map_bytes) {
            continue;
        }
        char line[256];
        size_t at = append(line, 0, is_write ? "wrote " : "read ");
        uintptr_t end = region->start + region->bytes;
        uint64_t words = address >= end ? (address - end) / 8 + 1 : (region->start - address + 7) / 8;
        at = append_number(line, at, words, 10);
        at = append(line, at, words == 1 ? " word " : " words ");
        at = append(line, at, address >= end ? "past the end of " : "before the start of ");
        at = append(line, at, region->name);
        at = append(line, at, " (address 0x");
        at = append_number(line, at, address, 16);
        at = append(line, at, ", a page-protected guard)\n");
        if (write(report_fd, line, at) < 0) {
            return;
        }
        return;
    }
}

static void on_fault(int signal, siginfo_t *info, void *context)
{
    int is_write = 0;
#if defined(__x86_64__)
    /* Bit 1 of the page-fault error code is set for a write. */
    is_write = (((ucontext_t *)context)->uc_mcontext.gregs[REG_ERR] & 2) != 0;
#else
    (void)context;
#endif
    report_fault((uintptr_t)info->si_addr, is_write);
    /* Back to what was there before; returning re-runs the access, which faults again under it. */
    sigaction(signal, signal == SIGSEGV ? &previous_segv : &previous_bus, NULL);
}

/*
 * Installs the fault handler, reporting to the file at report_path (created or emptied), or to
 * standard error when it is NULL or empty. Returns 0, or -1 when the file cannot be opened.
 */
int guard_install(const char *report_path)
{
    struct sigaction action;

    report_fd = report_path && *report_path ? open(report_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : 2;
    if (report_fd < 0) {
        return -1;
    }
    memset(&action, 0, sizeof(action));
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, &previous_segv);
    sigaction(SIGBUS, &action, &previous_bus);
    return 0;
}
