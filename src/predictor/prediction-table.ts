/**
 * The predictor's table: predicted migration time for each bandwidth (rows) and downtime limit
 * (columns), laid out as `scripts/predict_migration.py predict` prints it, trailing blanks dropped.
 */
import { requireFinite } from '../check.ts';
import type { DirtyCurve } from '../dirty-curve/dirty-curve.ts';
import { predictMigrationMs } from './predict-migration.ts';

/** A bandwidth row: its label and value. */
export interface BandwidthRow {
  /** As printed, e.g. `"2.5 Gbps"`. */
  readonly label: string;
  /** Bytes per second. */
  readonly bytesPerSecond: number;
}

/**
 * A bandwidth in the script's units: "X Gbps" is X·1024³/8 bytes/s, "X Mbps" X·1024²/8.
 * @param value - the number of units
 * @param unit - `Gbps` or `Mbps`
 * @returns the row
 */
export function bandwidthRow(value: number, unit: 'Gbps' | 'Mbps'): BandwidthRow {
  requireFinite('bandwidthRow', 'value', value, { gt: 0 });
  return { label: `${value} ${unit}`, bytesPerSecond: (value * (unit === 'Gbps' ? 1024 ** 3 : 1024 ** 2)) / 8 };
}

/** The script's rows: 100 Mbps, 1, 2, 2.5, 5, 10, 25 and 40 Gbps. */
export const DEFAULT_BANDWIDTH_ROWS: readonly BandwidthRow[] = [bandwidthRow(100, 'Mbps'), ...[1, 2, 2.5, 5, 10, 25, 40].map((value) => bandwidthRow(value, 'Gbps'))];

/** The script's columns: 125, 250, 500, 1000 and 5000 ms, and no limit (Infinity). */
export const DEFAULT_DOWNTIME_COLUMNS_MS: readonly number[] = [125, 250, 500, 1000, 5000, Number.POSITIVE_INFINITY];

/** One computed table. */
export interface PredictionTable {
  readonly bandwidths: readonly BandwidthRow[];
  readonly downtimesMs: readonly number[];
  /** `cellsMs[row][column]`: predicted time (ms), or null when it does not converge. */
  readonly cellsMs: readonly (readonly (number | null)[])[];
}

/**
 * Predicts every cell.
 * @param curve - the guest's dirty-page curve
 * @param bandwidths - the rows
 * @param downtimesMs - the columns (ms; Infinity for no limit)
 * @returns the table
 */
export function predictionTable(curve: DirtyCurve, bandwidths: readonly BandwidthRow[] = DEFAULT_BANDWIDTH_ROWS, downtimesMs: readonly number[] = DEFAULT_DOWNTIME_COLUMNS_MS): PredictionTable {
  return { bandwidths, downtimesMs, cellsMs: bandwidths.map((row) => downtimesMs.map((downtimeMs) => predictMigrationMs(curve, row.bytesPerSecond, downtimeMs))) };
}

/**
 * A predicted time as the script prints it: whole seconds rounded up, `1m05s` past a minute, `-` for none.
 * @param ms - predicted time (ms), or null
 * @returns the text
 */
export function formatEta(ms: number | null): string {
  if (ms === null) return '-';
  const totalSeconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return minutes > 0 ? `${minutes}m${String(seconds).padStart(2, '0')}s` : `${seconds}s`;
}

/**
 * Renders the table as the script does: a header of downtimes, a rule of dashes, one row per bandwidth.
 * @param table - the computed table
 * @returns the lines joined with newlines
 */
export function renderPredictionTable(table: PredictionTable): string {
  const header = `Downtime> |${table.downtimesMs.map((ms) => `  ${(Number.isFinite(ms) ? `${ms}ms` : 'unlim').padStart(7)} |`).join('')}`;
  const rows = table.bandwidths.map((row, r) => `${row.label.padStart(9)} |  ${table.cellsMs[r].map((ms) => `${formatEta(ms).padStart(7)} |`).join('  ')}`);
  return [header, '-'.repeat(header.length), ...rows].join('\n');
}
