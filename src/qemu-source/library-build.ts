/**
 * Compiles the extracted code into a shared library the native runner loads. The C file is written
 * to a temporary directory that is removed as soon as the compiler is done: QEMU's code is never kept.
 * The library is cached outside the repository, keyed by the blobs it was built from, the prelude,
 * the clear_bmap shift and the compiler command, so each revision is compiled once.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilerCommand, NATIVE_DIR } from '../sync/native/compile.ts';
import type { Extraction } from './extraction.ts';
import { QemuSourceError } from './qemu-source-error.ts';
import type { QemuTree } from './qemu-tree.ts';
import { translationUnit } from './translation-unit.ts';

/** The environment variable naming the cache directory (default: `$XDG_CACHE_HOME` or `~/.cache`, then `dirty-sync-oracle/qemu`). */
export const CACHE_VARIABLE = 'DIRTY_SYNC_ORACLE_CACHE';

/**
 * QEMU's C dialect and the code-generation flags of its build that change meaning (wrapping
 * arithmetic, no strict aliasing). Symbols are hidden but for `sync_dirty_bitmap`: QEMU's global
 * functions then bind inside their own library, so two revisions loaded in one process (as the tests
 * do) never call each other's code.
 */
export const QEMU_C_FLAGS: readonly string[] = ['-std=gnu11', '-O2', '-Wall', '-fwrapv', '-fno-strict-aliasing', '-fvisibility=hidden', '-shared', '-fPIC'];

/** A built library. */
export interface BuiltLibrary {
  /** Path of the shared library. */
  readonly path: string;
  /** True when it came from the cache. */
  readonly cached: boolean;
  /** The cache key. */
  readonly key: string;
}

/**
 * The cache directory.
 * @param env - the environment
 * @returns its path (not necessarily existing)
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[CACHE_VARIABLE]?.trim();
  if (explicit) return explicit;
  const base = env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache');
  return join(base, 'dirty-sync-oracle', 'qemu');
}

/**
 * Builds (or finds in the cache) the library for an extraction.
 * @param tree - the tree the code came from (its label names the revision in messages)
 * @param extraction - what was extracted
 * @param clearBmapShift - log2 of the pages per clear_bmap chunk
 * @param env - the environment (`CC`, the cache directory)
 * @returns the library
 * @throws QemuSourceError when there is no compiler or the code does not compile (the compiler's messages at QEMU's file:line)
 */
export function buildLibrary(tree: QemuTree, extraction: Extraction, clearBmapShift: number, env: NodeJS.ProcessEnv = process.env): BuiltLibrary {
  const compiler = compilerCommand(env);
  const source = translationUnit(extraction, tree.linePrefix, clearBmapShift);
  // The key leaves out the #line prefixes, so revisions with the same blobs share one library.
  const keyed = translationUnit(extraction, '', clearBmapShift);
  const key = createHash('sha256').update(JSON.stringify({ compiler, flags: QEMU_C_FLAGS, blobs: extraction.blobs, keyed })).digest('hex').slice(0, 32);
  const directory = cacheDirectory(env);
  const cachedPath = join(directory, `${key}.so`);
  if (existsSync(cachedPath)) return { path: cachedPath, cached: true, key };

  const work = mkdtempSync(join(tmpdir(), 'dirty-sync-qemu-'));
  try {
    const sourcePath = join(work, 'qemu-sync.c');
    const libraryPath = join(work, 'libqemu-sync.so');
    writeFileSync(sourcePath, source);
    const [program, ...programArgs] = compiler;
    const args = [...programArgs, ...QEMU_C_FLAGS, '-I', NATIVE_DIR, '-o', libraryPath, sourcePath];
    const result = spawnSync(program, args, { encoding: 'utf8', env });
    if (result.error) {
      const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new QemuSourceError(missing ? `no C compiler "${program}" on PATH (install gcc or clang, or set CC to one)` : `running ${program} failed: ${result.error.message}`);
    }
    if (result.status !== 0) {
      const messages = `${result.stdout}${result.stderr}`.trimEnd();
      const first = messages.split('\n').find((line) => /\berror\b/.test(line)) ?? messages.split('\n')[0] ?? '';
      throw new QemuSourceError(`the code extracted from ${tree.label} does not compile: ${first.trim()}\n${messages}`);
    }
    try {
      mkdirSync(directory, { recursive: true });
      // Copy then rename, so a concurrent run never loads a half-written library.
      const partial = `${cachedPath}.${process.pid}.partial`;
      copyFileSync(libraryPath, partial);
      renameSync(partial, cachedPath);
      return { path: cachedPath, cached: false, key };
    } catch {
      // No writable cache: keep the library for this process only.
      const kept = mkdtempSync(join(tmpdir(), 'dirty-sync-qemu-lib-'));
      const keptPath = join(kept, 'libqemu-sync.so');
      copyFileSync(libraryPath, keptPath);
      process.once('exit', () => rmSync(kept, { recursive: true, force: true }));
      return { path: keptPath, cached: false, key };
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
