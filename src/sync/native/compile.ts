/**
 * The system C compiler, as the native plug-in uses it: a C sync plug-in becomes a shared library
 * with the flags `native/sync_abi.h` states, and the crash probe becomes a program. The compiler's
 * own messages are kept verbatim: they are what a developer changing C code needs to read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { PluginLoadError } from '../plugin-load-error.ts';

/** The directory holding `sync_abi.h` and the crash probe, put on the include path of every compile. */
export const NATIVE_DIR = resolve(import.meta.dirname, '../../../native');

/**
 * The flags of every compile: QEMU's C dialect (gnu11), and warnings as errors so a warning that
 * QEMU's `-Werror` build would stop on stops here too.
 */
export const C_FLAGS: readonly string[] = ['-std=gnu11', '-O2', '-Wall', '-Werror'];

/** The flags that make a plug-in a shared library. */
export const LIBRARY_FLAGS: readonly string[] = [...C_FLAGS, '-shared', '-fPIC'];

/** Directories of compiled files, removed when the process exits (a library stays mapped until then). */
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
 * Compiles one C file of a user's into a shared library in a fresh temporary directory.
 * @param sourcePath - absolute path of the `.c` file
 * @param env - the environment (`CC`)
 * @param extraFlags - flags after the library flags (the sanitizers')
 * @returns the path of the shared library
 * @throws PluginLoadError when there is no compiler, or the file does not compile (with the compiler's output verbatim)
 */
export function compileSyncPlugin(sourcePath: string, env: NodeJS.ProcessEnv = process.env, extraFlags: readonly string[] = []): string {
  return compile(sourcePath, `lib${basename(sourcePath, extname(sourcePath))}.so`, [...LIBRARY_FLAGS, ...extraFlags], [], env);
}

/**
 * Compiles the oracle's crash probe (`native/crash-probe.c`) into a program.
 * @param env - the environment (`CC`)
 * @param sanitizerFlags - build it as the sanitizers' driver, with these flags
 * @returns the program's path
 * @throws PluginLoadError when there is no compiler or the probe does not compile
 */
export function compileCrashProbe(env: NodeJS.ProcessEnv = process.env, sanitizerFlags: readonly string[] = []): string {
  // Under a sanitizer the probe's buffers come from malloc, whose redzones the sanitizer watches.
  const flags = sanitizerFlags.length > 0 ? [...C_FLAGS, ...sanitizerFlags, '-DSYNC_PROBE_HEAP'] : C_FLAGS;
  return compile(join(NATIVE_DIR, 'crash-probe.c'), 'crash-probe', flags, [join(NATIVE_DIR, 'guard-pages.c'), '-ldl'], env);
}

/**
 * Compiles the oracle's page-protected buffers (`native/guard-pages.c`) into a shared library.
 * @param env - the environment (`CC`)
 * @returns the library's path
 * @throws PluginLoadError when there is no compiler or the file does not compile
 */
export function compileGuardPages(env: NodeJS.ProcessEnv = process.env): string {
  return compile(join(NATIVE_DIR, 'guard-pages.c'), 'libguard-pages.so', LIBRARY_FLAGS, [], env);
}

/**
 * Compiles the benchmarks' sync timer (`native/sync-timer.c`), which times a native sync with its
 * effects counted in C.
 * @param env - the environment (`CC`)
 * @returns the program's path
 * @throws PluginLoadError when there is no compiler or the timer does not compile
 */
export function compileSyncTimer(env: NodeJS.ProcessEnv = process.env): string {
  return compile(join(NATIVE_DIR, 'sync-timer.c'), 'sync-timer', C_FLAGS, ['-ldl'], env);
}

function compile(sourcePath: string, outputName: string, flags: readonly string[], libraries: readonly string[], env: NodeJS.ProcessEnv): string {
  const [compiler, ...compilerArgs] = compilerCommand(env);
  const directory = mkdtempSync(join(tmpdir(), 'dirty-sync-native-'));
  if (outputDirectories.push(directory) === 1) process.once('exit', removeOutputDirectories);
  const outputPath = join(directory, outputName);
  const args = [...compilerArgs, ...flags, '-I', NATIVE_DIR, '-o', outputPath, sourcePath, ...libraries];
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
  return outputPath;
}

function removeOutputDirectories(): void {
  for (const directory of outputDirectories) rmSync(directory, { recursive: true, force: true });
}
