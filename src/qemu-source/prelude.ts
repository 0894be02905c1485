/**
 * The C prelude compiled in front of QEMU's extracted functions: QEMU's types and macros as this
 * project writes them, atomics as plain operations (the oracle calls from one thread), RCU as
 * no-ops, TCG switched on, and stand-ins that turn QEMU's side effects into the calls of
 * `native/sync_abi.h`. Nothing here is QEMU's code; it is written to QEMU's documented meaning.
 */

/** The file name compiler messages use for a line of the prelude. */
export const PRELUDE_FILE_NAME = 'dirty-sync-oracle-prelude.h';

/**
 * Names the prelude defines, as functions or function-like macros. The extraction never looks for
 * these in QEMU's files: the prelude's meaning replaces QEMU's (the RCU list walk of
 * `qemu_get_ram_block`, the listener calls of `memory_region_clear_dirty_bitmap`, the vCPU TLB walk of
 * `tlb_reset_dirty_range_all`).
 */
export const PRELUDE_NAMES: ReadonlySet<string> = new Set([
  'BIT_WORD', 'BIT_MASK', 'BITS_TO_LONGS', 'DIV_ROUND_UP', 'BITMAP_FIRST_WORD_MASK', 'BITMAP_LAST_WORD_MASK',
  'MIN', 'MAX', 'ROUND_UP', 'QEMU_ALIGN_UP', 'QEMU_ALIGN_DOWN', 'TARGET_PAGE_ALIGN', 'ctpopl', 'ctpop64', 'ctpop32',
  'likely', 'unlikely', 'assert', 'g_assert', 'g_assert_not_reached', 'abort',
  'qatomic_read', 'qatomic_set', 'qatomic_rcu_read', 'qatomic_rcu_set', 'qatomic_xchg', 'qatomic_fetch_and', 'qatomic_fetch_or',
  'qatomic_and', 'qatomic_or', 'qatomic_cmpxchg', 'qatomic_inc', 'qatomic_dec',
  'atomic_read', 'atomic_set', 'atomic_rcu_read', 'atomic_rcu_set', 'atomic_xchg', 'atomic_fetch_and', 'atomic_fetch_or',
  'atomic_and', 'atomic_or', 'atomic_cmpxchg', 'atomic_inc', 'atomic_dec',
  'smp_mb', 'smp_rmb', 'smp_wmb', 'barrier',
  'rcu_read_lock', 'rcu_read_unlock', 'WITH_RCU_READ_LOCK_GUARD', 'RCU_READ_LOCK_GUARD',
  'tcg_enabled', 'qemu_get_ram_block', 'memory_region_clear_dirty_bitmap', 'tlb_reset_dirty_range_all',
]);

