/**
 * Pages each bitmap sync found, recovered from QEMU 7.2's `migration_bitmap_sync_end` trace event. The
 * event carries `num_dirty_pages_period`, which adds up the syncs of a rate period and is reset at the
 * end of the first sync that ends more than 1000 ms after the period began (`migration_bitmap_sync`,
 * migration/ram.c); the first period begins when the first sync starts.
 */

/** The period QEMU 7.2 measures dirty rates over (ms). */
export const RATE_PERIOD_MS = 1000;

/**
 * The pages each sync found.
 * @param syncs - the traced syncs, in order: [startMs, durationMs, period counter after the sync]
 * @returns the pages each sync added to the counter
 */
export function pagesFoundPerSync(syncs: readonly (readonly [number, number, number])[]): number[] {
  const found: number[] = [];
  let periodStartMs: number | undefined;
  let carried = 0;
  for (const [startMs, durationMs, counter] of syncs) {
    periodStartMs ??= startMs;
    found.push(counter - carried);
    carried = counter;
    const endMs = startMs + durationMs;
    if (endMs > periodStartMs + RATE_PERIOD_MS) {
      periodStartMs = endMs;
      carried = 0;
    }
  }
  return found;
}
