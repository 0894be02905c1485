/**
 * Command-line quantities with units, parsed by mathjs: bandwidths (`15 GB/s`, `10 Gb/s`, the seed's
 * `15 GBps`), durations (`73 ms`, `0.073 s`) and sizes (`256 GiB`). A bare number is rejected, since
 * the cover letter mixes GB/s with ms and a unitless 15 is ambiguous. Each kind has a range wide
 * enough for any real migration and narrow enough that the simulators' arithmetic stays exact to
 * the digits printed; a value outside it is refused as out of range, a negative one as negative.
 */
import { unit, type Unit } from 'mathjs';
import { rangeError } from '../check.ts';

/** What a command-line option measures. */
export type QuantityKind = 'bandwidth' | 'duration' | 'size';

interface KindSpec {
  /** The suite's internal unit, as mathjs writes it. */
  readonly internal: string;
  readonly units: string;
  readonly example: string;
  /** The accepted range, in the internal unit and as the error message writes it. */
  readonly min: number;
  readonly max: number;
  readonly range: string;
}

const KINDS: Readonly<Record<QuantityKind, KindSpec>> = {
  // 1 kB/s to 1 PB/s, in bytes per ms.
  bandwidth: { internal: 'B/ms', units: 'GB/s, GiB/s, MB/s, Gb/s', example: '15 GB/s', min: 1, max: 1e12, range: 'from 1 kB/s to 1 PB/s' },
  // 1 µs to 1 hour, in ms.
  duration: { internal: 'ms', units: 'ms, s', example: '73 ms', min: 1e-3, max: 3.6e6, range: 'from 1 us to 1 hour' },
  // 1 MiB to 1 PiB, in bytes.
  size: { internal: 'B', units: 'GiB, GB, MiB, MB', example: '256 GiB', min: 2 ** 20, max: 2 ** 50, range: 'from 1 MiB to 1 PiB' },
};

/** Name used in command-line error messages. */
export const CLI_NAME = 'dirty-sync-oracle';

/**
 * Parses a positive quantity and converts it to the suite's internal unit.
 * @param option - the option it came from, e.g. `--bandwidth`, for the error message
 * @param text - the text given, e.g. `"15 GB/s"`
 * @param kind - what it must measure
 * @returns the value in bytes per ms (bandwidth), ms (duration) or bytes (size)
 * @throws RangeError naming the option and the text given: without a unit or of another kind (naming
 *   the units expected), negative or zero (naming the sign), or outside the kind's range (naming it)
 */
export function parseQuantity(option: string, text: string, kind: QuantityKind): number {
  const { internal, units, example, min, max, range } = KINDS[kind];
  const expected = `a ${kind} with a unit (${units}), e.g. "${example}"`;
  let parsed: Unit;
  try {
    // mathjs has no "ps" suffix (it would read picoseconds); the cover letter writes GB/s as "GBps".
    parsed = unit(text.trim().replace(/Bps$/, 'B/s'));
  } catch {
    throw rangeError(CLI_NAME, option, expected, text);
  }
  if (parsed.units.length === 0 || !parsed.equalBase(unit(`1 ${internal}`))) throw rangeError(CLI_NAME, option, expected, text);
  const value = parsed.toNumber(internal);
  if (Number.isNaN(value)) throw rangeError(CLI_NAME, option, expected, text);
  if (value < 0) throw rangeError(CLI_NAME, option, `a positive ${kind}, not a negative one`, text);
  if (value === 0) throw rangeError(CLI_NAME, option, `a positive ${kind}, not zero`, text);
  // An overflowing text reads as Infinity; a tiny one as a denormal or as zero, handled above.
  if (!(value <= max)) throw rangeError(CLI_NAME, option, `a ${kind} ${range} (${Number.isFinite(value) ? 'too large' : 'it overflows'})`, text);
  if (value < min) throw rangeError(CLI_NAME, option, `a ${kind} ${range} (too small)`, text);
  return value;
}
