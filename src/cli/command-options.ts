/**
 * The options the convergence subcommands share: their help text, and reading them from parsed
 * values into internal units.
 */
import { rangeError } from '../check.ts';
import { SEED_VM_MEMORY_BYTES } from '../convergence/threshold-comparison.ts';
import type { CliArguments, CliOption } from './cli-command.ts';
import { CLI_NAME, parseQuantity, type QuantityKind } from './quantity.ts';

/** Option values as a command receives them. */
export type QuantityValues = CliArguments['values'];

/** Descriptors of the quantity options, for a command's `options`. */
export const QUANTITY_OPTIONS = {
  bandwidth: { type: 'string', valueName: 'bandwidth', required: true, description: 'real bandwidth B of the migration link, e.g. "15 GB/s"' },
  'dirty-rate': { type: 'string', valueName: 'bandwidth', required: true, description: 'dirty rate D, below B, e.g. "10 GB/s"' },
  sync: { type: 'string', valueName: 'duration', required: true, description: 'bitmap sync time x per iteration, e.g. "73 ms"' },
  downtime: { type: 'string', valueName: 'duration', required: true, description: 'downtime limit y, e.g. "150 ms"' },
  memory: { type: 'string', valueName: 'size', description: 'guest memory, all dirty when the simulations start (default "256 GiB")' },
  json: { type: 'boolean', description: 'print JSON, in ms, bytes and bytes per second, instead of text' },
} as const satisfies Readonly<Record<string, CliOption>>;

const KINDS: Readonly<Record<string, QuantityKind>> = { bandwidth: 'bandwidth', 'dirty-rate': 'bandwidth', sync: 'duration', downtime: 'duration', memory: 'size' };

/**
 * Picks quantity options for a command's descriptor.
 * @param names - the options it takes
 * @returns their descriptors by name, in that order
 */
export function quantityOptions(...names: readonly (keyof typeof QUANTITY_OPTIONS)[]): Record<string, CliOption> {
  return Object.fromEntries(names.map((name) => [name, QUANTITY_OPTIONS[name]]));
}

/**
 * Reads a required quantity option.
 * @param values - parsed option values
 * @param name - the option name without dashes
 * @returns its value in bytes per ms, ms or bytes
 * @throws RangeError when it is missing or not a positive quantity of its kind
 */
export function requiredQuantity(values: QuantityValues, name: string): number {
  const text = values[name];
  if (typeof text !== 'string') throw rangeError(CLI_NAME, `--${name}`, `given (a ${KINDS[name]} with a unit)`, text);
  return parseQuantity(`--${name}`, text, KINDS[name]);
}

/**
 * Reads `--memory`, defaulting to the seed's 256 GiB VM.
 * @param values - parsed option values
 * @returns guest memory (bytes)
 * @throws RangeError when given and not a positive size
 */
export function memoryOption(values: QuantityValues): number {
  return typeof values.memory === 'string' ? parseQuantity('--memory', values.memory, 'size') : SEED_VM_MEMORY_BYTES;
}
