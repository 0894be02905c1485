/**
 * Question 3: how long the simulators take: one threshold search (the least downtime limit for one
 * (B, D, x), the greatest dirty rate for one (B, x, y)) per estimator at the seed's inputs, and the
 * whole golden threshold grid. Searches are deterministic, so every call does the same work.
 */
import { Bench } from 'tinybench';
import { SEED_VM_MEMORY_BYTES } from '../src/convergence/threshold-comparison.ts';
import { thresholdsGoldenFile } from '../src/golden/convergence-golden.ts';
import { BANDWIDTH_ESTIMATOR_NAMES } from '../src/simulator/bandwidth-estimators.ts';
import { simulatedMaxDirtyRate, simulatedMinDowntime } from '../src/simulator/threshold-search.ts';
import type { BenchQuestion, QuestionAnswer, QuestionContext } from './bench-question.ts';
import { summarizeSamples, type TimingSummary } from './sample-statistics.ts';
import { formatFigure, type TextTable } from './text-table.ts';

/** The seed's bandwidth, 15 GB/s, and dirty rate, 10 GB/s, in bytes per ms. */
const BANDWIDTH_BYTES_PER_MS = 15e6;
const DIRTY_RATE_BYTES_PER_MS = 10e6;
/** The seed's downtime limit of its second case. */
const DOWNTIME_LIMIT_MS = 150;

/** One timed search. */
export interface SearchTiming {
  /** What was searched, e.g. `least downtime, x = 73 ms`. */
  readonly search: string;
  /** The estimator. */
  readonly estimator: string;
  /** Median and spread of one call. */
  readonly timing: TimingSummary;
}

/** Everything question 3 measured. */
export interface SimulatorFigures {
  /** One entry per search and estimator. */
  readonly searches: readonly SearchTiming[];
  /** One production of the golden threshold grid (every point, every estimator). */
  readonly goldenGrid: TimingSummary;
  /** Points in the grid. */
  readonly goldenGridPoints: number;
}

/** Question 3 as the runner sees it. */
export const simulatorSpeed: BenchQuestion<SimulatorFigures> = {
  id: 'simulators',
  title: 'Simulator time: one threshold search, and the whole golden threshold grid',
  run(context: QuestionContext): QuestionAnswer<SimulatorFigures> {
    const quick = context.plan.mode === 'quick';
    const memoryBytes = SEED_VM_MEMORY_BYTES;
    const searches: { search: string; estimator: string; run: () => number }[] = [];
    for (const syncMs of [73, 12]) {
      for (const estimator of BANDWIDTH_ESTIMATOR_NAMES) {
        const parameters = { bandwidthBytesPerMs: BANDWIDTH_BYTES_PER_MS, dirtyRateBytesPerMs: DIRTY_RATE_BYTES_PER_MS, syncMs, memoryBytes };
        searches.push({ search: `least downtime, x = ${syncMs} ms`, estimator, run: () => simulatedMinDowntime(parameters, estimator).downtimeMs });
        searches.push({
          search: `greatest dirty rate, x = ${syncMs} ms, y = ${DOWNTIME_LIMIT_MS} ms`,
          estimator,
          run: () => simulatedMaxDirtyRate(BANDWIDTH_BYTES_PER_MS, syncMs, DOWNTIME_LIMIT_MS, memoryBytes, estimator).dirtyRateBytesPerMs,
        });
      }
    }
    context.progress(`simulators: ${searches.length} threshold searches`);
    const bench = new Bench({ time: quick ? 150 : 600, iterations: 5, warmupIterations: 2, retainSamples: true, throws: true });
    for (const search of searches) bench.add(`${search.search} (${search.estimator})`, () => context.sink.consume(Math.round(search.run())));
    bench.runSync();
    const timings = bench.tasks.map((task, index): SearchTiming => {
      const samples = task.result.state === 'completed' ? task.result.latency.samples : undefined;
      if (samples === undefined) throw new Error(`simulator bench: ${task.name} ended ${task.result.state}`);
      return { search: searches[index].search, estimator: searches[index].estimator, timing: summarizeSamples(samples) };
    });

    context.progress('simulators: the golden threshold grid');
    const gridSamples: number[] = [];
    let gridPoints = 0;
    for (let call = 0; call < (quick ? 1 : 3); call++) {
      const started = performance.now();
      const file = thresholdsGoldenFile();
      gridSamples.push(performance.now() - started);
      gridPoints = file.records.length;
      context.sink.consume(file.records.length);
    }
    const figures = { searches: timings, goldenGrid: summarizeSamples(gridSamples), goldenGridPoints: gridPoints };
    return { tables: [table(figures)], figures };
  },
};

function table(figures: SimulatorFigures): TextTable {
  return {
    title: 'Simulator time: median ms per call',
    columns: ['search', 'estimator', 'median ms', 'samples'],
    rows: [
      ...figures.searches.map((s) => [s.search, s.estimator, formatFigure(s.timing.medianMs), String(s.timing.samples)]),
      [`golden threshold grid (${figures.goldenGridPoints} points, every estimator)`, 'all', formatFigure(figures.goldenGrid.medianMs), String(figures.goldenGrid.samples)],
    ],
    notes: ['B = 15 GB/s, D = 10 GB/s (least downtime), simulations from 256 GiB all dirty; bisection to the simulators\' fixed tolerance.'],
  };
}
