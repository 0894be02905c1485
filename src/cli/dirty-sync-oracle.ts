/**
 * The `dirty-sync-oracle` command line: parses a subcommand and its options, runs it, and maps
 * invalid input to one line on stderr and exit code 2. It has no side effects on import, so tests
 * call `main` in-process; `bin/dirty-sync-oracle.mjs` is the launcher.
 */
import { parseArgs } from 'node:util';
import { claimsCommand } from './claims-command.ts';
import { QUANTITY_OPTIONS, type QuantityValues } from './command-options.ts';
import { derivationCommand } from './derivation-command.ts';
import { maxDirtyRateCommand } from './max-dirty-rate-command.ts';
import { predictCommand } from './predict-command.ts';
import { simulateCommand } from './simulate-command.ts';
import { CLI_NAME } from './quantity.ts';
import { thresholdCommand } from './threshold-command.ts';

/** Where the command writes; each call receives one complete line or block, without a final newline. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const COMMANDS: Readonly<Record<string, { readonly options: readonly (keyof typeof QUANTITY_OPTIONS)[]; readonly run: (values: QuantityValues) => string }>> = {
  threshold: { options: ['bandwidth', 'dirty-rate', 'sync', 'memory', 'json'], run: thresholdCommand },
  'max-dirty-rate': { options: ['bandwidth', 'sync', 'downtime', 'memory', 'json'], run: maxDirtyRateCommand },
  claims: { options: ['memory', 'json'], run: claimsCommand },
  derivation: { options: ['json'], run: derivationCommand },
  predict: { options: ['dirty-curve', 'bandwidths', 'downtimes', 'json'], run: predictCommand },
  simulate: {
    options: ['bandwidth', 'downtime', 'dirty-rate', 'working-set', 'dirty-curve', 'sync', 'sync-per-page', 'implementation', 'memory', 'max-bandwidth', 'avail-switchover-bandwidth', 'rules', 'auto-converge', 'trace', 'json'],
    run: simulateCommand,
  },
};

/** The usage text. */
export const USAGE = `usage: ${CLI_NAME} <command> [options]

commands:
  threshold       --bandwidth "15 GB/s" --dirty-rate "10 GB/s" --sync "73 ms" [--memory "256 GiB"] [--json]
                  t*, the regime, and the least downtime limit: closed form and both simulators
  max-dirty-rate  --bandwidth "15 GB/s" --sync "12 ms" --downtime "150 ms" [--memory "256 GiB"] [--json]
                  the greatest dirty rate that converges: closed form and both simulators
  claims          [--memory "256 GiB"] [--json]
                  the audit of the seed's worked numbers
  derivation      [--json]
                  the verdict on each step (1)→(2) … (19)→(19D) of the seed's derivation
  predict         --dirty-curve FILE [--bandwidths "1 Gbps,10 Gbps"] [--downtimes "125ms,unlim"] [--json]
                  migration time per bandwidth and downtime limit, by predict_migration.py's rules
  simulate        --bandwidth "15 GB/s" --downtime "150 ms" (--sync "73 ms" | --implementation qemu-pre-patch,qemu-landed)
                  [--dirty-rate "10 GB/s" [--working-set "64 GiB"] | --dirty-curve FILE] [--memory "256 GiB"]
                  [--max-bandwidth "128 MiB/s"|0] [--avail-switchover-bandwidth ...] [--rules qemu-today|qemu-7.2|every-drain]
                  [--auto-converge] [--trace] [--json]
                  one migration in QEMU's loop: completion, total time, real downtime, syncs;
                  without a dirty rate, the greatest constant dirty rate that completes

Quantities need units: bandwidths in GB/s, GiB/s, MB/s (or the seed's GBps), times in ms or s,
sizes in GiB or GB. --json prints numbers in ms and bytes per second.`;

const PROCESS_OUTPUT: CliOutput = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Runs the command line.
 * @param argv - the arguments after the program name
 * @param output - where to write (default: the process's stdout and stderr)
 * @returns the exit code: 0 on success, 2 for invalid input (after one line on stderr)
 * @throws only what is not invalid input: RangeError and TypeError are reported, anything else is a bug
 */
export function main(argv: readonly string[], output: CliOutput = PROCESS_OUTPUT): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? output.stderr : output.stdout)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    output.stderr(`${CLI_NAME}: command must be one of ${Object.keys(COMMANDS).join(', ')}, got ${JSON.stringify(name)}`);
    return 2;
  }
  try {
    const options = Object.fromEntries(command.options.map((option) => [option, QUANTITY_OPTIONS[option]]));
    const { values } = parseArgs({ args: [...rest], options, strict: true, allowPositionals: false });
    output.stdout(command.run(values));
    return 0;
  } catch (error) {
    // Invalid input surfaces as RangeError/TypeError (ours and parseArgs'); anything else is a bug and propagates.
    if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
    const message = error.message.split('\n')[0];
    output.stderr(message.startsWith(`${CLI_NAME}:`) ? message : `${CLI_NAME} ${name}: ${message}`);
    return 2;
  }
}
