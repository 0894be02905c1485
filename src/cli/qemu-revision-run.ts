/**
 * What one revision's run through the laws needs from the `qemu` command's options, and the run
 * itself: the gate's runner on the revision's library, with replay lines that name the source and
 * the revision.
 */
import type { BaselineEntry } from '../gate/baseline.ts';
import type { GateRun } from '../gate/gate-outcome.ts';
import { runGate } from '../gate/run-gate.ts';
import type { PropertySettings } from '../property-settings.ts';
import type { BuiltRevision } from '../qemu-source/revision-build.ts';
import { DEFAULT_CLEAR_BMAP_SHIFT } from '../qemu-source/translation-unit.ts';
import type { LawId } from '../sync/laws/law.ts';
import { CLI_NAME } from './quantity.ts';

/** The `qemu` command's options, parsed. */
export interface QemuOptions {
  readonly source: string;
  readonly revisions: readonly (string | undefined)[];
  readonly history: boolean;
  readonly laws: readonly LawId[];
  readonly families: readonly string[];
  readonly clearBmapShift: number;
  readonly all: boolean;
  readonly json: boolean;
  readonly baselinePath?: string;
  readonly writeBaselinePath?: string;
  readonly settings: PropertySettings;
}

/**
 * The command that replays a check of a revision, before `--family F --law L`.
 * @param options - the run's options
 * @param revision - the revision, or undefined for the working tree
 * @returns the command
 */
export function replayPrefix(options: QemuOptions, revision: string | undefined): string {
  const shift = options.clearBmapShift === DEFAULT_CLEAR_BMAP_SHIFT ? '' : ` --clear-bmap-shift ${options.clearBmapShift}`;
  return `npx ${CLI_NAME} qemu --source ${options.source}${revision === undefined ? '' : ` --rev ${revision}`}${shift}`;
}

/**
 * The name a revision's outcomes and baselines use.
 * @param built - the built revision
 * @returns `qemu@REV`, or `qemu@worktree`
 */
export function revisionLabel(built: BuiltRevision): string {
  return `qemu@${built.tree.revision ?? 'worktree'}`;
}

/**
 * Runs the laws on a built revision through the gate's runner (a child process; crashes and hangs
 * end only their own check).
 * @param built - the built revision
 * @param options - the run's options
 * @param revision - the revision as given
 * @param expected - the baseline's entries, searched for with more runs
 * @param env - the environment
 * @returns the run
 */
export async function runRevisionLaws(built: BuiltRevision, options: QemuOptions, revision: string | undefined, expected: readonly BaselineEntry[], env: NodeJS.ProcessEnv): Promise<GateRun> {
  return runGate({
    source: { pluginPath: built.library.path },
    label: revisionLabel(built),
    replayPrefix: replayPrefix(options, revision),
    laws: options.laws,
    families: options.families,
    settings: options.settings,
    expected: (law, family) => expected.some((entry) => entry.law === law && entry.family === family),
    env,
  });
}