/** The prelude's C text; `#include "sync_abi.h"` comes first so the ABI's types are known. */
export const PRELUDE_C = String.raw`#include "sync_abi.h"
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Types, with QEMU's names. */
typedef uint64_t ram_addr_t;
typedef uint64_t hwaddr;
typedef struct MemoryRegion { int unused; } MemoryRegion;
typedef struct RAMBlock {
    MemoryRegion *mr;
    ram_addr_t offset;
    ram_addr_t used_length;
    ram_addr_t max_length;
    unsigned long *bmap;
    unsigned long *clear_bmap;
    uint8_t clear_bmap_shift;
} RAMBlock;
/* QEMU's has a flexible array; a pointer reads the same in every use of ->blocks. */
typedef struct DirtyMemoryBlocks { unsigned long **blocks; } DirtyMemoryBlocks;

#define DIRTY_MEMORY_VGA 0
#define DIRTY_MEMORY_CODE 1
#define DIRTY_MEMORY_MIGRATION 2
#define DIRTY_MEMORY_NUM 3

/* The ABI's DirtyMemoryBlocks, for the call in progress. */
static const struct sync_dirty_memory *oracle_dirty_memory;
static const struct sync_effects *oracle_effects;
static RAMBlock *oracle_block;

/* QEMU's is a constant of 2^21 pages; the oracle also uses smaller blocks, so it is read per call. */
#define DIRTY_MEMORY_BLOCK_SIZE ((ram_addr_t)oracle_dirty_memory->block_pages)

static struct { DirtyMemoryBlocks *dirty_memory[DIRTY_MEMORY_NUM]; } ram_list;

/* Pages: 4 KiB target pages, as on x86. */
#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1 << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~((int64_t)TARGET_PAGE_SIZE - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define ROUND_UP(n, d) (DIV_ROUND_UP(n, d) * (d))
#define QEMU_ALIGN_UP(n, m) ROUND_UP(n, m)
#define QEMU_ALIGN_DOWN(n, m) ((n) / (m) * (m))
#define TARGET_PAGE_ALIGN(addr) ROUND_UP((addr), (ram_addr_t)TARGET_PAGE_SIZE)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define g_assert(x) assert(x)
#define g_assert_not_reached() abort()

/* Bitmaps of unsigned long, bit i in word i / BITS_PER_LONG. */
#define BITS_PER_BYTE 8
#define BITS_PER_LONG (sizeof(unsigned long) * BITS_PER_BYTE)
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define BITS_TO_LONGS(nr) DIV_ROUND_UP(nr, BITS_PER_BYTE * sizeof(long))
#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))
#define ctpop32(x) __builtin_popcount(x)
#define ctpop64(x) __builtin_popcountll(x)
#define ctpopl(x) __builtin_popcountl(x)

/* Atomics as plain operations: the oracle makes one call at a time from one thread. */
#define qatomic_read(ptr) (*(ptr))
#define qatomic_set(ptr, v) ((void)(*(ptr) = (v)))
#define qatomic_rcu_read(ptr) (*(ptr))
#define qatomic_rcu_set(ptr, v) ((void)(*(ptr) = (v)))
#define qatomic_xchg(ptr, v) ({ __typeof__(*(ptr)) oracle_old_ = *(ptr); *(ptr) = (v); oracle_old_; })
#define qatomic_fetch_and(ptr, n) ({ __typeof__(*(ptr)) oracle_old_ = *(ptr); *(ptr) = oracle_old_ & (n); oracle_old_; })
#define qatomic_fetch_or(ptr, n) ({ __typeof__(*(ptr)) oracle_old_ = *(ptr); *(ptr) = oracle_old_ | (n); oracle_old_; })
#define qatomic_and(ptr, n) ((void)(*(ptr) &= (n)))
#define qatomic_or(ptr, n) ((void)(*(ptr) |= (n)))
#define qatomic_inc(ptr) ((void)(++*(ptr)))
#define qatomic_dec(ptr) ((void)(--*(ptr)))
#define qatomic_cmpxchg(ptr, old, new) ({ __typeof__(*(ptr)) oracle_old_ = *(ptr); if (oracle_old_ == (old)) *(ptr) = (new); oracle_old_; })
/* The spellings before QEMU's 2020 rename to qatomic_. */
#define atomic_read qatomic_read
#define atomic_set qatomic_set
#define atomic_rcu_read qatomic_rcu_read
#define atomic_rcu_set qatomic_rcu_set
#define atomic_xchg qatomic_xchg
#define atomic_fetch_and qatomic_fetch_and
#define atomic_fetch_or qatomic_fetch_or
#define atomic_and qatomic_and
#define atomic_or qatomic_or
#define atomic_inc qatomic_inc
#define atomic_dec qatomic_dec
#define atomic_cmpxchg qatomic_cmpxchg
#define smp_mb() ((void)0)
#define smp_rmb() ((void)0)
#define smp_wmb() ((void)0)
#define barrier() ((void)0)

/* RCU: nothing changes the block list during a call. The guard runs its body once. */
#define rcu_read_lock() ((void)0)
#define rcu_read_unlock() ((void)0)
#define WITH_RCU_READ_LOCK_GUARD() for (int oracle_rcu_once_ = 1; oracle_rcu_once_; oracle_rcu_once_ = 0)
#define RCU_READ_LOCK_GUARD() do { } while (0)

/* TCG is on, so the re-arm is observable. */
#define tcg_enabled() 1

/* The one RAMBlock the oracle knows; an address outside it would be another block, which it does not model. */
static RAMBlock *qemu_get_ram_block(ram_addr_t addr)
{
    RAMBlock *block = oracle_block;
    if (addr >= block->offset && addr < block->offset + block->used_length) {
        return block;
    }
    fprintf(stderr, "dirty-sync-oracle prelude: qemu_get_ram_block(0x%llx) is outside the RAMBlock [0x%llx, 0x%llx)\n",
            (unsigned long long)addr, (unsigned long long)block->offset,
            (unsigned long long)(block->offset + block->used_length));
    abort();
}

/* The remote (KVM) dirty-log clear: bytes from the region's start, reported in block-relative pages. */
static void memory_region_clear_dirty_bitmap(MemoryRegion *mr, hwaddr start, hwaddr len)
{
    uint64_t first = start >> TARGET_PAGE_BITS;
    uint64_t end = (start + len + TARGET_PAGE_SIZE - 1) >> TARGET_PAGE_BITS;
    (void)mr;
    oracle_effects->clear_dirty_log(first, end - first);
}

/* The TCG re-arm, with the address exactly as QEMU passes it: a block-relative start stays visible. */
static void tlb_reset_dirty_range_all(ram_addr_t start, ram_addr_t length)
{
    uint64_t first = start >> TARGET_PAGE_BITS;
    uint64_t end = (start + length + TARGET_PAGE_SIZE - 1) >> TARGET_PAGE_BITS;
    oracle_effects->dirty_bits_cleared(first, end - first);
}
`;
