/**
 * The error for a QEMU tree the `qemu` command cannot use: not a QEMU tree, an unknown revision, a
 * function that is not where any supported layout puts it, extracted code that does not compile, or
 * no git. The command line prints its first line on stderr and exits 2.
 */
export class QemuSourceError extends Error {
  /**
   * @param message - what is wrong, in one line a QEMU developer can act on (details may follow on later lines)
   */
  constructor(message: string) {
    super(message);
    this.name = 'QemuSourceError';
  }
}
