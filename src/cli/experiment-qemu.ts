/**
 * `npm run experiment:qemu [-- --plan sweep|lost-writes|all] [--quick] [--out DIR] [--qemu PATH]`: migrates the
 * project's guest between two QEMU processes on this host and writes the traces as JSON
 * (default `data/qemu-experiment/`). Without `qemu-system-x86_64` it says how to install it and exits 0,
 * so it never fails a machine that only runs the tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { comparisonText } from '../experiment/comparison-text.ts';
import { lostWritesPlan, sweepPlan } from '../experiment/experiment-plan.ts';
import { formatExperimentTrace, type ExperimentRun, type ExperimentTrace } from '../experiment/experiment-trace.ts';
import { assembleGuest } from '../experiment/guest-image.ts';
import { machineFacts } from '../experiment/machine-facts.ts';
import { runMigration, type MigrationRunSettings } from '../experiment/migration-run.ts';
import { agreementFigures, calibrateModel, compareRun, WORKLOAD_SOURCES } from '../experiment/model-comparison.ts';
import { repeatabilityFigures } from '../experiment/repeatability.ts';
import { DEFAULT_QEMU_BINARY, missingQemuHint } from '../experiment/qemu-availability.ts';
import { startQemu } from '../experiment/qemu-process.ts';
import { QmpClient } from '../experiment/qmp-client.ts';

const USAGE = `usage: npm run experiment:qemu -- [--plan all|sweep|lost-writes] [--quick] [--out DIR] [--qemu PATH]

Migrates this project's guest between two QEMU processes (TCG) over a UNIX socket and writes the
traces to DIR (default data/qemu-experiment): sweep.json (48 points, each twice) and
lost-writes.json (15 runs). --quick runs 7 sweep points and 3 lost-writes runs into *-quick.json files.`;

function describe(run: ExperimentRun): string {
  const lost = run.destination === null ? 'not checked' : `${run.destination.lostWrites} lost writes in ${run.destination.roundsChecked} checked rounds`;
  return `${run.id}: ${run.outcome} after ${run.final.totalTimeMs} ms, ${run.final.dirtySyncCount} syncs, downtime ${run.final.downtimeMs ?? '-'} ms; calc-dirty-rate ${run.calcDirtyRate.map((m) => `${m.mode} ${m.dirtyRateMiBPerS ?? m.error}`).join(', ')} MiB/s; guest ${run.measuredWritePagesPerS} pages/s; ${lost}; load ${run.loadavgBefore[0]}`;
}

async function record(qemuBinary: string, plan: MigrationRunSettings[], purpose: string, out: string, name: string, image: Buffer): Promise<ExperimentTrace> {
  const runs: ExperimentRun[] = [];
  let version = { qemu: 'unknown', package: '' };
  for (const [index, settings] of plan.entries()) {
    const run = await runMigration(settings, { qemuBinary, guestImage: image });
    runs.push(run);
    console.log(`[${index + 1}/${plan.length}] ${describe(run)}`);
  }
  // The version as QEMU's own QMP greeting states it.
  const directory = mkdtempSync(join(tmpdir(), 'dso-version-'));
  try {
    const socket = join(directory, 'qmp.sock');
    const qemu = startQemu(qemuBinary, ['-nodefaults', '-machine', 'none', '-display', 'none', '-qmp', `unix:${socket},server=on,wait=off`], 20_000);
    const client = await QmpClient.connect(socket, 10_000);
    version = { qemu: client.version.qemu, package: client.version.package };
    client.close();
    await qemu.stop();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const trace: ExperimentTrace = {
    format: 'dirty-sync-oracle/qemu-experiment/1',
    purpose,
    recordedAt: new Date().toISOString(),
    qemu: { version: version.qemu, package: version.package, accelerator: 'tcg', machine: 'pc' },
    host: { ...machineFacts(), note: 'each run carries the host\'s load averages before and after it' },
    runs,
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.json`), formatExperimentTrace(trace));
  console.log(`wrote ${join(out, `${name}.json`)} (${runs.length} runs)`);
  return trace;
}

/** Prints how the loop model agrees with a freshly recorded sweep, as the committed one is shown in the docs. */
function printAgreement(sweep: ExperimentTrace): void {
  try {
    const calibration = calibrateModel(sweep.runs);
    const agreements = WORKLOAD_SOURCES.map((source) => [source, agreementFigures(sweep.runs.map((run) => compareRun(run, calibration, source)))] as const);
    for (const line of comparisonText(calibration, agreements, repeatabilityFigures(sweep.runs))) console.log(line);
  } catch (error) {
    // A quick sweep may hold no completed run to calibrate on: that is a result, not a failure.
    console.log(`no comparison with the loop model: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      plan: { type: 'string', default: 'all' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: 'data/qemu-experiment' },
      qemu: { type: 'string', default: DEFAULT_QEMU_BINARY },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const plan = values.plan ?? 'all';
  if (!['all', 'sweep', 'lost-writes'].includes(plan)) {
    console.error(`experiment:qemu: --plan must be one of all, sweep, lost-writes, got ${JSON.stringify(plan)}`);
    return 2;
  }
  const qemuBinary = values.qemu ?? DEFAULT_QEMU_BINARY;
  const hint = missingQemuHint(qemuBinary);
  if (hint !== null) {
    for (const line of hint) console.log(line);
    return 0;
  }
  const out = resolve(values.out ?? 'data/qemu-experiment');
  const work = mkdtempSync(join(tmpdir(), 'dso-guest-'));
  try {
    const image = await assembleGuest(work);
    const quick = values.quick ?? false;
    if (plan === 'all' || plan === 'sweep') {
      // Every point twice, so the comparison can say how well QEMU agrees with itself.
      const runs = sweepPlan(quick ? 6000 : 12_000, quick ? 1 : 2);
      const sweep = await record(qemuBinary, quick ? runs.filter((_, i) => i % 7 === 0) : runs, 'sweep of max-bandwidth × downtime-limit × working set × guest write rate', out, quick ? 'sweep-quick' : 'sweep', image);
      printAgreement(sweep);
    }
    if (plan === 'all' || plan === 'lost-writes') {
      await record(qemuBinary, lostWritesPlan(quick ? 1 : 5, 10_000), 'lost writes after migration: working sets inside and outside the TCG TLB', out, quick ? 'lost-writes-quick' : 'lost-writes', image);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`experiment:qemu: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
