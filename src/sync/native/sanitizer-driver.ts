/**
 * `SYNC_SANITIZE=address,undefined`: the plug-in and the crash probe built with AddressSanitizer
 * and UndefinedBehaviorSanitizer, the probe acting as the driver that runs each case natively. The
 * sanitizers' runtime must be the first thing in its process, which a running Node process cannot
 * offer, so the cases go to this small C program over a pipe, one process per case, and an error
 * aborts it with the sanitizer's report on standard error.
 */
import { rangeError } from '../../check.ts';
import { compileCrashProbe, compileSyncPlugin } from './compile.ts';
import { createCrashProbe, type CrashProbe } from './crash-probe.ts';

/** The environment variable that asks for the sanitizers. */
export const SANITIZE_VARIABLE = 'SYNC_SANITIZE';

/** The sanitizers that can be asked for. */
export const SANITIZERS: readonly string[] = ['address', 'undefined'];

/**
 * Reads `SYNC_SANITIZE`.
 * @param env - the environment
 * @returns the sanitizers as the compiler's `-fsanitize=` takes them, or undefined when none is asked for
 * @throws RangeError when the value names anything else
 */
export function sanitizersFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const text = env[SANITIZE_VARIABLE]?.trim();
  if (!text) return undefined;
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => !SANITIZERS.includes(name))) throw rangeError('test-sync', SANITIZE_VARIABLE, `a comma-separated list of ${SANITIZERS.join(', ')}`, text);
  return [...new Set(names)].join(',');
}

/**
 * Builds the sanitized plug-in and its driver.
 * @param sourcePath - the plug-in's `.c` file
 * @param sanitizers - as `sanitizersFromEnv` returns them
 * @param env - the environment (`CC`)
 * @returns a probe whose crashes are sanitizer errors, with the report as `fault`
 * @throws PluginLoadError when either does not compile (a compiler without the sanitizers' runtime, say)
 */
export function createSanitizerDriver(sourcePath: string, sanitizers: string, env: NodeJS.ProcessEnv = process.env): CrashProbe {
  const flags = [`-fsanitize=${sanitizers}`, '-fno-omit-frame-pointer', '-g'];
  const library = compileSyncPlugin(sourcePath, env, flags);
  const program = compileCrashProbe(env, flags);
  // Every error aborts the driver, so the probe sees it as a crash with the report on stderr.
  const runEnv = {
    ...env,
    ASAN_OPTIONS: `abort_on_error=1:detect_leaks=0${env.ASAN_OPTIONS ? `:${env.ASAN_OPTIONS}` : ''}`,
    UBSAN_OPTIONS: `halt_on_error=1:abort_on_error=1:print_stacktrace=1${env.UBSAN_OPTIONS ? `:${env.UBSAN_OPTIONS}` : ''}`,
  };
  return createCrashProbe(library, runEnv, program);
}
