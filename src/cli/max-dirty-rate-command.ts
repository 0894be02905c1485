/**
 * `dirty-sync-oracle max-dirty-rate`: the greatest dirty rate that converges under a downtime limit,
 * by the seed's closed form and by both simulators, for one (B, x, y).
 */
import { explainDirtyRateDisagreement } from '../convergence/disagreement.ts';
import { dirtyRateThresholds } from '../convergence/threshold-comparison.ts';
import type { SimulatedDirtyRate } from '../simulator/threshold-search.ts';
import type { CliCommand } from './cli-command.ts';
import { memoryOption, quantityOptions, type QuantityValues, requiredQuantity } from './command-options.ts';
import { disagreementLines } from './disagreement-lines.ts';
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
export function runMaxDirtyRate(values: QuantityValues): string {
  const B = requiredQuantity(values, 'bandwidth');
  const x = requiredQuantity(values, 'sync');
  const y = requiredQuantity(values, 'downtime');
  const memoryBytes = memoryOption(values);
  const thresholds = dirtyRateThresholds(B, x, y, { memoryBytes });
  const { closedForm, simulated } = thresholds;
  const disagreements = explainDirtyRateDisagreement(thresholds);
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
      disagreements,
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
    ...disagreementLines(disagreements),
  ].join('\n');
}

/** `dirty-sync-oracle max-dirty-rate`. */
export const maxDirtyRateCommand: CliCommand = {
  name: 'max-dirty-rate',
  summary: 'the greatest dirty rate that converges under a downtime limit, for one (B, x, y): closed form and the three simulators',
  options: quantityOptions('bandwidth', 'sync', 'downtime', 'memory', 'json'),
  examples: ['max-dirty-rate --bandwidth "15 GB/s" --sync "12 ms" --downtime "150 ms"'],
  run: ({ values }) => runMaxDirtyRate(values),
};
