/**
 * Samples the time of contestants on inputs with tinybench, in the way `TaskTiming` describes: an
 * untimed probe per task, the fast tasks in interleaved rounds whose samples are pooled, the slow tasks
 * in one round.
 *
 * Every sync clears source bits and sets `bmap` bits, so each call must start from the same state: a
 * tinybench `beforeEach` hook copies the pristine source blocks and `bmap` back before every call
 * (warm-up calls included). tinybench times only the task function, so the copy is outside the timed
 * region and nothing is subtracted. An `afterEach` hook checks the return value against the input's
 * dirty-page count (proof that the restore happened and the sync did the whole job) and feeds it to the
 * result sink.
 */
import { Bench } from 'tinybench';
import type { TaskTiming } from './bench-plan.ts';
import { CountingEffects } from '../src/sync/counting-effects.ts';
import type { ResultSink } from './result-sink.ts';
import { summarizeSamples, type TimingSummary } from './sample-statistics.ts';
import type { SyncContestant } from './sync-contestants.ts';
import type { SyncInput } from './sync-inputs.ts';

/** The timings of every contestant on one input. */
export interface InputTimings {
  /** Timing summary per contestant name. */
  readonly summaries: Readonly<Record<string, TimingSummary>>;
  /** Names of the contestants timed as slow. */
  readonly slowContestants: readonly string[];
}

/** A contestant on one input, with its samples so far. */
interface Task {
  readonly input: SyncInput;
  readonly contestant: SyncContestant;
  readonly effects: CountingEffects;
  readonly samplesMs: number[];
}

/**
 * Times every contestant on each input: probe, then the fast tasks in interleaved rounds (the inputs
 * alternate), then the slow ones.
 * @param inputs - the inputs (the aligned and misaligned inputs of one size and density)
 * @param contestants - what to time
 * @param timing - how to sample
 * @param sink - where every result goes
 * @returns one entry per input, in order
 * @throws Error when a sync returns anything but the input's dirty-page count
 */
export function sampleContestants(inputs: readonly SyncInput[], contestants: readonly SyncContestant[], timing: TaskTiming, sink: ResultSink): InputTimings[] {
  const tasks = inputs.flatMap((input) => contestants.map((contestant): Task => ({ input, contestant, effects: new CountingEffects(), samplesMs: [] })));
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
      summaries: Object.fromEntries(own.map((task) => [task.contestant.name, summarizeSamples(task.samplesMs)])),
      slowContestants: own.filter((task) => slow.has(task)).map((task) => task.contestant.name),
    };
  });
}

/** One call from the pristine state, kept out of the figures: it warms the task up and sorts it. Returns its duration in ms. */
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
    if (result.state !== 'completed' || result.latency.samples === undefined) throw new Error(`task sampler: task ${benchTask.name} ended ${result.state}`);
    tasks[index].samplesMs.push(...result.latency.samples);
  });
}

/** Checks a sync's return value against the input's dirty-page count and consumes it. */
function checkAndConsume(task: Task, result: number, sink: ResultSink): void {
  if (task.contestant.returnsNewlySet && result !== task.input.dirtyPagesInRange) {
    throw new Error(`task sampler: ${task.contestant.name} returned ${result}, expected ${task.input.dirtyPagesInRange} dirty pages`);
  }
  sink.consume(result);
}
