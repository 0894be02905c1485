/**
 * `dirty-sync-oracle simulate`: one migration in QEMU's loop per sync cost, or, without a dirty rate,
 * the greatest constant dirty rate that completes: with `--implementation qemu-pre-patch,qemu-landed`
 * that answers how much more dirty rate converges after e8a6d158.
 */
import { rangeError } from '../check.ts';
import { readCalcDirtyRate } from '../dirty-curve/calc-dirty-rate.ts';
import { dirtyCurveOf } from '../dirty-curve/dirty-curve.ts';
import type { LoopParameters } from '../simulator/qemu-loop/loop-parameters.ts';
import { loopGreatestDirtyRate } from '../simulator/qemu-loop/loop-search.ts';
import type { LoopOutcome } from '../simulator/qemu-loop/loop-trace.ts';
import { simulateQemuLoop } from '../simulator/qemu-loop/migration-loop.ts';
import { DEFAULT_MAX_BANDWIDTH_BYTES_PER_SECOND } from '../simulator/qemu-loop/rate-limit.ts';
import { LOOP_RULE_SET_NAMES, type LoopRuleSetName } from '../simulator/qemu-loop/rule-sets.ts';
import type { SyncCostSpec } from '../simulator/qemu-loop/sync-cost.ts';
import { DEFAULT_AUTO_CONVERGE } from '../simulator/qemu-loop/throttle.ts';
import type { WorkloadSpec } from '../simulator/qemu-loop/workloads.ts';
import type { CliCommand } from './cli-command.ts';
import { memoryOption, QUANTITY_OPTIONS, type QuantityValues, requiredQuantity } from './command-options.ts';
import { formatGBps, formatGiB, formatMs, toBytesPerSecond } from './number-format.ts';
import { readJsonFile } from './predict-command.ts';
import { CLI_NAME, parseQuantity } from './quantity.ts';

const PAGE_BYTES = 4096;

function syncCosts(values: QuantityValues): { label: string; spec: SyncCostSpec }[] {
  if (typeof values.implementation === 'string') {
    return values.implementation.split(',').map((name) => {
      const implementation = name.trim();
      if (implementation !== 'qemu-pre-patch' && implementation !== 'qemu-landed') throw rangeError(CLI_NAME, '--implementation', 'qemu-pre-patch, qemu-landed or both, comma-separated', implementation);
      return { label: implementation, spec: { kind: 'implementation', implementation } };
    });
  }
  const syncMs = requiredQuantity(values, 'sync');
  if (typeof values['sync-per-page'] === 'string') {
    const perPageMs = parseQuantity('--sync-per-page', values['sync-per-page'], 'duration');
    return [{ label: `x = ${formatMs(syncMs)} + ${perPageMs} ms/page`, spec: { kind: 'linear', baseMs: syncMs, perPageMs } }];
  }
  return [{ label: `x = ${formatMs(syncMs)}`, spec: { kind: 'constant', syncMs } }];
}

function maxBandwidth(values: QuantityValues): number {
  const text = values['max-bandwidth'];
  if (typeof text !== 'string') return DEFAULT_MAX_BANDWIDTH_BYTES_PER_SECOND;
  if (text.trim() === '0' || text.trim() === 'unlimited') return 0;
  return toBytesPerSecond(parseQuantity('--max-bandwidth', text, 'bandwidth'));
}

function workloadOf(values: QuantityValues, memoryBytes: number): { workload: WorkloadSpec; memoryBytes: number; label: string } | null {
  if (typeof values['dirty-curve'] === 'string') {
    const curve = dirtyCurveOf(readCalcDirtyRate(readJsonFile(values['dirty-curve'])));
    return { workload: { kind: 'measured', curve }, memoryBytes: curve.totalPages * curve.pageSizeBytes, label: `measured curve ${values['dirty-curve']}` };
  }
  if (typeof values['dirty-rate'] !== 'string') return null;
  const dirtyRateBytesPerMs = requiredQuantity(values, 'dirty-rate');
  if (typeof values['working-set'] === 'string') {
    const setBytes = parseQuantity('--working-set', values['working-set'], 'size');
    return { workload: { kind: 'working-set', workingSetPages: Math.round(setBytes / PAGE_BYTES), dirtyRatePagesPerSecond: (dirtyRateBytesPerMs * 1000) / PAGE_BYTES }, memoryBytes, label: `working set ${formatGiB(setBytes)} written at ${formatGBps(dirtyRateBytesPerMs)}` };
  }
  return { workload: { kind: 'constant', dirtyRateBytesPerMs }, memoryBytes, label: `constant ${formatGBps(dirtyRateBytesPerMs)}` };
}

