/**
 * `dirty-sync-oracle predict --dirty-curve FILE`: the migration-time table of
 * `scripts/predict_migration.py` (bandwidth × downtime limit) for a `calc-dirty-rate` measurement.
 */
import { readFileSync } from 'node:fs';
import { rangeError } from '../check.ts';
import { readCalcDirtyRate } from '../dirty-curve/calc-dirty-rate.ts';
import { dirtyCurveOf } from '../dirty-curve/dirty-curve.ts';
import { bandwidthRow, type BandwidthRow, DEFAULT_BANDWIDTH_ROWS, DEFAULT_DOWNTIME_COLUMNS_MS, predictionTable, renderPredictionTable } from '../predictor/prediction-table.ts';
import type { CliCommand } from './cli-command.ts';
import { QUANTITY_OPTIONS, type QuantityValues } from './command-options.ts';
import { CLI_NAME } from './quantity.ts';

/**
 * Reads and parses a `calc-dirty-rate` JSON file.
 * @param path - the file
 * @returns the parsed object
 * @throws RangeError when the file cannot be read or is not JSON
 */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw rangeError(CLI_NAME, '--dirty-curve', `a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, path);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw rangeError(CLI_NAME, '--dirty-curve', 'a JSON file', path);
  }
}

function bandwidthList(text: string): BandwidthRow[] {
  return text.split(',').map((item) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(Gbps|Mbps)\s*$/.exec(item);
    if (match === null || Number(match[1]) <= 0) throw rangeError(CLI_NAME, '--bandwidths', 'a comma-separated list like "1 Gbps,2.5 Gbps,100 Mbps"', item.trim());
    return bandwidthRow(Number(match[1]), match[2] as 'Gbps' | 'Mbps');
  });
}

function downtimeList(text: string): number[] {
  return text.split(',').map((item) => {
    const trimmed = item.trim();
    if (trimmed === 'unlim') return Number.POSITIVE_INFINITY;
    const match = /^(\d+)\s*ms$/.exec(trimmed);
    if (match === null) throw rangeError(CLI_NAME, '--downtimes', 'a comma-separated list of whole ms or "unlim", like "125ms,300ms,unlim"', trimmed);
    return Number(match[1]);
  });
}

/**
 * Runs the subcommand.
 * @param values - parsed options: `dirty-curve`, optional `bandwidths`, `downtimes`, `json`
 * @returns the text to print
 * @throws RangeError/TypeError for a missing or invalid option or measurement
 */
export function runPredict(values: QuantityValues): string {
  const path = values['dirty-curve'];
  if (typeof path !== 'string') throw rangeError(CLI_NAME, '--dirty-curve', 'given (a calc-dirty-rate JSON file)', path);
  const curve = dirtyCurveOf(readCalcDirtyRate(readJsonFile(path)));
  const bandwidths = typeof values.bandwidths === 'string' ? bandwidthList(values.bandwidths) : DEFAULT_BANDWIDTH_ROWS;
  const downtimesMs = typeof values.downtimes === 'string' ? downtimeList(values.downtimes) : DEFAULT_DOWNTIME_COLUMNS_MS;
  const table = predictionTable(curve, bandwidths, downtimesMs);
  if (values.json === true) {
    return JSON.stringify({
      command: 'predict',
      pageSizeBytes: curve.pageSizeBytes,
      totalPages: curve.totalPages,
      zeroPages: curve.zeroPages,
      rows: table.bandwidths.map((row, r) => ({
        bandwidth: row.label,
        bandwidthBytesPerSecond: row.bytesPerSecond,
        cells: table.downtimesMs.map((downtimeMs, c) => ({ downtimeMs: Number.isFinite(downtimeMs) ? downtimeMs : null, migrationMs: table.cellsMs[r][c] })),
      })),
    }, null, 2);
  }
  return renderPredictionTable(table);
}

/** The `predict` subcommand. */
export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'migration time per bandwidth and downtime limit, by the rules of predict_migration.py (2023)',
  details: 'Reads a calc-dirty-rate result with a vector of periods (page-size, periods, n-dirty-pages,\nn-sampled-pages, n-zero-pages, n-total-pages) and prints the script\'s table; "-" does not converge.',
  options: {
    'dirty-curve': { type: 'string', valueName: 'file', required: true, description: 'calc-dirty-rate JSON file' },
    bandwidths: { type: 'string', valueName: 'list', description: 'rows, e.g. "1 Gbps,2.5 Gbps,100 Mbps" (X Gbps = X*1024^3/8 bytes/s; default 100 Mbps to 40 Gbps)' },
    downtimes: { type: 'string', valueName: 'list', description: 'columns in whole ms or unlim, e.g. "125ms,300ms,unlim" (default 125, 250, 500, 1000, 5000 ms, unlim)' },
    json: QUANTITY_OPTIONS.json,
  },
  examples: ['predict --dirty-curve examples/dirty-curves/sample.json', 'predict --dirty-curve dirty.json --bandwidths "10 Gbps" --downtimes "300ms,unlim" --json'],
  run: ({ values }) => runPredict(values),
};
