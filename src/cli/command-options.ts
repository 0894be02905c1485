/**
 * The options the subcommands share, read from `node:util` parseArgs values into internal units.
 */
import { rangeError } from '../check.ts';
import { SEED_VM_MEMORY_BYTES } from '../convergence/threshold-comparison.ts';
import { CLI_NAME, parseQuantity, type QuantityKind } from './quantity.ts';

/** parseArgs option definitions for every quantity a subcommand may take, plus `--json`. */
export const QUANTITY_OPTIONS = {
  bandwidth: { type: 'string' },
  'dirty-rate': { type: 'string' },
  sync: { type: 'string' },
  downtime: { type: 'string' },
  memory: { type: 'string' },
  json: { type: 'boolean', default: false },
  'dirty-curve': { type: 'string' },
  bandwidths: { type: 'string' },
  downtimes: { type: 'string' },
  implementation: { type: 'string' },
  rules: { type: 'string' },
  'max-bandwidth': { type: 'string' },
  'avail-switchover-bandwidth': { type: 'string' },
  'working-set': { type: 'string' },
  'sync-per-page': { type: 'string' },
  'auto-converge': { type: 'boolean', default: false },
  trace: { type: 'boolean', default: false },
} as const;

/** Values as parseArgs returns them for `QUANTITY_OPTIONS`. */
export type QuantityValues = { readonly [name: string]: string | boolean | undefined };

const KINDS: Readonly<Record<string, QuantityKind>> = {
  bandwidth: 'bandwidth', 'dirty-rate': 'bandwidth', sync: 'duration', downtime: 'duration', memory: 'size',
  'max-bandwidth': 'bandwidth', 'avail-switchover-bandwidth': 'bandwidth', 'working-set': 'size', 'sync-per-page': 'duration',
};

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
