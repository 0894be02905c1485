/**
 * One revision from source to library: open the tree, extract the sync and its callees, build (or
 * find in the cache) the shared library. Describes what was found, for the command's header.
 */
import { extractSync, type Extraction } from './extraction.ts';
import { SEARCHED_FILES } from './layouts.ts';
import { buildLibrary, type BuiltLibrary } from './library-build.ts';
import { openQemuTree, type QemuTree } from './qemu-tree.ts';

/** A revision ready to be checked. */
export interface BuiltRevision {
  /** The tree read. */
  readonly tree: QemuTree;
  /** What was extracted from it. */
  readonly extraction: Extraction;
  /** The library. */
  readonly library: BuiltLibrary;
}

/**
 * Builds one revision.
 * @param source - the QEMU working tree or git directory
 * @param revision - the revision, or undefined for the working tree (HEAD of a bare repository)
 * @param clearBmapShift - log2 of the pages per clear_bmap chunk
 * @param env - the environment (`GIT`, `CC`, the cache directory)
 * @returns the built revision
 * @throws QemuSourceError for every way the tree cannot be used
 */
export async function buildRevision(source: string, revision: string | undefined, clearBmapShift: number, env: NodeJS.ProcessEnv = process.env): Promise<BuiltRevision> {
  const tree = openQemuTree(source, revision, SEARCHED_FILES, env);
  const extraction = await extractSync(tree);
  const library = buildLibrary(tree, extraction, clearBmapShift, env);
  return { tree, extraction, library };
}

/**
 * The lines that say what was judged: the layout, the sync's signature, each function extracted with
 * its file and line, and whether the library was compiled or cached.
 * @param built - the built revision
 * @returns the lines
 */
export function describeBuiltRevision(built: BuiltRevision): string[] {
  const { tree, extraction, library } = built;
  const { sync, layout, signature } = extraction;
  const shape = `${sync.definition.name}(${sync.definition.parameters.map((p) => p.declaration).join(', ')})`;
  const layoutText = layout ? `layout ${layout.name} (${layout.period})` : 'a layout none of the known ones has (extracted all the same)';
  return [
    `QEMU ${tree.label}: ${layoutText}`,
    `  sync:      ${shape}, ${signature.bytes ? 'bytes' : 'pages'}${signature.realDirtyPages ? ', with the real_dirty_pages counter' : ''}`,
    `  extracted: ${extraction.functions.map(({ file, definition }) => `${definition.name} (${file}:${definition.line})`).join(', ')}`,
    `  library:   ${library.cached ? 'from the cache' : 'compiled'} (${library.path})`,
  ];
}
