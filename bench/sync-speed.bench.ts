/**
 * Question 1: how long one `syncDirtyBitmap` takes for each implementation and for the floor kernel, by
 * size, dirty density and alignment, and the ratios between them.
 *
 * Every sync clears source bits and sets `bmap` bits, so each timed call must start from the same
 * state: a tinybench `beforeEach` hook copies the pristine source blocks and `bmap` back before every
 * call (warm-up calls included). tinybench times only the task function, so the copy is outside the
 * timed region and nothing is subtracted. An `afterEach` hook checks the return value against the
 * input's dirty-page count (proof that the restore happened and the sync did the whole job) and feeds
 * it to the result sink. How tasks are sampled (probe, interleaved rounds, slow tasks) is described at
 * `TaskTiming`.
 */
import { Bench } from 'tinybench';
import type { BenchQuestion, QuestionAnswer, QuestionContext } from './bench-question.ts';
import type { BenchPlan, TaskTiming } from './bench-plan.ts';
import { CountingEffects } from './counting-effects.ts';
import type { ResultSink } from './result-sink.ts';
import { summarizeSamples, type TimingSummary } from './sample-statistics.ts';
import { FLOOR_NAME, SYNC_CONTESTANTS, type SyncContestant } from './sync-contestants.ts';
import { type Alignment, buildSyncInput, type Misalignment, type SyncInput } from './sync-inputs.ts';
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
      cases.push(...measureInputs(inputs, plan.timing, context.sink));
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

/** A contestant on one input, with its samples so far. */
interface Task {
  readonly input: SyncInput;
  readonly contestant: SyncContestant;
  readonly effects: CountingEffects;
  readonly samplesMs: number[];
}

/**
 * Times every contestant on each input (the aligned and misaligned inputs of one size and density):
 * probe, then the fast tasks in interleaved rounds, then the slow ones.
 */
function measureInputs(inputs: readonly SyncInput[], timing: TaskTiming, sink: ResultSink): SpeedCaseFigures[] {
  const tasks = inputs.flatMap((input) =>
    SYNC_CONTESTANTS.map((contestant): Task => ({ input, contestant, effects: new CountingEffects(), samplesMs: [] })),
  );
  const slow = new Set(tasks.filter((task) => probeMs(task, sink) > timing.slowCallMs));
  for (let round = 0; round < timing.rounds; round++) {
    for (const input of inputs) {
      sample(
        tasks.filter((task) => task.input === input && !slow.has(task)),
        { time: timing.timeMs / timing.rounds, iterations: timing.minIterationsPerRound, warmup: round === 0, warmupTime: timing.warmupTimeMs },
        sink,
      );
    }
  }
  // The probe was their warm-up: a per-page loop of millions of pages is optimized within that call.
  sample([...slow], { time: 0, iterations: timing.slowIterations, warmup: false, warmupTime: 0 }, sink);

  return inputs.map((input) => {
    const own = tasks.filter((task) => task.input === input);
    return {
      pages: input.spec.pages,
      densityPercent: input.spec.densityPercent,
      alignment: input.spec.alignment,
      offsetPage: input.rb.offsetPage,
      startPage: input.startPage,
      npages: input.npages,
      dirtyPages: input.dirtyPagesInRange,
      tasks: Object.fromEntries(own.map((task) => [task.contestant.name, summarizeSamples(task.samplesMs)])),
      slowTasks: own.filter((task) => slow.has(task)).map((task) => task.contestant.name),
    };
  });
}

/** One untimed-for-the-figures call from the pristine state; returns its duration in ms. */
function probeMs(task: Task, sink: ResultSink): number {
  task.input.restore();
  const startMs = performance.now();
  const result = task.contestant.run(task.input, task.effects);
  const durationMs = performance.now() - startMs;
  checkAndConsume(task, result, sink);
  return durationMs;
}

/** Runs tasks through one tinybench round and appends their samples. */
function sample(
  tasks: readonly Task[],
  options: { time: number; iterations: number; warmup: boolean; warmupTime: number },
  sink: ResultSink,
): void {
  if (tasks.length === 0) return;
  const bench = new Bench({ ...options, warmupIterations: 1, retainSamples: true, throws: true });
  for (const task of tasks) {
    let last = 0;
    bench.add(
      // Slow tasks of both inputs share a round, and tinybench wants distinct names.
      `${task.contestant.name} (${task.input.spec.alignment})`,
      () => {
        last = task.contestant.run(task.input, task.effects);
      },
      {
        beforeEach: () => task.input.restore(),
        afterEach: () => checkAndConsume(task, last, sink),
      },
    );
  }
  bench.runSync();
  bench.tasks.forEach((benchTask, index) => {
    const result = benchTask.result;
    if (result.state !== 'completed' || result.latency.samples === undefined) throw new Error(`sync speed: task ${benchTask.name} ended ${result.state}`);
    tasks[index].samplesMs.push(...result.latency.samples);
  });
}

/** Checks a sync's return value against the input's dirty-page count and consumes it. */
function checkAndConsume(task: Task, result: number, sink: ResultSink): void {
  if (task.contestant.returnsNewlySet && result !== task.input.dirtyPagesInRange) {
    throw new Error(`sync speed: ${task.contestant.name} returned ${result}, expected ${task.input.dirtyPagesInRange} dirty pages`);
  }
  sink.consume(result);
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
