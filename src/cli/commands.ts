/**
 * The subcommands of `dirty-sync-oracle`, in the order `--help` lists them. Adding a command is one
 * line here (plus its import): the dispatcher, `--help` and option parsing all read the descriptor.
 */
import type { CliCommand } from './cli-command.ts';
import { claimsCommand } from './claims-command.ts';
import { derivationCommand } from './derivation-command.ts';
import { maxDirtyRateCommand } from './max-dirty-rate-command.ts';
import { predictCommand } from './predict-command.ts';
import { qemuCommand } from './qemu-command.ts';
import { simulateCommand } from './simulate-command.ts';
import { thresholdCommand } from './threshold-command.ts';

/** Every registered subcommand. */
export const COMMANDS: readonly CliCommand[] = [
  thresholdCommand,
  maxDirtyRateCommand,
  claimsCommand,
  derivationCommand,
  qemuCommand,
  simulateCommand,
  predictCommand,
];
