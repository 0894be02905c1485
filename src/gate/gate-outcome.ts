/**
 * What the gate says about one (law, family) of an implementation, and about a whole run: the
 * structured result the runner returns to `test:sync`, to the `qemu` command, and to baselines.
 */
import type { LawId } from '../sync/laws/law.ts';

/**
 * How a check ended:
 * - `held`: every case satisfied the law;
 * - `finding`: the law is broken, with a shrunk counterexample;
 * - `guard`: the plug-in wrote outside its bitmaps or changed the oracle's structures, shrunk alike;
 * - `crash`: the process running the plug-in died by a signal (a segfault in C);
 * - `hang`: a call did not return within the time limit;
 * - `plugin-failure`: the plug-in ended its process, or raised an error outside a call (an uncaught
 *   exception from a timer, a rejected promise);
 * - `sanitizer`: under `SYNC_SANITIZE`, AddressSanitizer or UndefinedBehaviorSanitizer reported an
 *   error on a case, shrunk.
 */
export type OutcomeKind = 'held' | 'finding' | 'guard' | 'crash' | 'hang' | 'plugin-failure' | 'sanitizer';

/** Every kind that is not `held`, in the order summaries list them. */
export const FAILURE_KINDS: readonly OutcomeKind[] = ['finding', 'guard', 'sanitizer', 'crash', 'hang', 'plugin-failure'];

/** The result of one (law, family). */
export interface GateOutcome {
  /** The law. */
  readonly law: LawId;
  /** The case family. */
  readonly family: string;
  /** How the check ended. */
  readonly kind: OutcomeKind;
  /** Cases run (up to and including the first failure); 0 when the check did not finish. */
  readonly runs: number;
  /** One line: the violation, the misbehaviour, the signal; empty for `held`. */
  readonly summary: string;
  /** The full report (counterexample in hex, replay line); empty for `held`. */
  readonly report: string;
  /** The command that replays this check, with its seed and path. */
  readonly replay: string;
}

/** A whole run of the gate on one implementation. */
export interface GateRun {
  /** The implementation's label, as outcomes and baselines name it. */
  readonly implementation: string;
  /** One line on what it is (file, compiler flags). */
  readonly description: string;
  /** One outcome per (law, family) asked for, law-major. */
  readonly outcomes: readonly GateOutcome[];
  /**
   * True only when the child process confirmed, in its final message, that it reported every
   * (law, family): a run that is not complete is never green.
   */
  readonly complete: boolean;
}

/**
 * The outcomes that are not `held`.
 * @param run - the run
 * @returns the failures, in run order
 */
export function failuresOf(run: GateRun): GateOutcome[] {
  return run.outcomes.filter((outcome) => outcome.kind !== 'held');
}

/**
 * Counts outcomes per failure kind, for summaries: `2 findings, 1 crash`.
 * @param outcomes - the outcomes
 * @returns the text, or `no findings` when none failed
 */
export function countFailures(outcomes: readonly GateOutcome[]): string {
  const parts = FAILURE_KINDS.flatMap((kind) => {
    const count = outcomes.filter((outcome) => outcome.kind === kind).length;
    const noun = { 'plugin-failure': 'plug-in failure', sanitizer: 'sanitizer report', guard: 'guard failure' }[kind as string] ?? kind;
    return count === 0 ? [] : [`${count} ${noun}${count === 1 ? '' : kind === 'crash' ? 'es' : 's'}`];
  });
  return parts.length === 0 ? 'no findings' : parts.join(', ');
}
