/**
 * A temporary directory for one test file's compiled plug-ins. The loader removes its temporary
 * files when the process exits, but a test worker is ended without running exit handlers, so the
 * test file points TMPDIR (which `os.tmpdir()` and the processes it spawns read) at a directory of
 * its own and removes that when it is done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Registers the hooks that set TMPDIR to a fresh directory for the file's tests and remove it after them. */
export function useScratchTmpdir(): void {
  let scratch = '';
  let previous: string | undefined;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'native-plugin-test-'));
    previous = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(scratch, { recursive: true, force: true });
  });
}
