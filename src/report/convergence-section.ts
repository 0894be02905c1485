/**
 * The report's convergence part: the seed-claims audit, the derivation verdict per step, and plots of
 * the closed forms against the simulators. Every number comes from `src/convergence/` and
 * `src/simulator/`; nothing here evaluates a formula.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ClaimAuditRow } from '../convergence/claims-audit.ts';
import type { StepCheck } from '../convergence/derivation-check.ts';
import { eq12DirtyRateBytesPerMs, eq19DirtyRateBytesPerMs } from '../convergence/dirty-rate-bounds.ts';
import { eq12DowntimeMs, eq19DowntimeMs } from '../convergence/downtime-bounds.ts';
import { criticalTransferMs } from '../convergence/critical-state.ts';
import { maxDirtyRate } from '../convergence/max-dirty-rate.ts';
import { minDowntime } from '../convergence/min-downtime.ts';
import { regimeBoundarySyncMs, regimeOf } from '../convergence/regime.ts';
import { BYTES_PER_MS_PER_GBPS } from '../convergence/seed-claims.ts';
import { dirtyRateThresholds, downtimeThresholds, SEED_VM_MEMORY_BYTES } from '../convergence/threshold-comparison.ts';
import { BANDWIDTH_ESTIMATOR_NAMES } from '../simulator/bandwidth-estimators.ts';
import { simulateTrajectory } from '../simulator/migration-simulator.ts';
import { renderPlot } from './plot.ts';
import { heading, paragraph, type ReportBlock } from './report-document.ts';

/** The seed's first case: B = 15 GB/s, D = 10 GB/s. */
const B = 15 * BYTES_PER_MS_PER_GBPS;
const D = 10 * BYTES_PER_MS_PER_GBPS;
/** The seed's second case's downtime limit. */
const Y_MS = 150;
/** The seed's two sync times, before and after the patch. */
const SEED_SYNC_MS = [73, 12] as const;

/** The lines of the threshold plots, in legend order. */
const SERIES = ['eq. (12), in its regime', 'eq. (12), outside its regime', 'eq. (19), in its regime', 'eq. (19), outside its regime', 'simulated, seed-premises', 'simulated, windowed', 'simulated, windowed-passes'];
const SERIES_COLORS = ['#2563eb', '#93c5fd', '#ea580c', '#fdba74', '#059669', '#7c3aed', '#db2777'];
/** Closed forms are solid inside their regime and dotted, in a lighter shade, outside it. */
const SERIES_DASHES = [[1, 0], [2, 3], [1, 0], [2, 3], [7, 4], [2, 2], [4, 2, 1, 2]];
const LEGEND_TITLE = 'bound or simulator';

/** What the convergence part is built from. */
export interface ConvergenceSectionInput {
  readonly claims: readonly ClaimAuditRow[];
  readonly derivation: readonly StepCheck[];
  /** Sync times to plot (ms). */
  readonly syncTimesMs: readonly number[];
}

const format = (value: number | null, digits = 4): string => (value === null ? 'none' : Number(value.toPrecision(digits)).toString());

/**
 * Builds the convergence part of the report.
 * @param input - the audit, the derivation verdicts, and the sync times to plot
 * @returns the blocks
 */
export async function convergenceSection(input: ConvergenceSectionInput): Promise<ReportBlock[]> {
  return [
    heading(2, 'The convergence argument'),
    paragraph(
      "The cover letter argues, in equations (1)–(19), that a shorter bitmap sync lets a migration converge under a smaller downtime limit. Its closed forms are checked step by step with exact rational arithmetic, and against simulators of the migration as a process in time (from all memory dirty, " +
        `${SEED_VM_MEMORY_BYTES / 2 ** 30} GiB): **seed-premises** applies the letter's own bandwidth estimate R to each simulated iteration; **windowed** measures bandwidth as QEMU does, bytes sent over windows of at least 100 ms that include the sync time, closing windows only at iteration boundaries; **windowed-passes** closes them, as QEMU's loop does, at the first check after a send pass of at most 50 ms.`,
    ),
    ...claimsBlocks(input.claims),
    ...derivationBlocks(input.derivation),
    heading(3, 'Least downtime limit against sync time'),
    { kind: 'figure', id: 'least-downtime', svg: await leastDowntimePlot(input.syncTimesMs), caption: `Least downtime limit y for B = 15 GB/s, D = 10 GB/s. Each closed form is drawn solid in its own regime (eq. (12) right of the regime boundary, eq. (19) left of it) and dotted, lighter, outside it; the seed's two points (x = 73 ms, y > 219 ms; x = 12 ms, y > 27.2 ms) are marked. In the short-iteration regime both windowed simulators need more than (19): a window there holds several syncs and measures D, not the letter's B·(100−x)/100. In the long-iteration regime windowed-passes, whose windows close after QEMU's 50 ms send passes, needs less than (12): windows that end inside a send phase measure close to B.` },
    heading(3, 'Greatest convergent dirty rate against sync time'),
    { kind: 'figure', id: 'max-dirty-rate', svg: await maxDirtyRatePlot(input.syncTimesMs), caption: `Greatest dirty rate that converges with y = ${Y_MS} ms, B = 15 GB/s. With y ≥ 100 ms the supremum is always in eq. (12)'s regime, so eq. (19)'s rates (the letter's 5.35 and 13.75 GB/s) lie outside the regime where (19) is valid and are drawn dotted.` },
    heading(3, 'Pending data per iteration'),
    ...(await pendingBlocks()),
  ];
}

