/**
 * Finds QEMU's sync in a tree and every function it calls on its path (the test-and-clear, the TCG
 * re-arm, `clear_bmap_set` and `clear_bmap_size`, the bitmap helpers), following calls until each
 * is either defined in a searched file or stood in for by the prelude. Definitions are taken
 * verbatim, as tree-sitter's C parser delimits them.
 */
import { functionDefinitions, type CFunctionDefinition } from './c-functions.ts';
import { describeSupportedLayouts, HELPER_FILES, matchLayout, SYNC_FILES, SYNC_FUNCTION_NAMES, type QemuLayout } from './layouts.ts';
import { PRELUDE_NAMES } from './prelude.ts';
import { QemuSourceError } from './qemu-source-error.ts';
import type { QemuTree } from './qemu-tree.ts';

/** One extracted definition and where it came from. */
export interface ExtractedFunction {
  /** Path of its file in the tree. */
  readonly file: string;
  /** The definition. */
  readonly definition: CFunctionDefinition;
}

/** How the sync is called. */
export interface SyncSignature {
  /** True when it takes a fourth argument, the `uint64_t *real_dirty_pages` counter (until 2020). */
  readonly realDirtyPages: boolean;
  /** True when start and length are bytes (every QEMU so far); false when the parameters are pages. */
  readonly bytes: boolean;
}

/** What the extraction found. */
export interface Extraction {
  /** The sync, first in {@link functions}. */
  readonly sync: ExtractedFunction;
  /** The sync and every function it reaches, in the order they were found. */
  readonly functions: readonly ExtractedFunction[];
  /** How the sync is called. */
  readonly signature: SyncSignature;
  /** The known layout this matches, or undefined for a shape no supported layout has. */
  readonly layout?: QemuLayout;
  /** Files the definitions came from, with git's blob hash of each (the build cache's key). */
  readonly blobs: readonly { readonly path: string; readonly blobHash: string }[];
}

/**
 * Extracts the sync and its callees from a tree.
 * @param tree - the tree
 * @returns the extraction
 * @throws QemuSourceError when the sync, or a function it calls, is in none of the searched files, or the sync's signature is not one QEMU has had
 */
export async function extractSync(tree: QemuTree): Promise<Extraction> {
  const definitionsByFile = new Map<string, CFunctionDefinition[]>();
  const definitionsIn = async (path: string): Promise<CFunctionDefinition[]> => {
    let definitions = definitionsByFile.get(path);
    if (!definitions) {
      const file = tree.read(path);
      definitions = file ? await functionDefinitions(file.text) : [];
      definitionsByFile.set(path, definitions);
    }
    return definitions;
  };
  const find = async (name: string, files: readonly string[]): Promise<ExtractedFunction | undefined> => {
    for (const file of files) {
      const definition = (await definitionsIn(file)).find((d) => d.name === name);
      if (definition) return { file, definition };
    }
    return undefined;
  };

  let sync: ExtractedFunction | undefined;
  for (const name of SYNC_FUNCTION_NAMES) {
    sync ??= await find(name, SYNC_FILES);
  }
  if (!sync) {
    throw new QemuSourceError(
      `${tree.label}: no definition of ${SYNC_FUNCTION_NAMES.join(' or ')} in ${SYNC_FILES.join(', ')}; supported layouts (2017-03 to today): ${describeSupportedLayouts()}`,
    );
  }
  const functions: ExtractedFunction[] = [sync];
  const missing: string[] = [];
  const queue = sync.definition.calls.map((callee) => ({ callee, caller: sync.definition.name }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { callee, caller } = next;
    if (PRELUDE_NAMES.has(callee) || callee.startsWith('__builtin_') || functions.some((f) => f.definition.name === callee)) continue;
    const found = await find(callee, HELPER_FILES);
    if (!found) {
      if (!missing.some((m) => m.startsWith(`${callee} `))) missing.push(`${callee} (called by ${caller})`);
      continue;
    }
    functions.push(found);
    queue.push(...found.definition.calls.map((c) => ({ callee: c, caller: callee })));
  }
  if (missing.length > 0) {
    throw new QemuSourceError(
      `${tree.label}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} defined in none of ${HELPER_FILES.join(', ')}, and the prelude does not stand in for ${missing.length === 1 ? 'it' : 'them'}; supported layouts: ${describeSupportedLayouts()}`,
    );
  }
  const signature = syncSignature(tree, sync);
  const testAndClear = functions.find((f) => f.definition.name.endsWith('physical_memory_test_and_clear_dirty'));
  const layout = matchLayout(sync.file, sync.definition.name, testAndClear?.file, signature.realDirtyPages);
  const paths = [...new Set(functions.map((f) => f.file))].sort();
  const blobs = paths.map((path) => ({ path, blobHash: tree.read(path)?.blobHash ?? '' }));
  return { sync, functions, signature, ...(layout ? { layout } : {}), blobs };
}

function syncSignature(tree: QemuTree, sync: ExtractedFunction): SyncSignature {
  const { parameters, name } = sync.definition;
  const shape = `${name}(${parameters.map((p) => p.declaration).join(', ')})`;
  const counter = parameters[3];
  const realDirtyPages = parameters.length === 4 && counter !== undefined && /\buint64_t\s*\*/.test(counter.declaration);
  if (parameters.length !== 3 && !realDirtyPages) {
    throw new QemuSourceError(`${tree.label}: ${sync.file} defines ${shape}; supported are (rb, start, length) and, until 2020, (rb, start, length, uint64_t *real_dirty_pages)`);
  }
  const bytes = !/page/.test(parameters[1]?.name ?? '');
  return { realDirtyPages, bytes };
}
