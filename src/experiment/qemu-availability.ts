/**
 * Whether QEMU is there to run the experiment, and what to tell a user when it is not: the
 * experiment is optional (the tests replay committed traces), so a missing QEMU is a hint, not an error.
 */
import { execFileSync } from 'node:child_process';

/** The QEMU the experiment runs unless told otherwise. */
export const DEFAULT_QEMU_BINARY = 'qemu-system-x86_64';

/**
 * The hint for a machine without QEMU.
 * @param binary - the QEMU executable that was looked for
 * @returns null when `binary --version` runs; otherwise the lines to print
 */
export function missingQemuHint(binary: string): string[] | null {
  try {
    execFileSync(binary, ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return null;
  } catch {
    return [
      `experiment:qemu: ${binary} is not installed, so there is nothing to run.`,
      '  Debian/Ubuntu: apt-get install qemu-system-x86 binutils   (the guest is assembled with as, ld and objcopy)',
      '  npm test does not need QEMU: it replays the committed traces in data/qemu-experiment/.',
    ];
  }
}