const withUnit = (value: string, unit: string) => (value === 'none' ? 'none converges' : `${value} ${unit}`);

function claimsBlocks(claims: readonly ClaimAuditRow[]): ReportBlock[] {
  const unit = (row: ClaimAuditRow) => (row.claim.quantity === 'dirty-rate-gbps' ? 'GB/s' : 'ms');
  return [
    heading(3, "The cover letter's worked numbers"),
    paragraph('Each claim with its equation, the closed form at its inputs, how the printed number follows from it, the three simulators (in the claim\'s unit), and whether the equation\'s own regime holds there.'),
    {
      kind: 'table',
      columns: ['claim', 'eq.', 'closed form', 'printed as', 'seed-premises', 'windowed', 'windowed-passes', 'regime', 'verdict'],
      rows: claims.map((row) => [
        `\`${row.claim.quote}\``,
        `(${row.claim.equation})`,
        `${format(row.closedForm, 6)} ${unit(row)}`,
        row.match,
        withUnit(format(row.simulated.seedPremises, 6), unit(row)),
        withUnit(format(row.simulated.windowed, 6), unit(row)),
        withUnit(format(row.simulated.windowedPasses, 6), unit(row)),
        `${row.regimeCondition}: ${row.regimeHolds ? 'yes' : '**no**'}`,
        row.verdict === 'reproduced' ? row.verdict : `**${row.verdict}**`,
      ]),
      numeric: [2, 4, 5, 6],
    },
  ];
}

function derivationBlocks(derivation: readonly StepCheck[]): ReportBlock[] {
  return [
    heading(3, 'The derivation, step by step'),
    paragraph('Each step checked on exact rational points satisfying its premises (random, and found by bisecting towards a line\'s boundary), and as a symbolic identity. "Relies on" lists the premises without which the step fails, each shown by a point.'),
    {
      kind: 'table',
      columns: ['step', 'operation', 'verdict', 'points', 'symbolic identity', 'relies on'],
      rows: derivation.map((step) => [
        `(${step.from}) → (${step.to})`,
        step.operation,
        step.verdict === 'equivalence' ? step.verdict : `**${step.verdict}**`,
        `${step.samples} (${step.boundarySamples} at a boundary)`,
        step.symbolic.identity ? `yes, × ${step.symbolic.multiplier}` : 'no',
        step.reliesOn.map((r) => r.premise).join('; ') || '—',
      ]),
    },
  ];
}

/** The series name of a closed form at one point: in or outside its regime. */
const closedSeries = (equation: 12 | 19, inRegime: boolean) => `eq. (${equation}), ${inRegime ? 'in its regime' : 'outside its regime'}`;

async function leastDowntimePlot(syncTimesMs: readonly number[]): Promise<string> {
  const boundary = regimeBoundarySyncMs(B, D);
  // The boundary belongs to both sides, so each closed form's two pieces meet there.
  const closedAt = (x: number) => {
    const long = regimeOf(B, D, x) === 'long-iteration';
    const atBoundary = x === boundary;
    return [
      ...[long, ...(atBoundary ? [!long] : [])].map((inRegime) => ({ x, series: closedSeries(12, inRegime), y: eq12DowntimeMs(B, D, x) })),
      ...(x < 100 ? [!long, ...(atBoundary ? [long] : [])].map((inRegime) => ({ x, series: closedSeries(19, inRegime), y: eq19DowntimeMs(B, D, x) })) : []),
    ];
  };
  const rows = [...syncTimesMs.flatMap((x) => {
    const thresholds = downtimeThresholds(B, D, x);
    const simulated = BANDWIDTH_ESTIMATOR_NAMES.flatMap((name) =>
      thresholds.simulated[name].converges ? [{ x, series: `simulated, ${name}`, y: thresholds.simulated[name].downtimeMs }] : [],
    );
    return [...closedAt(x), ...simulated];
  }), ...(syncTimesMs.includes(boundary) ? [] : closedAt(boundary))];
  const seedPoints = SEED_SYNC_MS.map((x) => ({ x, y: minDowntime(B, D, x).downtimeLimitMs, label: `seed: x = ${x} ms` }));
  return renderPlot(layeredLines(rows, 'bitmap sync time x (ms)', 'least downtime limit y (ms)', boundary, seedPoints, true));
}

