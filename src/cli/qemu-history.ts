/**
 * The history mode of `dirty-sync-oracle qemu`: each revision built (once per distinct set of blobs)
 * and checked, then a findings × revisions table showing which commit introduced or removed each
 * finding, or the same as JSON.
 */
import { failuresOf, type GateRun } from '../gate/gate-outcome.ts';
import { gitText } from '../qemu-source/git-runner.ts';
import { formatHistoryTable, type RevisionFindings } from '../qemu-source/history-table.ts';
import { QemuSourceError } from '../qemu-source/qemu-source-error.ts';
import { buildRevision, type BuiltRevision } from '../qemu-source/revision-build.ts';
import type { CliOutput } from './cli-command.ts';
import { runRevisionLaws, type QemuOptions } from './qemu-revision-run.ts';

/**
 * Runs the history.
 * @param options - the run's options (two or more revisions)
 * @param output - where to write: progress on stderr, the table or JSON on stdout
 * @param env - the environment
 * @returns 0 when every revision was checked completely, else 1
 * @throws QemuSourceError when a revision is unknown or git is missing (a revision that cannot be built is a row of the table instead)
 */
export async function historyRun(options: QemuOptions, output: CliOutput, env: NodeJS.ProcessEnv): Promise<number> {
  const results: RevisionFindings[] = [];
  // Revisions with the same extracted code share a library, and so their findings: checked once.
  const runsByLibrary = new Map<string, GateRun>();
  let incomplete = false;
  for (const revision of options.revisions) {
    const name = revision ?? 'HEAD';
    const commit = gitText(options.source, ['rev-parse', '--verify', `${name}^{commit}`], `looking up ${name}`, env).trim();
    const subject = gitText(options.source, ['log', '-1', '--format=%ad %s', '--date=short', commit], `reading ${name}`, env).trim();
    let built: BuiltRevision;
    try {
      built = await buildRevision(options.source, revision, options.clearBmapShift, env);
    } catch (error) {
      if (!(error instanceof QemuSourceError)) throw error;
      const reason = error.message.split('\n')[0] ?? '';
      results.push({ revision: name, commit, subject, layout: '', error: reason });
      output.stderr(`${commit.slice(0, 10)}: not checked: ${reason}`);
      continue;
    }
    let run = runsByLibrary.get(built.library.key);
    if (!run) {
      run = await runRevisionLaws(built, options, revision, [], env);
      runsByLibrary.set(built.library.key, run);
    }
    incomplete ||= !run.complete;
    const findings = failuresOf(run).map(({ law, family, kind, summary }) => ({ law, family, kind, summary }));
    results.push({ revision: name, commit, subject, layout: built.extraction.layout?.name ?? 'unknown layout', findings });
    output.stderr(`${commit.slice(0, 10)}: ${findings.length} finding(s)${built.library.cached ? '' : ' (compiled)'}`);
  }
  const { seed, numRuns } = options.settings;
  output.stdout(options.json ? JSON.stringify({ source: options.source, seed, numRuns, laws: options.laws, families: options.families, revisions: results }, null, 2) : formatHistoryTable(results).join('\n'));
  return incomplete || results.some((r) => r.error) ? 1 : 0;
}
