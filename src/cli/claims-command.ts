/**
 * `dirty-sync-oracle claims`: the audit of the seed's worked numbers, as a table or as JSON.
 */
import { auditSeedClaims, type ClaimAuditRow } from '../convergence/claims-audit.ts';
import { BYTES_PER_MS_PER_GBPS } from '../convergence/seed-claims.ts';
import type { CliCommand } from './cli-command.ts';
import { memoryOption, quantityOptions, type QuantityValues } from './command-options.ts';
import { formatGiB, formatNumber, toBytesPerSecond } from './number-format.ts';

const COLUMNS = ['claim', 'eq.', 'inputs (B = 15 GB/s)', 'closed form', 'match', 'seed-premises', 'windowed', 'windowed-passes', 'regime', 'verdict'];

function unitOf(row: ClaimAuditRow): string {
  return row.claim.quantity === 'dirty-rate-gbps' ? 'GB/s' : 'ms';
}

function cells(row: ClaimAuditRow): string[] {
  const { claim } = row;
  const name = claim.quantity === 'transfer-ms' ? 't' : claim.quantity === 'downtime-limit-ms' ? 'y' : 'D';
  const inputs = claim.inputs.downtimeLimitMs === undefined
    ? `D = ${formatNumber((claim.inputs.dirtyRateBytesPerMs ?? 0) / BYTES_PER_MS_PER_GBPS)}, x = ${claim.inputs.syncMs}`
    : `x = ${claim.inputs.syncMs}, y = ${claim.inputs.downtimeLimitMs}`;
  const simulated = (value: number | null) => (value === null ? 'none' : formatNumber(value, 4));
  return [
    `${name} ${claim.relation} ${claim.value} ${unitOf(row)}`,
    `(${claim.equation})`,
    inputs,
    formatNumber(row.closedForm, 4),
    row.match,
    simulated(row.simulated.seedPremises),
    simulated(row.simulated.windowed),
    simulated(row.simulated.windowedPasses),
    `${row.regimeCondition}: ${row.regimeHolds ? 'yes' : 'no'}`,
    row.verdict,
  ];
}

/**
 * The audit as a fixed-width text table, one claim per line, with a note on units below it.
 * @param rows - from `auditSeedClaims`
 * @param memoryBytes - memory the simulations started with (bytes), for the note
 * @returns the table
 */
export function renderClaimsTable(rows: readonly ClaimAuditRow[], memoryBytes: number): string {
  const table = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const lines = table.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return [
    ...lines,
    '',
    `Values in the claim's unit (ms or GB/s). Simulations start with ${formatGiB(memoryBytes)} all dirty; "none": no convergence.`,
    'match: how the printed number follows from the closed form at its printed precision (exact, rounded, truncated, none).',
  ].join('\n');
}

function rowJson(row: ClaimAuditRow): Record<string, unknown> {
  const rate = row.claim.quantity === 'dirty-rate-gbps';
  const value = (v: number | null) => (v === null ? null : rate ? toBytesPerSecond(v * BYTES_PER_MS_PER_GBPS) : v);
  const { inputs } = row.claim;
  return {
    id: row.claim.id,
    quote: row.claim.quote,
    equation: row.claim.equation,
    quantity: row.claim.quantity === 'transfer-ms' ? 'transferMs' : row.claim.quantity === 'downtime-limit-ms' ? 'downtimeMs' : 'dirtyRateBytesPerSecond',
    relation: row.claim.relation,
    claimed: value(row.claim.value),
    decimals: row.claim.decimals,
    inputs: {
      bandwidthBytesPerSecond: toBytesPerSecond(inputs.bandwidthBytesPerMs),
      ...(inputs.dirtyRateBytesPerMs === undefined ? {} : { dirtyRateBytesPerSecond: toBytesPerSecond(inputs.dirtyRateBytesPerMs) }),
      syncMs: inputs.syncMs,
      ...(inputs.downtimeLimitMs === undefined ? {} : { downtimeMs: inputs.downtimeLimitMs }),
    },
    closedForm: value(row.closedForm),
    match: row.match,
    regimeCondition: row.regimeCondition,
    regimeHolds: row.regimeHolds,
    simulated: { seedPremises: value(row.simulated.seedPremises), windowed: value(row.simulated.windowed), windowedPasses: value(row.simulated.windowedPasses) },
    verdict: row.verdict,
  };
}

/**
 * Runs the subcommand.
 * @param values - parsed options: optional `memory` and `json`
 * @returns the text to print
 * @throws RangeError for an invalid `--memory`
 */
export function runClaims(values: QuantityValues): string {
  const memoryBytes = memoryOption(values);
  const rows = auditSeedClaims({ memoryBytes });
  if (values.json === true) return JSON.stringify({ command: 'claims', memoryBytes, claims: rows.map(rowJson) }, null, 2);
  return renderClaimsTable(rows, memoryBytes);
}

/** `dirty-sync-oracle claims`. */
export const claimsCommand: CliCommand = {
  name: 'claims',
  summary: "the audit of the cover letter's worked numbers: closed form, precision, simulators, regime and verdict per claim",
  options: quantityOptions('memory', 'json'),
  examples: ['claims --memory "64 GiB"'],
  run: ({ values }) => runClaims(values),
};
