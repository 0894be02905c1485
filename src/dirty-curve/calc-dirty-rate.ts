/**
 * The measurement a dirty-page curve is read from: the `calc-dirty-rate` result of the 2023 qemu-devel
 * series that extended it with a vector of periods ("migration/calc-dirty-rate: tool to predict
 * migration time"). Only the fields the curve needs are read; others are ignored.
 */
import { rangeError, requireObject, typeError } from '../check.ts';

/** A `calc-dirty-rate` result, validated. Page counts of the sample are scaled up by the curve, not here. */
export interface CalcDirtyRate {
  /** Guest page size (bytes). */
  readonly pageSizeBytes: number;
  /** Measurement periods since a clean state, strictly increasing, > 0 (ms). */
  readonly periodsMs: readonly number[];
  /** Distinct sampled pages found dirty at the end of each period (pages of the sample). */
  readonly dirtySampledPages: readonly number[];
  /** Pages in the sample. */
  readonly sampledPages: number;
  /** Sampled pages that were all zero. */
  readonly zeroSampledPages: number;
  /** Guest RAM in pages. */
  readonly totalPages: number;
}

function count(fn: string, field: string, value: unknown, min: number): number {
  if (typeof value !== 'number') throw typeError(fn, field, 'a number', value);
  if (!Number.isSafeInteger(value) || value < min) throw rangeError(fn, field, `an integer >= ${min}`, value);
  return value;
}

function numberList(fn: string, field: string, value: unknown): number[] {
  if (!Array.isArray(value)) throw typeError(fn, field, 'an array of numbers', value);
  return value.map((item, index) => {
    if (typeof item !== 'number' || !Number.isFinite(item)) throw typeError(fn, `${field}[${index}]`, 'a finite number', item);
    return item;
  });
}

/**
 * Reads a `calc-dirty-rate` result (the parsed JSON object).
 * @param data - the object, with `page-size`, `periods`, `n-dirty-pages`, `n-sampled-pages`, `n-zero-pages`, `n-total-pages`
 * @returns the validated measurement
 * @throws TypeError when a field is missing or of the wrong kind; RangeError when a value is outside its domain
 *   (fewer than two periods, periods not strictly increasing from above 0, lists of different lengths, a negative
 *   count, zero pages more than sampled ones, no sampled or total pages)
 */
export function readCalcDirtyRate(data: unknown): CalcDirtyRate {
  const fn = 'readCalcDirtyRate';
  const object = requireObject(fn, 'data', data);
  const pageSizeBytes = count(fn, 'page-size', object['page-size'], 1);
  const periodsMs = numberList(fn, 'periods', object.periods);
  const dirtySampledPages = numberList(fn, 'n-dirty-pages', object['n-dirty-pages']);
  const sampledPages = count(fn, 'n-sampled-pages', object['n-sampled-pages'], 1);
  const zeroSampledPages = count(fn, 'n-zero-pages', object['n-zero-pages'], 0);
  const totalPages = count(fn, 'n-total-pages', object['n-total-pages'], 1);
  if (periodsMs.length < 2) throw rangeError(fn, 'periods', 'at least 2 periods (the curve is extrapolated from its first two points)', periodsMs.length);
  if (dirtySampledPages.length !== periodsMs.length) throw rangeError(fn, 'n-dirty-pages', `one count per period (${periodsMs.length})`, dirtySampledPages.length);
  periodsMs.forEach((periodMs, index) => {
    const previous = index === 0 ? 0 : periodsMs[index - 1];
    if (!(periodMs > previous)) throw rangeError(fn, `periods[${index}]`, `> ${previous} (strictly increasing from above 0)`, periodMs);
  });
  dirtySampledPages.forEach((pages, index) => {
    if (pages < 0) throw rangeError(fn, `n-dirty-pages[${index}]`, '>= 0', pages);
  });
  if (zeroSampledPages > sampledPages) throw rangeError(fn, 'n-zero-pages', `<= n-sampled-pages (${sampledPages})`, zeroSampledPages);
  return { pageSizeBytes, periodsMs, dirtySampledPages, sampledPages, zeroSampledPages, totalPages };
}
