/**
 * Compiles a C sync plug-in into a shared library with the system C compiler, with the flags
 * `native/sync_abi.h` states, so the oracle can load it. The compiler's own messages are kept
 * verbatim: they are what a developer changing C code needs to read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { PluginLoadError } from '../plugin-load-error.ts';

/** The directory holding `sync_abi.h`, put on the include path of every compile. */
export const NATIVE_INCLUDE_DIR = resolve(import.meta.dirname, '../../../native');

/**
 * The flags of every compile: QEMU's C dialect (gnu11), and warnings as errors so a warning that
 * QEMU's `-Werror` build would stop on stops here too.
 */
export const C_FLAGS: readonly string[] = ['-std=gnu11', '-O2', '-Wall', '-Werror', '-shared', '-fPIC'];

/** Directories of compiled libraries, removed when the process exits (the libraries stay mapped until then). */
const outputDirectories: string[] = [];

/**
 * The C compiler command: `CC` split on blanks as make does (so `CC="ccache gcc"` works), else `cc`.
 * @param env - the environment
 * @returns the program and its leading arguments
 */
export function compilerCommand(env: NodeJS.ProcessEnv = process.env): [string, ...string[]] {
  const words = (env.CC ?? '').trim().split(/\s+/).filter((word) => word !== '');
  return words.length > 0 ? (words as [string, ...string[]]) : ['cc'];
}

/**
 * Compiles one C file into a shared library in a fresh temporary directory.
 * @param sourcePath - absolute path of the `.c` file
 * @param env - the environment (`CC`)
 * @returns the path of the shared library
 * @throws PluginLoadError when there is no compiler, or the file does not compile (with the compiler's output verbatim)
 */
export function compileSyncPlugin(sourcePath: string, env: NodeJS.ProcessEnv = process.env): string {
  const [compiler, ...compilerArgs] = compilerCommand(env);
  const directory = mkdtempSync(join(tmpdir(), 'dirty-sync-native-'));
  if (outputDirectories.push(directory) === 1) process.once('exit', removeOutputDirectories);
  const libraryPath = join(directory, `lib${basename(sourcePath, extname(sourcePath))}.so`);
  const args = [...compilerArgs, ...C_FLAGS, '-I', NATIVE_INCLUDE_DIR, '-o', libraryPath, sourcePath];
  const result = spawnSync(compiler, args, { encoding: 'utf8' });
  const command = [compiler, ...args].join(' ');
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PluginLoadError(
      missing
        ? `SYNC_IMPL: cannot compile ${sourcePath}: no C compiler "${compiler}" on PATH (install gcc or clang, or set CC to one)`
        : `SYNC_IMPL: cannot compile ${sourcePath}: running ${command} failed: ${result.error.message}`,
    );
  }
  if (result.status !== 0) {
    const how = result.status === null ? `was killed by ${result.signal}` : `exited with ${result.status}`;
    throw new PluginLoadError(`SYNC_IMPL: ${sourcePath} does not compile (${compiler} ${how}):\n$ ${command}\n${`${result.stdout}${result.stderr}`.trimEnd()}`);
  }
  return libraryPath;
}

function removeOutputDirectories(): void {
  for (const directory of outputDirectories) rmSync(directory, { recursive: true, force: true });
}
