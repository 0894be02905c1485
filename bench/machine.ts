/**
 * A description of the machine and software a run measured, stored with its figures so two
 * `bench/results.json` files are only compared knowingly.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** Where and when a run happened. */
export interface MachineInfo {
  /** Node version, e.g. `v20.20.2`. */
  readonly node: string;
  /** V8 version. */
  readonly v8: string;
  /** CPU model as the OS reports it. */
  readonly cpu: string;
  /** Logical CPUs. */
  readonly cpuCount: number;
  /** Total memory, in GiB. */
  readonly memoryGiB: number;
  /** `process.platform` and `process.arch`. */
  readonly platform: string;
  /** ISO 8601 start time of the run. */
  readonly date: string;
  /** Commit of the measured code, if git can tell; `+dirty` when the tree has changes. */
  readonly commit: string | null;
}

/**
 * Describes this machine now.
 * @param startedAt - when the run started
 * @returns the description
 */
export function describeMachine(startedAt: Date): MachineInfo {
  const processors = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cpuCount: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform}-${process.arch}`,
    date: startedAt.toISOString(),
    commit: gitCommit(),
  };
}

/** The HEAD commit, with `+dirty` when there are uncommitted changes; null outside a git checkout. */
function gitCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.trim() === '' ? head : `${head}+dirty`;
  } catch {
    return null;
  }
}
