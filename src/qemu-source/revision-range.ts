/**
 * The revisions of a history run: `--rev` values as given, or `--revs A..B`, which is A followed by
 * the first-parent commits after A up to B that touch any file the extraction searches.
 */
import { gitText, runGit } from './git-runner.ts';
import { SEARCHED_FILES } from './layouts.ts';
import { QemuSourceError } from './qemu-source-error.ts';

/**
 * Lists the revisions of a range.
 * @param source - the repository
 * @param range - `A..B`
 * @param env - the environment (`GIT`)
 * @returns A, then the commits of the range oldest first, as full hashes
 * @throws QemuSourceError when the range is not `A..B`, names an unknown revision, or git is missing
 */
export function revisionsOfRange(source: string, range: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const match = /^([^.\s]+)\.\.([^.\s]+)$/.exec(range);
  if (!match) throw new QemuSourceError(`--revs must be A..B (two revisions), got "${range}"`);
  const [, from, to] = match as unknown as [string, string, string];
  const resolve = (revision: string): string => {
    const result = runGit(source, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], env);
    if (result.status !== 0) throw new QemuSourceError(`--revs ${range}: unknown revision "${revision}" in ${source}`);
    return result.stdout.toString('utf8').trim();
  };
  const first = resolve(from);
  resolve(to);
  const listing = gitText(source, ['rev-list', '--first-parent', '--reverse', `${from}..${to}`, '--', ...SEARCHED_FILES], `listing ${range}`, env);
  return [first, ...listing.split('\n').filter((line) => line !== '')];
}
