/**
 * What the runner asks of the child process that runs the laws, and what the child answers. The
 * messages travel over Node's IPC channel as JSON.
 */
import type { PropertySettings } from '../property-settings.ts';
import type { LawId } from '../sync/laws/law.ts';
import type { GateOutcome } from './gate-outcome.ts';

/** The environment variable through which the runner names the page guards' fault report file to its child. */
export const GUARD_REPORT_VARIABLE = 'SYNC_GUARD_REPORT';

/** The implementation to check: one of the built-ins by name, or a plug-in file. */
export type ImplementationSource = { readonly builtIn: string } | { readonly pluginPath: string };

/** One (law, family) to check. */
export interface CheckPair {
  /** The law. */
  readonly law: LawId;
  /** The case family's name. */
  readonly family: string;
  /** Runs per property for this pair (a known finding is searched for longer). */
  readonly numRuns: number;
}

/** The request the runner sends a child. */
export interface GateRequest {
  /** The implementation. */
  readonly source: ImplementationSource;
  /** The name outcomes give the implementation; by default its own (the file's name). */
  readonly label?: string;
  /** The checks, in order. */
  readonly pairs: readonly CheckPair[];
  /** Seed and replay path (`numRuns` is per pair). */
  readonly settings: PropertySettings;
  /** The replay command before `--family F --law L`. */
  readonly replayPrefix: string;
}

/** A message from the child. */
export type ChildMessage =
  | { readonly type: 'loaded'; readonly name: string; readonly description: string }
  | { readonly type: 'load-error'; readonly message: string }
  | { readonly type: 'start'; readonly law: LawId; readonly family: string }
  | { readonly type: 'outcome'; readonly outcome: GateOutcome }
  | { readonly type: 'plugin-error'; readonly text: string }
  | { readonly type: 'done'; readonly reported: number };
