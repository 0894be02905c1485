/**
 * How the command line writes numbers for people: ms and GB/s with trailing zeros dropped. JSON
 * output does not use these; it carries the full numbers in ms and bytes per second.
 */

/** Bytes per ms in one GB/s. */
const BYTES_PER_MS_PER_GB_PER_S = 1e6;

/**
 * A number with at most `decimals` decimals and no trailing zeros.
 * @param value - the number
 * @param decimals - decimals kept (default 3)
 * @returns its text, e.g. `27.273`, `219`
 */
export function formatNumber(value: number, decimals = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(decimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * A duration.
 * @param ms - the duration (ms)
 * @returns e.g. `219 ms`
 */
export function formatMs(ms: number): string {
  return `${formatNumber(ms)} ms`;
}

/**
 * A bandwidth or dirty rate in the seed's unit.
 * @param bytesPerMs - the rate (bytes per ms)
 * @returns e.g. `7.7 GB/s`
 */
export function formatGBps(bytesPerMs: number): string {
  return `${formatNumber(bytesPerMs / BYTES_PER_MS_PER_GB_PER_S, 4)} GB/s`;
}

/**
 * A memory size in GiB.
 * @param bytes - the size (bytes)
 * @returns e.g. `256 GiB`
 */
export function formatGiB(bytes: number): string {
  return `${formatNumber(bytes / 2 ** 30)} GiB`;
}

/**
 * Bytes per ms as bytes per second, for JSON.
 * @param bytesPerMs - the rate (bytes per ms)
 * @returns the rate (bytes per second)
 */
export function toBytesPerSecond(bytesPerMs: number): number {
  return bytesPerMs * 1000;
}
