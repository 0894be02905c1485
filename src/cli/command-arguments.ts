/**
 * Parses a subcommand's arguments from its descriptor with `node:util` parseArgs, strictly.
 *
 * parseArgs refuses a value that starts with a dash (`--bandwidth "-15 GB/s"` is "ambiguous"), which
 * would hide the real problem, a negative quantity, behind a parser message. A string option's next
 * argument is therefore taken as its value when it starts with a single dash and is not one of the
 * command's short flags, so the command can say what is wrong with the value.
 */
import { parseArgs } from 'node:util';
import type { CliArguments, CliCommand } from './cli-command.ts';

/** The arguments of one run, or a request for the command's help. */
export type ParsedCommandLine = { readonly help: true } | ({ readonly help: false } & CliArguments);

function isHelpFlag(argument: string): boolean {
  return argument === '--help' || argument === '-h';
}

function joinDashedValues(command: CliCommand, argv: readonly string[]): string[] {
  const shortFlags = new Set(Object.values(command.options).flatMap((option) => (option.short === undefined ? [] : [`-${option.short}`])));
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--') {
      joined.push(...argv.slice(index));
      break;
    }
    const option = argument.startsWith('--') ? command.options[argument.slice(2)] : undefined;
    const next = argv[index + 1];
    if (option?.type === 'string' && next !== undefined && next.startsWith('-') && !next.startsWith('--') && !shortFlags.has(next) && !isHelpFlag(next)) {
      joined.push(`${argument}=${next}`);
      index++;
    } else {
      joined.push(argument);
    }
  }
  return joined;
}

/**
 * Parses the arguments after the subcommand's name.
 * @param command - the subcommand's descriptor
 * @param argv - its arguments
 * @returns `{ help: true }` when `--help` or `-h` is among the options, else the values and positionals
 * @throws TypeError for an unknown option, a missing value, or a positional too many or missing
 */
export function parseCommandLine(command: CliCommand, argv: readonly string[]): ParsedCommandLine {
  const optionsEnd = argv.indexOf('--');
  if ((optionsEnd === -1 ? argv : argv.slice(0, optionsEnd)).some(isHelpFlag)) return { help: true };
  const options = Object.fromEntries(Object.entries(command.options).map(([name, option]) => [name, {
    type: option.type,
    ...(option.short === undefined ? {} : { short: option.short }),
    ...(option.multiple === true ? { multiple: true } : {}),
  }]));
  const allowPositionals = (command.positionals ?? []).length > 0;
  const { values, positionals } = parseArgs({ args: joinDashedValues(command, argv), options, strict: true, allowPositionals });
  const declared = command.positionals ?? [];
  if (positionals.length > declared.length) throw new TypeError(`positional arguments must be at most ${declared.length}, got ${JSON.stringify(positionals[declared.length])}`);
  const missing = declared.slice(positionals.length).find((p) => p.required === true);
  if (missing !== undefined) throw new TypeError(`<${missing.name}> must be given (${missing.description})`);
  return { help: false, values, positionals };
}
