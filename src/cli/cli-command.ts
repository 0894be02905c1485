/**
 * What a subcommand of `dirty-sync-oracle` declares about itself: its options with their help text,
 * its positional arguments, an example and the function that runs it. The dispatcher parses, checks
 * and documents every command from this one descriptor, so `--help` cannot drift from what is parsed.
 */

/** Where a command writes; each call receives one complete line or block, without a final newline. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** One `--option` of a subcommand. */
export interface CliOption {
  /** `string` takes a value; `boolean` is a flag. */
  readonly type: 'string' | 'boolean';
  /** One line for `--help`: what the option means, with its unit or default. */
  readonly description: string;
  /** The placeholder shown in usage, e.g. `bandwidth` in `--bandwidth <bandwidth>`; string options only. */
  readonly valueName?: string;
  /** Whether usage shows it without brackets; the command itself still checks it was given. */
  readonly required?: boolean;
  /** A one-letter alias, e.g. `o` for `-o`. */
  readonly short?: string;
  /** Whether it may be given several times (values arrive as an array). */
  readonly multiple?: boolean;
}

/** One positional argument of a subcommand. */
export interface CliPositional {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

/** Parsed arguments as a command receives them. */
export interface CliArguments {
  /** Option values by name without dashes: strings, booleans, or arrays for `multiple` options. */
  readonly values: { readonly [name: string]: string | boolean | readonly (string | boolean)[] | undefined };
  readonly positionals: readonly string[];
}

/**
 * A subcommand's result: a string is printed on stdout and exits 0; a number is the exit code of a
 * command that wrote its own output.
 */
export type CliResult = string | number;

/** A subcommand: everything the dispatcher needs to parse, document and run it. */
export interface CliCommand {
  /** The word after `dirty-sync-oracle`, e.g. `threshold`. */
  readonly name: string;
  /** One line for the command list and the top of `--help`. */
  readonly summary: string;
  /** More prose for `--help`, already wrapped; may be empty. */
  readonly details?: string;
  readonly options: Readonly<Record<string, CliOption>>;
  /** Positional arguments, in order; a command without them rejects any. */
  readonly positionals?: readonly CliPositional[];
  /** At least one complete command line, starting with the subcommand's name (the program name is added). */
  readonly examples: readonly string[];
  /**
   * Runs the command.
   * @param args - the parsed options and positionals
   * @param output - where to write, for commands that stream or choose their exit code
   * @returns text for stdout (exit 0) or an exit code
   * @throws RangeError or TypeError for invalid input, reported as one line and exit 2
   */
  readonly run: (args: CliArguments, output: CliOutput) => CliResult | Promise<CliResult>;
}