function outcomeJson(label: string, run: LoopOutcome, withTrace: boolean): object {
  return {
    sync: label, converged: run.converged, totalTimeMs: run.totalTimeMs, downtimeMs: run.downtimeMs, downtimeLimitMs: run.downtimeLimitMs,
    finalSyncMs: run.finalSyncMs, dirtySyncCount: run.dirtySyncCount, passes: run.passes, sentBytes: run.sentBytes,
    expectedDowntimeMs: run.expectedDowntimeMs, throttlePercent: run.throttlePercent, ...(withTrace ? { trace: run.trace } : {}),
  };
}

const cell = (value: number | null, unit: string) => (value === null ? '-' : `${value.toFixed(1)} ${unit}`);

/**
 * Runs the subcommand.
 * @param values - parsed options (see the usage text)
 * @returns the text to print
 * @throws RangeError/TypeError for a missing or invalid option
 */
export function runSimulate(values: QuantityValues): string {
  const linkBytesPerMs = requiredQuantity(values, 'bandwidth');
  const downtimeLimitMs = requiredQuantity(values, 'downtime');
  const rules = (typeof values.rules === 'string' ? values.rules : 'qemu-today') as LoopRuleSetName;
  if (!LOOP_RULE_SET_NAMES.includes(rules)) throw rangeError(CLI_NAME, '--rules', `one of ${LOOP_RULE_SET_NAMES.join(', ')}`, rules);
  const costs = syncCosts(values);
  const chosen = workloadOf(values, memoryOption(values));
  const memoryBytes = chosen?.memoryBytes ?? memoryOption(values);
  const maxBandwidthBytesPerSecond = maxBandwidth(values);
  const base: LoopParameters = {
    memoryBytes, linkBandwidthBytesPerMs: linkBytesPerMs, maxBandwidthBytesPerSecond, downtimeLimitMs, ruleSet: rules,
    availSwitchoverBandwidthBytesPerSecond: typeof values['avail-switchover-bandwidth'] === 'string' ? toBytesPerSecond(parseQuantity('--avail-switchover-bandwidth', values['avail-switchover-bandwidth'], 'bandwidth')) : 0,
    autoConverge: values['auto-converge'] === true ? DEFAULT_AUTO_CONVERGE : null,
    firstSendBandwidthBytesPerMs: typeof values['first-send-bandwidth'] === 'string' ? parseQuantity('--first-send-bandwidth', values['first-send-bandwidth'], 'bandwidth') : linkBytesPerMs,
    switchoverCostMs: typeof values['switchover-cost'] === 'string' ? parseQuantity('--switchover-cost', values['switchover-cost'], 'duration') : 0,
    zeroPages: typeof values['zero-memory'] === 'string' ? Math.floor(parseQuantity('--zero-memory', values['zero-memory'], 'size') / PAGE_BYTES) : 0,
    setupCostMs: typeof values['setup-cost'] === 'string' ? parseQuantity('--setup-cost', values['setup-cost'], 'duration') : 0,
    workload: chosen?.workload ?? { kind: 'constant', dirtyRateBytesPerMs: 0 }, syncCost: costs[0].spec,
  };
  const heading = `link ${formatGBps(linkBytesPerMs)}, max-bandwidth ${maxBandwidthBytesPerSecond === 0 ? 'unlimited' : formatGBps(maxBandwidthBytesPerSecond / 1000)}, downtime limit ${formatMs(downtimeLimitMs)}, rules ${rules}${base.autoConverge ? ', auto-converge' : ''}; ${formatGiB(memoryBytes)} guest`;
  if (chosen === null) {
    // No workload: search the greatest constant dirty rate that completes, per sync cost.
    const found = costs.map(({ label, spec }) => ({ label, found: loopGreatestDirtyRate({ ...base, syncCost: spec }) }));
    if (values.json === true) return JSON.stringify({ command: 'simulate', search: 'greatest-dirty-rate', rows: found.map(({ label, found: f }) => ({ sync: label, converges: f.converges, dirtyRateBytesPerSecond: f.converges ? toBytesPerSecond(f.edge) : null, intervals: f.intervals })) }, null, 2);
    return [heading, '', 'greatest constant dirty rate that completes in QEMU\'s loop', ...found.map(({ label, found: f }) => `  ${label.padEnd(32)}${f.converges ? formatGBps(f.edge) : 'none'}${f.intervals > 1 ? ` (not monotone: ${f.intervals} intervals)` : ''}`)].join('\n');
  }
  const runs = costs.map(({ label, spec }) => ({ label, run: simulateQemuLoop({ ...base, syncCost: spec, trace: values.trace === true }) }));
  if (values.json === true) return JSON.stringify({ command: 'simulate', workload: chosen.label, runs: runs.map(({ label, run }) => outcomeJson(label, run, values.trace === true)) }, null, 2);
  const lines = [`${heading}, workload ${chosen.label}`, '', `${'sync'.padEnd(24)}${'completed'.padEnd(11)}${'total time'.padEnd(14)}${'real downtime'.padEnd(15)}${'final sync'.padEnd(12)}${'dirty syncs'.padEnd(13)}${'passes'.padEnd(8)}expected-downtime`];
  for (const { label, run } of runs) {
    lines.push(`${label.padEnd(24)}${(run.converged ? 'yes' : 'no').padEnd(11)}${cell(run.totalTimeMs, 'ms').padEnd(14)}${cell(run.downtimeMs, 'ms').padEnd(15)}${cell(run.finalSyncMs, 'ms').padEnd(12)}${String(run.dirtySyncCount).padEnd(13)}${String(run.passes).padEnd(8)}${run.expectedDowntimeMs === null ? '-' : `${run.expectedDowntimeMs} ms`}`);
  }
  if (values.trace === true) {
    for (const { label, run } of runs) {
      lines.push('', `trace, ${label}: time (ms), pending (bytes), estimate (bytes), threshold (bytes), syncs, passes, expected-downtime (ms)`);
      for (const row of run.trace) lines.push(`  ${row.timeMs.toFixed(3)} ${Math.round(row.pendingBytes)} ${Math.round(row.estimateBytes)} ${Math.round(row.thresholdBytes)} ${row.syncs} ${row.passes} ${row.expectedDowntimeMs ?? '-'}`);
    }
  }
  return lines.join('\n');
}

