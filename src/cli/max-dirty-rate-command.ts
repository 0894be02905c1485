/**
 * `dirty-sync-oracle max-dirty-rate`: the greatest dirty rate that converges under a downtime limit,
 * by the seed's closed form and by both simulators, for one (B, x, y).
 */
import { dirtyRateThresholds } from '../convergence/threshold-comparison.ts';
import type { SimulatedDirtyRate } from '../simulator/threshold-search.ts';
import { memoryOption, type QuantityValues, requiredQuantity } from './command-options.ts';
import { formatGBps, formatGiB, formatMs, toBytesPerSecond } from './number-format.ts';

const simulatedJson = (s: SimulatedDirtyRate) => ({
  converges: s.converges,
  saturated: s.saturated,
  dirtyRateBytesPerSecond: toBytesPerSecond(s.dirtyRateBytesPerMs),
  upperBytesPerSecond: toBytesPerSecond(s.upperBytesPerMs),
  intervals: s.intervals,
});

function simulatedText(s: SimulatedDirtyRate, bandwidthBytesPerMs: number): string {
  if (!s.converges) return 'none converges';
  if (s.saturated) return `every rate below B = ${formatGBps(bandwidthBytesPerMs)} converges`;
  return s.intervals > 1 ? `${formatGBps(s.dirtyRateBytesPerMs)} (not monotone: ${s.intervals} intervals)` : formatGBps(s.dirtyRateBytesPerMs);
}

/**
 * Runs the subcommand.
 * @param values - parsed options: `bandwidth`, `sync`, `downtime`, optional `memory` and `json`
 * @returns the text to print
 * @throws RangeError for a missing or invalid option
 */
export function maxDirtyRateCommand(values: QuantityValues): string {
  const B = requiredQuantity(values, 'bandwidth');
  const x = requiredQuantity(values, 'sync');
  const y = requiredQuantity(values, 'downtime');
  const memoryBytes = memoryOption(values);
  const { closedForm, simulated } = dirtyRateThresholds(B, x, y, { memoryBytes });
  if (values.json === true) {
    return JSON.stringify({
      command: 'max-dirty-rate',
      bandwidthBytesPerSecond: toBytesPerSecond(B),
      syncMs: x,
      downtimeMs: y,
      memoryBytes,
      closedForm: {
        converges: closedForm.converges,
        equation: closedForm.equation,
        regime: closedForm.regime,
        dirtyRateBytesPerSecond: toBytesPerSecond(closedForm.dirtyRateBytesPerMs),
      },
      simulated: { seedPremises: simulatedJson(simulated['seed-premises']), windowed: simulatedJson(simulated.windowed), windowedPasses: simulatedJson(simulated['windowed-passes']) },
    }, null, 2);
  }
  const closed = closedForm.converges ? `D < ${formatGBps(closedForm.dirtyRateBytesPerMs)} (${closedForm.regime} at the bound)` : 'none converges (x >= 100 ms and y <= x)';
  return [
    `B = ${formatGBps(B)}, x = ${formatMs(x)}, y = ${formatMs(y)}; simulations start with ${formatGiB(memoryBytes)} all dirty`,
    '',
    'greatest converging dirty rate',
    `  closed form${closedForm.equation === null ? '' : `, eq. (${closedForm.equation})`}`.padEnd(36) + closed,
    `  simulated, seed-premises          ${simulatedText(simulated['seed-premises'], B)}`,
    `  simulated, windowed               ${simulatedText(simulated.windowed, B)}`,
    `  simulated, windowed-passes        ${simulatedText(simulated['windowed-passes'], B)}`,
  ].join('\n');
}
