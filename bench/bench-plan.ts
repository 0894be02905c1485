/**
 * What a benchmark run measures: sizes, densities, the seed and the misalignment it draws, and how long
 * tinybench spends on each task. `full` is the whole grid of sizes and dirty fractions; `quick` is a smaller set that finishes in
 * well under 30 s.
 */
import { chooseMisalignment, type Misalignment, QEMU_BLOCK_PAGES } from './sync-inputs.ts';

/** The seed every input of every run is drawn from. Changing it changes every figure. */
export const BENCH_SEED = 0x0005_eed5;

/** Sizes of the synced RAMBlock, in pages: 1 Mi, 16 Mi and 64 Mi (a 256 GiB guest at 4 KiB pages). */
export const FULL_SIZES_PAGES: readonly number[] = [2 ** 20, 2 ** 24, 2 ** 26];

/** Dirty densities, in percent of pages. */
export const FULL_DENSITIES_PERCENT: readonly number[] = [0.1, 10, 50, 100];

/** One size and density; each is measured aligned and misaligned. */
export interface SizeDensity {
  /** Pages in the RAMBlock. */
  readonly pages: number;
  /** Dirty pages, in percent. */
  readonly densityPercent: number;
}

/**
 * How each sync-speed task is sampled. Every task is first called once, untimed: the probe warms it up
 * and sorts it. A task whose probe takes under `slowCallMs` is timed in `rounds` interleaved rounds (its
 * aligned and misaligned inputs alternate), each running until it has spent `timeMs / rounds` in timed
 * calls and made `minIterationsPerRound` of them; its samples are pooled. Interleaving spreads a burst
 * of machine noise over both sides of a ratio. A slower task (the per-page models at 16 Mi pages and
 * up) is timed in one round of `slowIterations` calls, so the run stays within minutes.
 */
export interface TaskTiming {
  /** Timed milliseconds per fast task, over all rounds (restores between calls are not counted). */
  readonly timeMs: number;
  /** Interleaved rounds per fast task. */
  readonly rounds: number;
  /** Minimum timed calls per fast task and round. */
  readonly minIterationsPerRound: number;
  /** tinybench warm-up milliseconds per fast task, in its first round. */
  readonly warmupTimeMs: number;
  /** A probe slower than this (ms) makes a task slow. */
  readonly slowCallMs: number;
  /** Timed calls per slow task. */
  readonly slowIterations: number;
}

/** Everything a run measures. */
export interface BenchPlan {
  /** `full` (the whole grid) or `quick`. */
  readonly mode: 'full' | 'quick';
  /** The base seed. */
  readonly seed: number;
  /** Pages per DirtyMemoryBlock (QEMU's). */
  readonly blockPages: number;
  /** The misaligned placement, drawn from the seed. */
  readonly misalignment: Misalignment;
  /** Sizes and densities of the sync-speed question, in the order they run. */
  readonly speedCases: readonly SizeDensity[];
  /** Sizes of the remote-clear question (at `remoteClearDensityPercent`). */
  readonly remoteClearSizesPages: readonly number[];
  /** The density the remote-clear counts are taken at; a remote clear does not depend on it. */
  readonly remoteClearDensityPercent: number;
  /** How sync-speed tasks are sampled. */
  readonly timing: TaskTiming;
  /** The size the targets are stated at; in `quick` mode the largest size measured stands in. */
  readonly targetPages: number;
}

/**
 * Builds the plan for a mode.
 * @param mode - `full` or `quick`
 * @returns the plan
 */
export function createPlan(mode: 'full' | 'quick'): BenchPlan {
  const common = {
    seed: BENCH_SEED,
    blockPages: QEMU_BLOCK_PAGES,
    misalignment: chooseMisalignment(BENCH_SEED),
    remoteClearDensityPercent: 10,
  };
  if (mode === 'full') {
    return {
      ...common,
      mode,
      speedCases: FULL_SIZES_PAGES.flatMap((pages) => FULL_DENSITIES_PERCENT.map((densityPercent) => ({ pages, densityPercent }))),
      remoteClearSizesPages: FULL_SIZES_PAGES,
      timing: { timeMs: 400, rounds: 4, minIterationsPerRound: 3, warmupTimeMs: 100, slowCallMs: 50, slowIterations: 3 },
      targetPages: 2 ** 26,
    };
  }
  // Quick: every density at 1 Mi pages, and 16 Mi pages at the target density only.
  return {
    ...common,
    mode,
    speedCases: [...FULL_DENSITIES_PERCENT.map((densityPercent) => ({ pages: 2 ** 20, densityPercent })), { pages: 2 ** 24, densityPercent: 10 }],
    remoteClearSizesPages: [2 ** 20, 2 ** 24],
    timing: { timeMs: 80, rounds: 2, minIterationsPerRound: 2, warmupTimeMs: 20, slowCallMs: 50, slowIterations: 2 },
    targetPages: 2 ** 24,
  };
}
