/**
 * `npm run bench [-- --quick] [-- --out FILE] [-- --source QEMU]`: runs every benchmark question, prints
 * a table per question and the targets (with `--source`, also QEMU's own sync extracted from that tree), and writes the figures with the machine they came from as JSON
 * (`bench/results.json`; `bench/results-quick.json` for a quick run) so two runs can be compared.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPlan } from './bench-plan.ts';
import type { BenchQuestion, QuestionContext } from './bench-question.ts';
import { trainContestants } from './jit-training.ts';
import { guardCost } from './guard-cost.bench.ts';
import { describeMachine } from './machine.ts';
import { prepareQemuSourceContestants, qemuSourceQuestion } from './qemu-source.bench.ts';
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
  readonly source?: string;
}

/** Parses `--quick` and `--out FILE`; anything else is an error, so a typo never runs the wrong set. */
function parseOptions(args: readonly string[]): RunOptions {
  let quick = false;
  let outPath: string | undefined;
  let source: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--quick') quick = true;
    else if (args[i] === '--out' && i + 1 < args.length) outPath = args[++i];
    else if (args[i] === '--source' && i + 1 < args.length) source = args[++i];
    else throw new RangeError(`bench: unknown argument ${JSON.stringify(args[i])}; use --quick, --out FILE and/or --source QEMU`);
  }
  const defaultName = quick ? 'results-quick.json' : 'results.json';
  return { quick, outPath: outPath ?? fileURLToPath(new URL(defaultName, import.meta.url)), ...(source === undefined ? {} : { source }) };
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
// QEMU's own code, when a tree is given: built first (the C parser loads asynchronously).
const qemuSource = options.source === undefined ? undefined : ask(qemuSourceQuestion(await prepareQemuSourceContestants(options.source)));
const targets = checkTargets(speed.figures, plan, simulators.figures);
console.log(`${renderTable(targetTable(targets, plan))}\n`);

const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
console.log(`${sink.consumed} results consumed, checksum ${sink.checksum}; ${durationSeconds.toFixed(1)} s.`);
const results = {
  command: `npm run bench${options.quick || options.source ? ' --' : ''}${options.quick ? ' --quick' : ''}${options.source ? ` --source ${options.source}` : ''}`,
  mode: plan.mode,
  ...machine,
  durationSeconds,
  questions: { [syncSpeed.id]: speed, [remoteClears.id]: clears, [simulatorSpeed.id]: simulators, [guardCost.id]: guards, ...(qemuSource ? { qemuSource } : {}) },
  targets,
  consumed: { results: sink.consumed, checksum: sink.checksum },
};
writeFileSync(options.outPath, `${JSON.stringify(results, null, 2)}\n`);
console.log(`Figures written to ${options.outPath}`);
