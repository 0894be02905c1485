/**
 * The `dirty-sync-oracle` command line: finds the subcommand, prints its `--help` or parses its
 * options, runs it (synchronously or not), and maps invalid input to one line on stderr and exit
 * code 2. It has no side effects on import, so tests call `main` in-process;
 * `bin/dirty-sync-oracle.mjs` is the launcher. Subcommands are registered in `commands.ts`.
 */
import type { CliCommand, CliOutput } from './cli-command.ts';
import { parseCommandLine } from './command-arguments.ts';
import { commandHelp, programUsage } from './command-help.ts';
import { COMMANDS } from './commands.ts';
import { CLI_NAME } from './quantity.ts';

export type { CliOutput } from './cli-command.ts';

/** The top-level usage text. */
export const USAGE = programUsage(COMMANDS);

const PROCESS_OUTPUT: CliOutput = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

async function runCommand(command: CliCommand, argv: readonly string[], output: CliOutput): Promise<number> {
  const parsed = parseCommandLine(command, argv);
  if (parsed.help) {
    output.stdout(commandHelp(command));
    return 0;
  }
  const result = await command.run(parsed, output);
  if (typeof result === 'number') return result;
  output.stdout(result);
  return 0;
}

/**
 * Runs a command line against a set of commands; `main` is this with the registered ones.
 * @param commands - the subcommands to dispatch to
 * @param argv - the arguments after the program name
 * @param output - where to write
 * @returns the exit code: 0 on success, 2 for invalid input (after one line on stderr), or what the command returned
 * @throws only what is not invalid input: RangeError and TypeError are reported, anything else is a bug
 */
export async function runProgram(commands: readonly CliCommand[], argv: readonly string[], output: CliOutput): Promise<number> {
  const [name, ...rest] = argv;
  const usage = programUsage(commands);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest.length > 0) return runProgram(commands, [rest[0], '--help'], output);
    (name === undefined ? output.stderr : output.stdout)(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    output.stderr(`${CLI_NAME}: command must be one of ${commands.map((c) => c.name).join(', ')}, got ${JSON.stringify(name)}`);
    return 2;
  }
  try {
    return await runCommand(command, rest, output);
  } catch (error) {
    // Invalid input surfaces as RangeError/TypeError (ours and parseArgs'); anything else is a bug and propagates.
    if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
    const message = error.message.split('\n')[0];
    output.stderr(message.startsWith(`${CLI_NAME}:`) ? message : `${CLI_NAME} ${name}: ${message}`);
    return 2;
  }
}

/**
 * Runs the command line with the registered subcommands.
 * @param argv - the arguments after the program name
 * @param output - where to write (default: the process's stdout and stderr)
 * @returns the exit code: 0 on success, 2 for invalid input (after one line on stderr), or what the command returned
 * @throws only what is not invalid input: RangeError and TypeError are reported, anything else is a bug
 */
export function main(argv: readonly string[], output: CliOutput = PROCESS_OUTPUT): Promise<number> {
  return runProgram(COMMANDS, argv, output);
}
