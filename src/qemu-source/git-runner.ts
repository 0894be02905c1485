/**
 * Runs git on a user's QEMU repository. Every read of a revision goes through here, so a missing git
 * and an unusable repository are reported the same way everywhere, as a {@link QemuSourceError}.
 */
import { spawnSync } from 'node:child_process';
import { QemuSourceError } from './qemu-source-error.ts';

/** git's output can hold whole source files (migration/ram.c is about 130 KiB); leave ample room. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** The result of a git command that ran. */
export interface GitResult {
  /** Exit status. */
  readonly status: number;
  /** Standard output, as bytes (blobs are not always UTF-8). */
  readonly stdout: Buffer;
  /** Standard error, as text. */
  readonly stderr: string;
}

/**
 * Runs `git -C repository args…`; works for working trees and bare repositories alike.
 * @param repository - the directory git runs in
 * @param args - git's arguments
 * @param env - the environment (`GIT` names another git program)
 * @returns the status and output
 * @throws QemuSourceError when git cannot be run at all (not installed, not on PATH)
 */
export function runGit(repository: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): GitResult {
  const program = env.GIT?.trim() || 'git';
  const result = spawnSync(program, ['-C', repository, ...args], { maxBuffer: MAX_OUTPUT_BYTES, env: { ...env, GIT_OPTIONAL_LOCKS: '0' } });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new QemuSourceError(
      missing
        ? `git is needed to read a revision, and "${program}" is not on PATH (install git, or set GIT to its path)`
        : `running ${program} ${args.join(' ')} in ${repository} failed: ${result.error.message}`,
    );
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
}

/**
 * Runs git and returns its standard output as text, failing on a non-zero exit.
 * @param repository - the directory git runs in
 * @param args - git's arguments
 * @param what - what the command was for, for the error message
 * @param env - the environment
 * @returns standard output
 * @throws QemuSourceError when git is missing or the command fails (with git's first line of stderr)
 */
export function gitText(repository: string, args: readonly string[], what: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = runGit(repository, args, env);
  if (result.status !== 0) throw new QemuSourceError(`${what} in ${repository} failed: ${result.stderr.split('\n')[0] || `git ${args[0]} exited with ${result.status}`}`);
  return result.stdout.toString('utf8');
}