/** The `simulate` subcommand. */
export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: "one migration in QEMU's loop: completion, total time, real downtime, dirty syncs; or the greatest dirty rate that completes",
  details: 'Without --dirty-rate or --dirty-curve it searches the greatest constant dirty rate that completes,\nper sync cost: --implementation qemu-pre-patch,qemu-landed compares before and after e8a6d158.',
  options: {
    bandwidth: { ...QUANTITY_OPTIONS.bandwidth, description: 'link bandwidth, e.g. "15 GB/s"' },
    downtime: QUANTITY_OPTIONS.downtime,
    'dirty-rate': { ...QUANTITY_OPTIONS['dirty-rate'], required: false, description: 'constant dirty rate (or the write rate of --working-set), e.g. "10 GB/s"' },
    'working-set': { type: 'string', valueName: 'size', description: 'pages written uniformly at --dirty-rate, e.g. "64 GiB"' },
    'dirty-curve': { type: 'string', valueName: 'file', description: 'a calc-dirty-rate JSON measurement as the workload (sets the guest size)' },
    sync: { ...QUANTITY_OPTIONS.sync, required: false, description: 'sync time x, e.g. "73 ms" (or the base with --sync-per-page)' },
    'sync-per-page': { type: 'string', valueName: 'duration', description: 'sync time per page harvested, added to --sync' },
    implementation: { type: 'string', valueName: 'names', description: 'sync cost derived from qemu-pre-patch and/or qemu-landed, comma-separated' },
    memory: QUANTITY_OPTIONS.memory,
    'max-bandwidth': { type: 'string', valueName: 'bandwidth', description: 'QEMU max-bandwidth, or 0 for none (default 128 MiB/s)' },
    'avail-switchover-bandwidth': { type: 'string', valueName: 'bandwidth', description: 'QEMU avail-switchover-bandwidth (default: use the estimate)' },
    'first-send-bandwidth': { type: 'string', valueName: 'bandwidth', description: 'bandwidth for pages the destination receives for the first time (default --bandwidth)' },
    'zero-memory': { type: 'string', valueName: 'size', description: 'RAM that holds only zeros and is never written: pending, but sent as 9-byte headers (default 0)' },
    'setup-cost': { type: 'string', valueName: 'duration', description: 'setup phase besides the setup sync: RAMBlock list, device setup (default 0 ms)' },
    'switchover-cost': { type: 'string', valueName: 'duration', description: 'downtime spent besides the final sync and the last send: device state, stopping vCPUs (default 0 ms)' },
    rules: { type: 'string', valueName: 'rule-set', description: 'qemu-today (default), qemu-7.2 or every-drain' },
    'auto-converge': { type: 'boolean', description: "auto-converge with QEMU's default throttle settings" },
    trace: { type: 'boolean', description: 'print (or include in JSON) one row per turn of the loop' },
    json: QUANTITY_OPTIONS.json,
  },
  examples: [
    'simulate --bandwidth "15 GB/s" --downtime "150 ms" --implementation qemu-pre-patch,qemu-landed --max-bandwidth 0',
    'simulate --bandwidth "15 GB/s" --downtime "150 ms" --sync "73 ms" --dirty-rate "8 GB/s" --max-bandwidth 0 --json',
  ],
  run: ({ values }) => runSimulate(values),
};
