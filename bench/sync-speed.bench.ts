/**
 * Question 1: how long one `syncDirtyBitmap` takes for each implementation and for the floor kernel, by
 * size, dirty density and alignment, and the ratios between them.
 *
 * Every sync clears source bits and sets `bmap` bits, so each timed call must start from the same
 * state: a tinybench `beforeEach` hook copies the pristine source blocks and `bmap` back before every
 * call (warm-up calls included). tinybench times only the task function, so the copy is outside the
 * timed region and nothing is subtracted. An `afterEach` hook checks the return value against the
 * input's dirty-page count (proof that the restore happened and the sync did the whole job) and feeds
 * it to the result sink.
 */
import { Bench } from 'tinybench';
import type { BenchQuestion, QuestionAnswer, QuestionContext } from './bench-question.ts';
import type { BenchPlan } from './bench-plan.ts';
import { CountingEffects } from './counting-effects.ts';
import type { ResultSink } from './result-sink.ts';
import { FLOOR_NAME, SYNC_CONTESTANTS } from './sync-contestants.ts';
import { type Alignment, buildSyncInput, type Misalignment, type SyncInput } from './sync-inputs.ts';
import { formatFigure, formatPages, type TextTable } from './text-table.ts';

/** tinybench's statistics for one task, in milliseconds per sync. */
export interface TaskFigures {
  /** Median: the figure every ratio uses, robust to the odd descheduled sample. */
  readonly medianMs: number;
  /** Mean. */
  readonly meanMs: number;
  /** Fastest sample. */
  readonly minMs: number;
  /** Slowest sample. */
  readonly maxMs: number;
  /** Relative margin of error of the mean (95 %), in percent. */
  readonly rmePercent: number;
  /** Timed calls. */
  readonly samples: number;
}

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
  readonly tasks: Readonly<Record<string, TaskFigures>>;
}

/** Everything question 1 measured. */
export interface SyncSpeedFigures {
  /** Base seed of the inputs. */
  readonly seed: number;
  /** Pages per DirtyMemoryBlock. */
  readonly blockPages: number;
  /** The misaligned placement. */
  readonly misalignment: Misalignment;
  /** tinybench budget per task. */
  readonly timing: BenchPlan['timing'];
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
      for (const alignment of ALIGNMENTS) {
        context.progress(`sync speed: ${formatPages(pages)} pages, ${densityPercent} % dirty, ${alignment}`);
        const input = buildSyncInput({ pages, densityPercent, alignment, blockPages: plan.blockPages, seed: plan.seed, misalignment: plan.misalignment });
        cases.push(measureCase(input, plan, context.sink));
      }
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

/** Times every contestant on one input, each call starting from the pristine state. */
function measureCase(input: SyncInput, plan: BenchPlan, sink: ResultSink): SpeedCaseFigures {
  const { timing } = plan;
  const bench = new Bench({
    time: timing.timeMs,
    iterations: timing.minIterations,
    warmupTime: timing.warmupTimeMs,
    warmupIterations: timing.warmupIterations,
    throws: true,
  });
  for (const contestant of SYNC_CONTESTANTS) {
    const effects = new CountingEffects();
    let last = 0;
    bench.add(
      contestant.name,
      () => {
        last = contestant.run(input, effects);
      },
      {
        beforeEach: () => input.restore(),
        afterEach: () => {
          if (contestant.returnsNewlySet && last !== input.dirtyPagesInRange) {
            throw new Error(`sync speed: ${contestant.name} returned ${last}, expected ${input.dirtyPagesInRange} dirty pages`);
          }
          sink.consume(last);
        },
      },
    );
  }
  bench.runSync();
  const tasks: Record<string, TaskFigures> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`sync speed: task ${task.name} ended ${result.state}`);
    const { latency } = result;
    tasks[task.name] = {
      medianMs: latency.p50,
      meanMs: latency.mean,
      minMs: latency.min,
      maxMs: latency.max,
      rmePercent: latency.rme,
      samples: latency.samplesCount,
    };
  }
  const { spec } = input;
  return {
    pages: spec.pages,
    densityPercent: spec.densityPercent,
    alignment: spec.alignment,
    offsetPage: input.rb.offsetPage,
    startPage: input.startPage,
    npages: input.npages,
    dirtyPages: input.dirtyPagesInRange,
    tasks,
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
