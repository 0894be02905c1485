/**
 * The shape of one benchmark question (one `*.bench.ts` file): it runs under a plan, returns tables
 * for the terminal and figures for `bench/results.json`. The runner knows questions only through this
 * interface, so a new question (the simulators' `simulator.bench.ts`) is one file and one line in
 * `run.ts`.
 */
import type { BenchPlan } from './bench-plan.ts';
import type { ResultSink } from './result-sink.ts';
import type { TextTable } from './text-table.ts';

/** What a question is given. */
export interface QuestionContext {
  /** What to measure. */
  readonly plan: BenchPlan;
  /** Where every result goes. */
  readonly sink: ResultSink;
  /**
   * Reports progress on stderr, so stdout holds only the tables.
   * @param message - one line
   */
  progress(message: string): void;
}

/** What a question returns. */
export interface QuestionAnswer<Figures> {
  /** Tables to print, in order. */
  readonly tables: readonly TextTable[];
  /** The figures, as plain JSON-serialisable data. */
  readonly figures: Figures;
}

/** One benchmark question. */
export interface BenchQuestion<Figures> {
  /** Key in `bench/results.json`, e.g. `syncSpeed`. */
  readonly id: string;
  /** One line saying what it answers. */
  readonly title: string;
  /**
   * Measures.
   * @param context - the plan, the result sink and a progress line
   * @returns tables and figures
   */
  run(context: QuestionContext): QuestionAnswer<Figures>;
}