async function maxDirtyRatePlot(syncTimesMs: readonly number[]): Promise<string> {
  const gbps = (bytesPerMs: number) => bytesPerMs / BYTES_PER_MS_PER_GBPS;
  const rows = syncTimesMs.filter((x) => x < Y_MS).flatMap((x) => {
    const thresholds = dirtyRateThresholds(B, x, Y_MS);
    const simulated = BANDWIDTH_ESTIMATOR_NAMES.flatMap((name) =>
      thresholds.simulated[name].converges ? [{ x, series: `simulated, ${name}`, y: gbps(thresholds.simulated[name].dirtyRateBytesPerMs) }] : [],
    );
    // Each bound is in its regime when the regime at its own supremum is the one it was derived for.
    const rate12 = eq12DirtyRateBytesPerMs(B, x, Y_MS);
    const closed = [{ x, series: closedSeries(12, rate12 < B && regimeOf(B, rate12, x) === 'long-iteration'), y: gbps(rate12) }];
    if (x < 100) {
      const rate19 = eq19DirtyRateBytesPerMs(B, x, Y_MS);
      closed.push({ x, series: closedSeries(19, rate19 < B && regimeOf(B, rate19, x) === 'short-iteration'), y: gbps(rate19) });
    }
    return [...closed, ...simulated];
  });
  const seedPoints = SEED_SYNC_MS.map((x) => ({ x, y: gbps(maxDirtyRate(B, x, Y_MS).dirtyRateBytesPerMs), label: `seed: x = ${x} ms` }));
  return renderPlot(layeredLines(rows, 'bitmap sync time x (ms)', `greatest convergent dirty rate D (GB/s), y = ${Y_MS} ms`, undefined, seedPoints, false));
}

async function pendingBlocks(): Promise<ReportBlock[]> {
  const trajectories = SEED_SYNC_MS.map((x) => ({
    x,
    records: simulateTrajectory({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x, memoryBytes: SEED_VM_MEMORY_BYTES }, 'windowed', 40),
  }));
  const rows = trajectories.flatMap(({ x, records }) => records.map((it) => ({ iteration: it.index + 1, pendingGB: it.pendingBytes / 1e9, series: `x = ${x} ms` })));
  const settled = trajectories.map(({ x, records }) => {
    const last = records[records.length - 1];
    return `with x = ${x} ms it settles at ${format(last.sendMs)} ms of sending per iteration (${format(last.pendingBytes / 1e9)} GB; eq. (2) gives t* = ${format(criticalTransferMs(B, D, x))} ms)`;
  });
  const spec: TopLevelSpec = {
    width: 560,
    height: 280,
    data: { values: rows },
    mark: { type: 'line', point: { size: 18 } },
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iteration' },
      y: { field: 'pendingGB', type: 'quantitative', scale: { type: 'log' }, title: 'pending data at the iteration\'s sync (GB, log scale)' },
      color: { field: 'series', type: 'nominal', title: 'bitmap sync time x' },
    },
  };
  return [
    { kind: 'figure', id: 'pending-per-iteration', svg: await renderPlot(spec), caption: `Data each iteration sends (what its sync found dirty), B = 15 GB/s, D = 10 GB/s, from ${SEED_VM_MEMORY_BYTES / 2 ** 30} GiB all dirty: ${settled.join('; ')}.` },
  ];
}

/** Lines per series, a dashed rule at the regime boundary, and the seed's points as labelled dots. */
function layeredLines(
  rows: readonly { x: number; series: string; y: number }[],
  xTitle: string,
  yTitle: string,
  boundaryMs: number | undefined,
  seedPoints: readonly { x: number; y: number; label: string }[],
  logY: boolean,
): TopLevelSpec {
  const layers: unknown[] = [
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: xTitle },
        y: { field: 'y', type: 'quantitative', title: yTitle, scale: logY ? { type: 'log', domain: [1, 2000], clamp: true } : { zero: true } },
        color: { field: 'series', type: 'nominal', title: LEGEND_TITLE, scale: { domain: SERIES, range: SERIES_COLORS } },
        strokeDash: { field: 'series', type: 'nominal', title: LEGEND_TITLE, scale: { domain: SERIES, range: SERIES_DASHES } },
      },
    },
    {
      data: { values: seedPoints },
      layer: [
        { mark: { type: 'point', filled: true, size: 80, color: 'black' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
        { mark: { type: 'text', dx: 8, dy: -8, align: 'left', fontSize: 11 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    },
  ];
  if (boundaryMs !== undefined) {
    layers.push({
      data: { values: [{ x: boundaryMs, label: `regime boundary x = ${format(boundaryMs)} ms` }] },
      layer: [
        { mark: { type: 'rule', strokeDash: [4, 4], color: '#6b7280' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
        { mark: { type: 'text', align: 'left', dx: 4, y: 8, fontSize: 11, color: '#374151' }, encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    });
  }
  return { width: 560, height: 320, layer: layers } as TopLevelSpec;
}
