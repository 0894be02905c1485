/**
 * Generated loop simulations: small guests (so a run is a few thousand turns at most), links from
 * 100 MB/s to 10 GB/s, every workload kind and rule set, with and without a rate limit, auto-converge,
 * a slower first send, and setup and switchover costs.
 */
import fc from 'fast-check';
import { type LoopParameters } from '../../../src/simulator/qemu-loop/loop-parameters.ts';
import { LOOP_RULE_SET_NAMES } from '../../../src/simulator/qemu-loop/rule-sets.ts';
import { DEFAULT_AUTO_CONVERGE } from '../../../src/simulator/qemu-loop/throttle.ts';
import type { WorkloadSpec } from '../../../src/simulator/qemu-loop/workloads.ts';

/** Pages of 4 KiB in the generated guests: 64 MiB to 1 GiB, with the odd sizes near the edges. */
export const guestPages = fc.oneof(fc.constantFrom(16_384, 16_385, 262_143, 262_144), fc.integer({ min: 16_384, max: 262_144 }));

/** Link bandwidth, 100 MB/s to 10 GB/s (bytes per ms). */
export const linkBytesPerMs = fc.double({ min: 1e5, max: 1e7, noNaN: true });

/** The most pages of zeros a generated guest has; working sets leave at least that many pages outside. */
const ZERO_PAGES_MAX = 64;

function workload(totalPages: number, linkBytesPerMs: number): fc.Arbitrary<WorkloadSpec> {
  return fc.oneof(
    fc.double({ min: 0, max: 0.95, noNaN: true }).map((share): WorkloadSpec => ({ kind: 'constant', dirtyRateBytesPerMs: share * linkBytesPerMs })),
    fc.record({ set: fc.integer({ min: 1, max: totalPages - ZERO_PAGES_MAX }), share: fc.double({ min: 0, max: 2, noNaN: true }) })
      .map(({ set, share }): WorkloadSpec => ({ kind: 'working-set', workingSetPages: set, dirtyRatePagesPerSecond: (share * linkBytesPerMs * 1000) / 4096 })),
    fc
      .record({ set: fc.integer({ min: 1, max: totalPages - ZERO_PAGES_MAX }), start: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), offset: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), share: fc.double({ min: 0, max: 2, noNaN: true }) })
      .map(({ set, start, offset, share }): WorkloadSpec => ({
        kind: 'sweep',
        firstPage: Math.floor(start * (totalPages - set + 1)),
        workingSetPages: set,
        pagesPerSecond: (share * linkBytesPerMs * 1000) / 4096,
        writerStartOffset: Math.floor(offset * set),
      })),
  );
}

/** Any loop simulation the model accepts, with a cap of 5 s simulated. */
export const loopCase: fc.Arbitrary<LoopParameters> = fc
  .record({ pages: guestPages, link: linkBytesPerMs })
  .chain(({ pages, link }) =>
    fc.record({
      memoryBytes: fc.constant(pages * 4096),
      linkBandwidthBytesPerMs: fc.constant(link),
      maxBandwidthBytesPerSecond: fc.oneof(fc.constant(0), fc.double({ min: 0.2, max: 2, noNaN: true }).map((share) => share * link * 1000)),
      downtimeLimitMs: fc.double({ min: 0, max: 2000, noNaN: true }),
      workload: workload(pages, link),
      syncCost: fc.oneof(
        fc.double({ min: 0, max: 150, noNaN: true }).map((syncMs) => ({ kind: 'constant' as const, syncMs })),
        fc.record({ baseMs: fc.double({ min: 0, max: 50, noNaN: true }), perPageMs: fc.double({ min: 0, max: 1e-3, noNaN: true }) }).map((c) => ({ kind: 'linear' as const, ...c })),
      ),
      ruleSet: fc.constantFrom(...LOOP_RULE_SET_NAMES),
      autoConverge: fc.constantFrom(null, DEFAULT_AUTO_CONVERGE),
      firstSendBandwidthBytesPerMs: fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }).map((share) => share * link), { nil: undefined }),
      zeroPages: fc.option(fc.integer({ min: 0, max: ZERO_PAGES_MAX }), { nil: undefined }),
      setupCostMs: fc.option(fc.double({ min: 0, max: 20, noNaN: true }), { nil: undefined }),
      switchoverCostMs: fc.option(fc.double({ min: 0, max: 20, noNaN: true }), { nil: undefined }),
      maxTimeMs: fc.constant(5_000),
    }),
  );
