/**
 * Command-line quantities with units, parsed by mathjs: bandwidths (`15 GB/s`, `10 Gb/s`, the seed's
 * `15 GBps`), durations (`73 ms`, `0.073 s`) and sizes (`256 GiB`). A bare number is rejected, since
 * the seed mixes GB/s with ms and a unitless 15 is ambiguous.
 */
import { unit, type Unit } from 'mathjs';
import { rangeError } from '../check.ts';

/** What a command-line option measures. */
export type QuantityKind = 'bandwidth' | 'duration' | 'size';

const KINDS: Readonly<Record<QuantityKind, { readonly internal: string; readonly units: string; readonly example: string }>> = {
  bandwidth: { internal: 'B/ms', units: 'GB/s, GiB/s, MB/s, Gb/s', example: '15 GB/s' },
  duration: { internal: 'ms', units: 'ms, s', example: '73 ms' },
  size: { internal: 'B', units: 'GiB, GB, MiB, MB', example: '256 GiB' },
};

/** Name used in command-line error messages. */
export const CLI_NAME = 'dirty-sync-oracle';

/**
 * Parses a positive quantity and converts it to the suite's internal unit.
 * @param option - the option it came from, e.g. `--bandwidth`, for the error message
 * @param text - the text given, e.g. `"15 GB/s"`
 * @param kind - what it must measure
 * @returns the value in bytes per ms (bandwidth), ms (duration) or bytes (size)
 * @throws RangeError naming the option, the units expected and the text given, when it is not a positive finite quantity of that kind
 */
export function parseQuantity(option: string, text: string, kind: QuantityKind): number {
  const { internal, units, example } = KINDS[kind];
  const expected = `a ${kind} with a unit (${units}), e.g. "${example}"`;
  let parsed: Unit;
  try {
    // mathjs has no "ps" suffix (it would read picoseconds); the seed writes GB/s as "GBps".
    parsed = unit(text.trim().replace(/Bps$/, 'B/s'));
  } catch {
    throw rangeError(CLI_NAME, option, expected, text);
  }
  if (parsed.units.length === 0 || !parsed.equalBase(unit(`1 ${internal}`))) throw rangeError(CLI_NAME, option, expected, text);
  const value = parsed.toNumber(internal);
  if (!Number.isFinite(value) || value <= 0) throw rangeError(CLI_NAME, option, `a positive ${kind}`, text);
  return value;
}
