/**
 * QEMU processes bounded in time: each is killed at its deadline, and every one still running is
 * killed when this process exits, is interrupted (Ctrl-C) or terminated, so an experiment never
 * leaves a QEMU behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A running QEMU. */
export interface QemuProcess {
  /** Its process id. */
  readonly pid: number;
  /** What it wrote on stderr so far. */
  readonly stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once it ended. */
  readonly exited: Promise<number | string>;
  /** Ends it: SIGTERM, then SIGKILL after 2 s if it is still there. */
  readonly stop: () => Promise<number | string>;
}

const running = new Set<ChildProcess>();
let handlersInstalled = false;

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      process.stderr.write(`experiment: ${signal}, QEMU processes killed\n`);
      process.exit(130);
    });
  }
}

/**
 * Starts QEMU.
 * @param binary - the executable, e.g. `qemu-system-x86_64`
 * @param args - its arguments
 * @param lifetimeMs - the deadline: it is killed this long after the start whatever happens (ms)
 * @returns the process
 * @throws RangeError when lifetimeMs is not a positive number
 */
export function startQemu(binary: string, args: readonly string[], lifetimeMs: number): QemuProcess {
  if (!(lifetimeMs > 0)) throw new RangeError(`startQemu: lifetimeMs must be > 0, got ${lifetimeMs}`);
  installHandlers();
  const child = spawn(binary, [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 64_000) stderr += chunk;
  });
  const deadline = setTimeout(() => child.kill('SIGKILL'), lifetimeMs);
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
    child.on('error', (error) => {
      clearTimeout(deadline);
      running.delete(child);
      stderr += error.message;
      resolve('spawn-error');
    });
  });
  const stop = async (): Promise<number | string> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 2000);
      const result = await exited;
      clearTimeout(forced);
      return result;
    }
    return exited;
  };
  return { pid: child.pid ?? -1, stderr: () => stderr, exited, stop };
}
