/**
 * A QEMU source tree as the `qemu` command reads it: the files of a working tree as they are on disk,
 * or, with a revision, the files of that commit read with git from a working tree or a bare
 * repository, without a checkout. Each file carries git's blob hash, which keys the build cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gitText, runGit } from './git-runner.ts';
import { QemuSourceError } from './qemu-source-error.ts';

/** Files every QEMU tree of the supported period has; their absence means the directory is not QEMU. */
export const QEMU_TREE_MARKERS: readonly string[] = ['util/bitmap.c', 'include/qemu/bitops.h', 'migration/ram.c'];

/** One file of the tree. */
export interface QemuSourceFile {
  /** Path inside the tree, with `/`. */
  readonly path: string;
  /** The file's text. */
  readonly text: string;
  /** git's blob hash of the content (computed for working-tree files, so it matches git's). */
  readonly blobHash: string;
}

/** A tree to read files from. */
export interface QemuTree {
  /** The directory as resolved. */
  readonly directory: string;
  /** The revision as the user wrote it, when reading from git. */
  readonly revision?: string;
  /** The commit's full hash, when reading from git. */
  readonly commit?: string;
  /** How to name this tree to the user: `DIR` or `DIR at REV`. */
  readonly label: string;
  /** The file-name prefix for `#line` directives and compiler messages: `REV:` or empty. */
  readonly linePrefix: string;
  /**
   * Reads one of the files the tree was opened for.
   * @param path - path inside the tree
   * @returns the file, or undefined when the tree has no such file
   */
  read(path: string): QemuSourceFile | undefined;
}

/**
 * git's blob hash of a content: SHA-1 of `blob <length>\0<content>`.
 * @param content - the bytes
 * @returns the 40-digit hex hash
 */
export function gitBlobHash(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * Opens a QEMU tree.
 * @param directory - a working tree, or a git directory (bare or not)
 * @param revision - a revision to read with git; without it the working tree's files are read, or `HEAD` of a bare repository
 * @param paths - the files that will be read (only these are looked up at a revision)
 * @param env - the environment (`GIT`)
 * @returns the tree
 * @throws QemuSourceError when the directory does not exist, is not a QEMU tree, the revision is unknown, or git is missing
 */
export function openQemuTree(directory: string, revision: string | undefined, paths: readonly string[], env: NodeJS.ProcessEnv = process.env): QemuTree {
  const root = resolve(directory);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new QemuSourceError(`--source must be a QEMU working tree or git directory, got "${directory}", which is not a directory`);
  if (revision === undefined && QEMU_TREE_MARKERS.every((marker) => existsSync(join(root, marker)))) return workingTree(root);
  if (revision === undefined && !isGitDirectory(root, env)) throw notQemu(root, 'it has none of its files, and is not a git repository');
  return revisionTree(root, revision ?? 'HEAD', paths, env);
}

function workingTree(root: string): QemuTree {
  const cache = new Map<string, QemuSourceFile | undefined>();
  return {
    directory: root,
    label: root,
    linePrefix: `${root}/`,
    read(path) {
      if (!cache.has(path)) {
        const full = join(root, path);
        const content = existsSync(full) && statSync(full).isFile() ? readFileSync(full) : undefined;
        cache.set(path, content && { path, text: content.toString('utf8'), blobHash: gitBlobHash(content) });
      }
      return cache.get(path);
    },
  };
}

function isGitDirectory(root: string, env: NodeJS.ProcessEnv): boolean {
  return runGit(root, ['rev-parse', '--git-dir'], env).status === 0;
}

function revisionTree(root: string, revision: string, paths: readonly string[], env: NodeJS.ProcessEnv): QemuTree {
  if (!isGitDirectory(root, env)) throw new QemuSourceError(`--rev needs a git repository, and ${root} is not one (a QEMU working tree with its .git, or a bare clone)`);
  if (revision.startsWith('-')) throw new QemuSourceError(`--rev must name a revision, got "${revision}"`);
  const resolved = runGit(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], env);
  if (resolved.status !== 0) throw new QemuSourceError(`unknown revision "${revision}" in ${root} (git rev-parse finds no commit by that name)`);
  const commit = resolved.stdout.toString('utf8').trim();
  const wanted = [...new Set([...QEMU_TREE_MARKERS, ...paths])];
  const blobs = new Map<string, string>();
  const listing = gitText(root, ['ls-tree', '-z', commit, '--', ...wanted], `listing files at ${revision}`, env);
  for (const entry of listing.split('\0').filter((line) => line !== '')) {
    const [meta, path] = entry.split('\t');
    const [, type, hash] = meta.split(' ');
    if (type === 'blob' && path !== undefined && hash !== undefined) blobs.set(path, hash);
  }
  const missing = QEMU_TREE_MARKERS.filter((marker) => !blobs.has(marker));
  if (missing.length > 0) throw notQemu(`${root} at ${revision}`, `it has no ${missing.join(', ')}`);
  const cache = new Map<string, QemuSourceFile>();
  const short = commit.slice(0, 12);
  return {
    directory: root,
    revision,
    commit,
    label: `${root} at ${revision}${revision.startsWith(short) ? '' : ` (${short})`}`,
    linePrefix: `${revision}:`,
    read(path) {
      const hash = blobs.get(path);
      if (hash === undefined) return undefined;
      let file = cache.get(path);
      if (!file) {
        file = { path, text: gitText(root, ['cat-file', 'blob', hash], `reading ${path} at ${revision}`, env), blobHash: hash };
        cache.set(path, file);
      }
      return file;
    },
  };
}

function notQemu(where: string, why: string): QemuSourceError {
  return new QemuSourceError(`${where} is not a QEMU tree: ${why} (looked for ${QEMU_TREE_MARKERS.join(', ')})`);
}
