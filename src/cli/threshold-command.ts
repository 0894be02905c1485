/**
 * `dirty-sync-oracle threshold`: t*, the regime, and the least downtime limit by the seed's closed
 * form and by both simulators, for one (B, D, x).
 */
import { rangeError } from '../check.ts';
import { explainDowntimeDisagreement } from '../convergence/disagreement.ts';
import { downtimeThresholds } from '../convergence/threshold-comparison.ts';
import type { SimulatedDowntime } from '../simulator/threshold-search.ts';
import type { CliCommand } from './cli-command.ts';
import { memoryOption, quantityOptions, type QuantityValues, requiredQuantity } from './command-options.ts';
import { formatGBps, formatGiB, formatMs, toBytesPerSecond } from './number-format.ts';
import { disagreementLines } from './disagreement-lines.ts';
import { CLI_NAME } from './quantity.ts';

const simulatedJson = (s: SimulatedDowntime) => ({
  converges: s.converges,
  downtimeMs: s.converges ? s.downtimeMs : null,
  lowerMs: s.lowerMs,
  iterations: s.iterations,
});

const simulatedText = (s: SimulatedDowntime) => (s.converges ? `${formatMs(s.downtimeMs)} (stops after ${s.iterations} iterations)` : `none converges within ${s.iterations} iterations`);

/**
 * Runs the subcommand.
 * @param values - parsed options: `bandwidth`, `dirty-rate`, `sync`, optional `memory` and `json`
 * @returns the text to print
 * @throws RangeError for a missing or invalid option, or a dirty rate not below the bandwidth
 */
export function runThreshold(values: QuantityValues): string {
  const B = requiredQuantity(values, 'bandwidth');
  const D = requiredQuantity(values, 'dirty-rate');
  const x = requiredQuantity(values, 'sync');
  const memoryBytes = memoryOption(values);
  if (!(D < B)) throw rangeError(CLI_NAME, '--dirty-rate', `below --bandwidth (${formatGBps(B)})`, values['dirty-rate']);
  const result = downtimeThresholds(B, D, x, { memoryBytes });
  const { closedForm, simulated } = result;
  const disagreements = explainDowntimeDisagreement(result);
  if (values.json === true) {
    return JSON.stringify({
      command: 'threshold',
      bandwidthBytesPerSecond: toBytesPerSecond(B),
      dirtyRateBytesPerSecond: toBytesPerSecond(D),
      syncMs: x,
      memoryBytes,
      criticalTransferMs: closedForm.transferMs,
      regime: closedForm.regime,
      regimeEquation: closedForm.regime === 'long-iteration' ? 5 : 15,
      closedForm: { equation: closedForm.equation, downtimeMs: closedForm.downtimeLimitMs },
      settledTransferMs: result.settledSendMs,
      simulated: { seedPremises: simulatedJson(simulated['seed-premises']), windowed: simulatedJson(simulated.windowed), windowedPasses: simulatedJson(simulated['windowed-passes']) },
      disagreements,
    }, null, 2);
  }
  const iterationMs = x + closedForm.transferMs;
  const regime = closedForm.regime === 'long-iteration' ? `x + t* = ${formatMs(iterationMs)} >= 100 ms: long-iteration, eq. (5)` : `x + t* = ${formatMs(iterationMs)} < 100 ms: short-iteration, eq. (15)`;
  return [
    `B = ${formatGBps(B)}, D = ${formatGBps(D)}, x = ${formatMs(x)}; simulations start with ${formatGiB(memoryBytes)} all dirty`,
    '',
    `critical transfer time t* (eq. 2)   ${formatMs(closedForm.transferMs)} (the simulated migration settles at ${formatMs(result.settledSendMs)})`,
    `regime                              ${regime}`,
    'least downtime limit',
    `  closed form, eq. (${closedForm.equation})`.padEnd(36) + formatMs(closedForm.downtimeLimitMs),
    `  simulated, seed-premises          ${simulatedText(simulated['seed-premises'])}`,
    `  simulated, windowed               ${simulatedText(simulated.windowed)}`,
    `  simulated, windowed-passes        ${simulatedText(simulated['windowed-passes'])}`,
    ...disagreementLines(disagreements),
  ].join('\n');
}

/** `dirty-sync-oracle threshold`. */
export const thresholdCommand: CliCommand = {
  name: 'threshold',
  summary: 't*, the regime and the least downtime limit for one (B, D, x): closed form and the three simulators',
  options: quantityOptions('bandwidth', 'dirty-rate', 'sync', 'memory', 'json'),
  examples: ['threshold --bandwidth "15 GB/s" --dirty-rate "10 GB/s" --sync "73 ms"'],
  run: ({ values }) => runThreshold(values),
};
