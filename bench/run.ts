/**
 * `npm run bench [-- --quick] [-- --out FILE]`: runs every benchmark question, prints a table per
 * question and the targets, and writes the figures with the machine they came from as JSON
 * (`bench/results.json`; `bench/results-quick.json` for a quick run) so two runs can be compared.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPlan } from './bench-plan.ts';
import type { BenchQuestion, QuestionContext } from './bench-question.ts';
import { trainContestants } from './jit-training.ts';
import { guardCost } from './guard-cost.bench.ts';
import { describeMachine } from './machine.ts';
import { remoteClears } from './remote-clears.bench.ts';
import { simulatorSpeed } from './simulator.bench.ts';
import { ResultSink } from './result-sink.ts';
import { syncSpeed } from './sync-speed.bench.ts';
import { checkTargets, targetTable } from './targets.ts';
import { renderTable } from './text-table.ts';

/** Command-line options. */
interface RunOptions {
  readonly quick: boolean;
  readonly outPath: string;
}

/** Parses `--quick` and `--out FILE`; anything else is an error, so a typo never runs the wrong set. */
function parseOptions(args: readonly string[]): RunOptions {
  let quick = false;
  let outPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--quick') quick = true;
    else if (args[i] === '--out' && i + 1 < args.length) outPath = args[++i];
    else throw new RangeError(`bench: unknown argument ${JSON.stringify(args[i])}; use --quick and/or --out FILE`);
  }
  const defaultName = quick ? 'results-quick.json' : 'results.json';
  return { quick, outPath: outPath ?? fileURLToPath(new URL(defaultName, import.meta.url)) };
}

const options = parseOptions(process.argv.slice(2));
const startedAt = new Date();
const plan = createPlan(options.quick ? 'quick' : 'full');
const sink = new ResultSink();
const elapsedSeconds = (): string => ((Date.now() - startedAt.getTime()) / 1000).toFixed(1).padStart(6);
const context: QuestionContext = { plan, sink, progress: (message) => process.stderr.write(`[${elapsedSeconds()} s] ${message}\n`) };
const machine = describeMachine(startedAt);
console.log(`# Benchmarks (${plan.mode}): ${machine.cpu} ×${machine.cpuCount}, Node ${machine.node}, ${machine.date}\n`);

/** Runs one question, prints its tables, and returns its figures under its title for the JSON file. */
function ask<Figures>(question: BenchQuestion<Figures>): { title: string; figures: Figures } {
  const answer = question.run(context);
  for (const table of answer.tables) console.log(`${renderTable(table)}\n`);
  return { title: question.title, figures: answer.figures };
}

context.progress('training: every contestant on every density and alignment, untimed');
trainContestants(plan, sink);
const speed = ask(syncSpeed);
const clears = ask(remoteClears);
const simulators = ask(simulatorSpeed);
const guards = ask(guardCost);
const targets = checkTargets(speed.figures, plan, simulators.figures);
console.log(`${renderTable(targetTable(targets, plan))}\n`);

const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
console.log(`${sink.consumed} results consumed, checksum ${sink.checksum}; ${durationSeconds.toFixed(1)} s.`);
const results = {
  command: `npm run bench${options.quick ? ' -- --quick' : ''}`,
  mode: plan.mode,
  ...machine,
  durationSeconds,
  questions: { [syncSpeed.id]: speed, [remoteClears.id]: clears, [simulatorSpeed.id]: simulators, [guardCost.id]: guards },
  targets,
  consumed: { results: sink.consumed, checksum: sink.checksum },
};
writeFileSync(options.outPath, `${JSON.stringify(results, null, 2)}\n`);
console.log(`Figures written to ${options.outPath}`);
