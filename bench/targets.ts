/**
 * Issue 5's targets, checked against figures from the same run. A target is stated at 64 Mi pages; a
 * quick run checks it at its largest size instead and says so.
 */
import type { SimulatorFigures } from './simulator.bench.ts';
import type { BenchPlan } from './bench-plan.ts';
import { FLOOR_NAME } from './sync-contestants.ts';
import { findCase, type SyncSpeedFigures } from './sync-speed.bench.ts';
import { formatFigure, formatPages, type TextTable } from './text-table.ts';

/** Whether a target holds in this run. */
export type TargetStatus = 'PASS' | 'NOT MET' | 'NOT MEASURED';

/** One target as checked in this run. */
export interface TargetCheck {
  /** What the issue asks, in words. */
  readonly target: string;
  /** Where it was measured: size, density, alignment. */
  readonly where: string;
  /** The measured figure (a ratio or milliseconds), or null when not measured. */
  readonly measured: number | null;
  /** The bound it must meet. */
  readonly bound: string;
  /** The verdict. */
  readonly status: TargetStatus;
}

/** `wordwise` at least this many times faster than `reference` (64 Mi, 10 %, misaligned). */
export const MIN_SPEEDUP_OVER_REFERENCE = 40;
/** `wordwise` misaligned at most this many times the floor kernel's time. */
export const MAX_RATIO_TO_FLOOR = 2;
/** `wordwise` misaligned at most this many times its aligned time. */
export const MAX_MISALIGNED_TO_ALIGNED = 1.3;
/** A threshold search under this many milliseconds. */
export const MAX_THRESHOLD_SEARCH_MS = 50;

/**
 * Checks every target against this run's figures.
 * @param figures - question 1's figures from this run
 * @param plan - the plan of this run
 * @param simulators - question 3's figures from this run
 * @returns one check per target and density, and one for the slowest threshold search
 */
export function checkTargets(figures: SyncSpeedFigures, plan: BenchPlan, simulators: SimulatorFigures): TargetCheck[] {
  const pages = plan.targetPages;
  const checks: TargetCheck[] = [];
  const at = (densityPercent: number, alignment: string): string => `${formatPages(pages)} pages, ${densityPercent} %, ${alignment}`;

  const target = findCase(figures, pages, 10, 'misaligned');
  if (target !== undefined) {
    const speedup = target.tasks.reference.medianMs / target.tasks.wordwise.medianMs;
    checks.push({
      target: 'wordwise faster than reference',
      where: at(10, 'misaligned'),
      measured: speedup,
      bound: `>= ${MIN_SPEEDUP_OVER_REFERENCE}×`,
      status: speedup >= MIN_SPEEDUP_OVER_REFERENCE ? 'PASS' : 'NOT MET',
    });
  }
  // The issue names no density for the floor and aligned targets, so each measured density is checked.
  for (const misaligned of figures.cases.filter((c) => c.pages === pages && c.alignment === 'misaligned')) {
    const ratio = misaligned.tasks.wordwise.medianMs / misaligned.tasks[FLOOR_NAME].medianMs;
    checks.push({
      target: 'wordwise misaligned within 2× of the floor',
      where: at(misaligned.densityPercent, 'misaligned'),
      measured: ratio,
      bound: `<= ${MAX_RATIO_TO_FLOOR}×`,
      status: ratio <= MAX_RATIO_TO_FLOOR ? 'PASS' : 'NOT MET',
    });
  }
  for (const misaligned of figures.cases.filter((c) => c.pages === pages && c.alignment === 'misaligned')) {
    const aligned = findCase(figures, pages, misaligned.densityPercent, 'aligned');
    if (aligned === undefined) continue;
    const ratio = misaligned.tasks.wordwise.medianMs / aligned.tasks.wordwise.medianMs;
    checks.push({
      target: 'wordwise misaligned within 1.3× of aligned',
      where: at(misaligned.densityPercent, 'misaligned vs aligned'),
      measured: ratio,
      bound: `<= ${MAX_MISALIGNED_TO_ALIGNED}×`,
      status: ratio <= MAX_MISALIGNED_TO_ALIGNED ? 'PASS' : 'NOT MET',
    });
  }
  const slowest = simulators.searches.reduce((a, b) => (b.timing.medianMs > a.timing.medianMs ? b : a));
  checks.push({
    target: 'threshold search',
    where: `slowest of ${simulators.searches.length}: ${slowest.search} (${slowest.estimator})`,
    measured: slowest.timing.medianMs,
    bound: `< ${MAX_THRESHOLD_SEARCH_MS} ms`,
    status: slowest.timing.medianMs < MAX_THRESHOLD_SEARCH_MS ? 'PASS' : 'NOT MET',
  });
  return checks;
}

/**
 * The targets as a table.
 * @param checks - the checks
 * @param plan - the plan, to flag a quick run
 * @returns the table
 */
export function targetTable(checks: readonly TargetCheck[], plan: BenchPlan): TextTable {
  return {
    title: 'Targets',
    columns: ['target', 'where', 'measured', 'bound', 'status'],
    rows: checks.map((check) => [
      check.target,
      check.where,
      check.measured === null ? '-' : `${formatFigure(check.measured)}${check.bound.endsWith('ms') ? ' ms' : '×'}`,
      check.bound,
      check.status,
    ]),
    notes:
      plan.mode === 'quick'
        ? [`Quick run: checked at ${formatPages(plan.targetPages)} pages; the targets are stated at 64 Mi pages (run without --quick).`]
        : ['Ratios of median times measured in this run.'],
  };
}
