/**
 * Question 1: how long one `syncDirtyBitmap` takes for each implementation and for the floor kernel, by
 * size, dirty density and alignment, and the ratios between them.
 *
 * Every sync clears source bits and sets `bmap` bits, so each timed call starts from a restored input
 * (see `task-sampler.ts`): the restore is outside the timed region and nothing is subtracted, and every
 * return value is checked against the input's dirty-page count and consumed. How tasks are sampled (probe, interleaved rounds, slow tasks) is described at
 * `TaskTiming` and done in `task-sampler.ts`.
 */
import type { BenchQuestion, QuestionAnswer, QuestionContext } from './bench-question.ts';
import type { TaskTiming } from './bench-plan.ts';
import type { TimingSummary } from './sample-statistics.ts';
import { FLOOR_NAME, SYNC_CONTESTANTS } from './sync-contestants.ts';
import { type Alignment, buildSyncInput, type Misalignment, type SyncInput } from './sync-inputs.ts';
import { type InputTimings, sampleContestants } from './task-sampler.ts';
import { formatFigure, formatPages, type TextTable } from './text-table.ts';

/** One measured input and every contestant's figures on it. */
export interface SpeedCaseFigures {
  /** Pages in the RAMBlock. */
  readonly pages: number;
  /** Dirty pages, in percent. */
  readonly densityPercent: number;
  /** Aligned or misaligned. */
  readonly alignment: Alignment;
  /** The RAMBlock's global first page. */
  readonly offsetPage: number;
  /** First synced page, block-relative. */
  readonly startPage: number;
  /** Synced pages. */
  readonly npages: number;
  /** Dirty pages in the synced range (every sync's expected return value). */
  readonly dirtyPages: number;
  /** Figures per contestant name. */
  readonly tasks: Readonly<Record<string, TimingSummary>>;
  /** Contestants timed as slow (one round of `slowIterations` calls). */
  readonly slowTasks: readonly string[];
}

/** Everything question 1 measured. */
export interface SyncSpeedFigures {
  /** Base seed of the inputs. */
  readonly seed: number;
  /** Pages per DirtyMemoryBlock. */
  readonly blockPages: number;
  /** The misaligned placement. */
  readonly misalignment: Misalignment;
  /** How tasks were sampled. */
  readonly timing: TaskTiming;
  /** How each call gets its input state back. */
  readonly restore: string;
  /** One entry per size, density and alignment, in run order. */
  readonly cases: readonly SpeedCaseFigures[];
}

const ALIGNMENTS: readonly Alignment[] = ['aligned', 'misaligned'];

/** Question 1 as the runner sees it. */
export const syncSpeed: BenchQuestion<SyncSpeedFigures> = {
  id: 'syncSpeed',
  title: 'syncDirtyBitmap time per call: implementations against each other and the floor kernel',
  run(context: QuestionContext): QuestionAnswer<SyncSpeedFigures> {
    const { plan } = context;
    const cases: SpeedCaseFigures[] = [];
    for (const { pages, densityPercent } of plan.speedCases) {
      context.progress(`sync speed: ${formatPages(pages)} pages, ${densityPercent} % dirty`);
      const inputs = ALIGNMENTS.map((alignment) =>
        buildSyncInput({ pages, densityPercent, alignment, blockPages: plan.blockPages, seed: plan.seed, misalignment: plan.misalignment }),
      );
      const timings = sampleContestants(inputs, SYNC_CONTESTANTS, plan.timing, context.sink);
      inputs.forEach((input, index) => cases.push(caseFigures(input, timings[index])));
    }
    const figures: SyncSpeedFigures = {
      seed: plan.seed,
      blockPages: plan.blockPages,
      misalignment: plan.misalignment,
      timing: plan.timing,
      restore: 'tinybench beforeEach copies the pristine source blocks and bmap back before every call; untimed, nothing subtracted',
      cases,
    };
    return { tables: [timeTable(figures), wordwiseTable(figures)], figures };
  },
};

