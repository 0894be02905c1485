/**
 * `dirty-sync-oracle derivation`: the verdict on each step of the seed's derivation, as a table or JSON.
 */
import { checkDerivation, type StepCheck } from '../convergence/derivation-check.ts';
import type { CliCommand } from './cli-command.ts';
import { quantityOptions, type QuantityValues } from './command-options.ts';

const COLUMNS = ['step', 'verdict', 'symbolic', 'relies on', 'operation'];

function cells(check: StepCheck): string[] {
  const symbolic = check.symbolic.identity ? `identity, k = ${check.symbolic.multiplier} (${check.symbolic.multiplierSign})` : 'not an identity';
  return [`(${check.from}) → (${check.to})`, check.verdict, symbolic, check.reliesOn.map((r) => r.premise).join('; ') || '-', check.operation];
}

/**
 * The verdicts as a fixed-width text table.
 * @param checks - from `checkDerivation`
 * @returns the table, with a note on how the verdicts were reached
 */
export function renderDerivationTable(checks: readonly StepCheck[]): string {
  const table = [COLUMNS, ...checks.map(cells)];
  const widths = COLUMNS.map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const lines = table.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const samples = checks[0]?.samples ?? 0;
  return [
    ...lines,
    '',
    `Each step: about ${samples} exact rational points satisfying its premises (random, and bisected towards each line's boundary).`,
    'relies on: premises whose removal produced a counterexample. symbolic: diff(to) = k·diff(from) expands to an identity.',
  ].join('\n');
}

/**
 * Runs the subcommand.
 * @param values - parsed options: optional `json`
 * @returns the text to print
 */
export function runDerivation(values: QuantityValues): string {
  const checks = checkDerivation();
  return values.json === true ? JSON.stringify({ command: 'derivation', steps: checks }, null, 2) : renderDerivationTable(checks);
}

/** `dirty-sync-oracle derivation`. */
export const derivationCommand: CliCommand = {
  name: 'derivation',
  summary: "the verdict on each step (1)→(2) … (19)→(19D) of the cover letter's derivation, checked with exact rationals",
  options: quantityOptions('json'),
  examples: ['derivation --json'],
  run: ({ values }) => runDerivation(values),
};