/** The figures of one input from its contestants' timings. */
function caseFigures(input: SyncInput, timing: InputTimings): SpeedCaseFigures {
  return {
    pages: input.spec.pages,
    densityPercent: input.spec.densityPercent,
    alignment: input.spec.alignment,
    offsetPage: input.rb.offsetPage,
    startPage: input.startPage,
    npages: input.npages,
    dirtyPages: input.dirtyPagesInRange,
    tasks: timing.summaries,
    slowTasks: timing.slowContestants,
  };
}

/**
 * Finds the figures of one case.
 * @param figures - question 1's figures
 * @param pages - RAMBlock size
 * @param densityPercent - density
 * @param alignment - alignment
 * @returns the case, or undefined when it was not measured
 */
export function findCase(figures: SyncSpeedFigures, pages: number, densityPercent: number, alignment: Alignment): SpeedCaseFigures | undefined {
  return figures.cases.find((c) => c.pages === pages && c.densityPercent === densityPercent && c.alignment === alignment);
}

/** Median ms per sync of every contestant, one row per case. */
function timeTable(figures: SyncSpeedFigures): TextTable {
  const names = SYNC_CONTESTANTS.map((contestant) => contestant.name);
  return {
    title: 'Sync time: median ms per syncDirtyBitmap call',
    columns: ['pages', 'dirty %', 'alignment', ...names, 'reference ÷ wordwise', `wordwise ÷ ${FLOOR_NAME}`],
    rows: figures.cases.map((c) => [
      formatPages(c.pages),
      String(c.densityPercent),
      c.alignment,
      ...names.map((name) => formatFigure(c.tasks[name].medianMs)),
      `${formatFigure(c.tasks.reference.medianMs / c.tasks.wordwise.medianMs)}×`,
      `${formatFigure(c.tasks.wordwise.medianMs / c.tasks[FLOOR_NAME].medianMs)}×`,
    ]),
    notes: [
      `Misaligned: RAMBlock at global page ${figures.misalignment.offsetPages}, range [0, pages - ${figures.misalignment.trimPages}); aligned: page 0, whole block.`,
      `DirtyMemoryBlocks of ${figures.blockPages} pages; bmap starts empty; inputs from seed 0x${figures.seed.toString(16)}; source and bmap restored before every call, untimed.`,
    ],
  };
}

/** wordwise's misaligned time against the reference, the floor and its own aligned time. */
function wordwiseTable(figures: SyncSpeedFigures): TextTable {
  const rows: string[][] = [];
  for (const misaligned of figures.cases.filter((c) => c.alignment === 'misaligned')) {
    const aligned = findCase(figures, misaligned.pages, misaligned.densityPercent, 'aligned');
    if (aligned === undefined) continue;
    const wordwise = misaligned.tasks.wordwise.medianMs;
    rows.push([
      formatPages(misaligned.pages),
      String(misaligned.densityPercent),
      formatFigure(misaligned.npages / wordwise / 1000),
      `${formatFigure(misaligned.tasks.reference.medianMs / wordwise)}×`,
      `${formatFigure(wordwise / misaligned.tasks[FLOOR_NAME].medianMs)}×`,
      `${formatFigure(aligned.tasks.wordwise.medianMs / aligned.tasks[FLOOR_NAME].medianMs)}×`,
      `${formatFigure(wordwise / aligned.tasks.wordwise.medianMs)}×`,
    ]);
  }
  return {
    title: 'wordwise, misaligned: against the reference, the floor kernel and its own aligned case',
    columns: ['pages', 'dirty %', 'pages per µs', 'reference ÷ wordwise', 'wordwise ÷ floor', 'aligned: wordwise ÷ floor', 'misaligned ÷ aligned'],
    rows,
    notes: ['Ratios of medians from this run; pages per µs is the misaligned wordwise throughput.'],
  };
}
