/**
 * Page-protected buffers for native plug-ins (`native/guard-pages.c`, through koffi): each bitmap
 * a C plug-in receives ends where an inaccessible page begins, so an access past its end faults at
 * the instruction instead of corrupting the heap, and the fault handler writes which buffer and how
 * far past it to a report file before the process dies of the signal.
 */
import koffi from 'koffi';
import { compileGuardPages } from './compile.ts';

/** One page-guarded buffer. */
export interface PageGuardedBuffer {
  /** The buffer, whose last word is followed by an inaccessible page. */
  readonly words: Uint32Array;
  /** Unmaps it; the view must not be used afterwards. */
  release(): void;
}

/** Allocates page-guarded buffers. */
export interface PageGuards {
  /**
   * Maps a zeroed buffer.
   * @param words - 32-bit words (even: whole 64-bit words)
   * @param name - the buffer's name in a fault report, e.g. `block 3`
   * @returns the buffer
   * @throws Error when the memory cannot be mapped
   */
  allocate(words: number, name: string): PageGuardedBuffer;
}

let loaded: PageGuards | undefined;

/** Released buffers kept per size: more than one case's worth (blocks and `bmap`, whole and split runs). */
const POOL_LIMIT = 64;

/**
 * Compiles and loads the page guards once per process, and installs the fault handler.
 * @param reportPath - the file fault reports go to (created or emptied); standard error when undefined
 * @param env - the environment (`CC`)
 * @returns the allocator
 * @throws PluginLoadError when there is no compiler
 */
export function loadPageGuards(reportPath?: string, env: NodeJS.ProcessEnv = process.env): PageGuards {
  if (loaded) return loaded;
  const library = koffi.load(compileGuardPages(env));
  const guardAlloc = library.func('void *guard_alloc(size_t bytes, const char *name)');
  const guardFree = library.func('void guard_free(void *start)');
  const guardInstall = library.func('int guard_install(const char *report_path)');
  if (guardInstall(reportPath ?? null) !== 0) throw new Error(`page guards: cannot open the fault report ${reportPath}`);
  // Mapping and protecting pages costs far more than a case's work, so released buffers are kept,
  // by size, for the next case; the name a fault report gives is updated on reuse.
  const guardRename = library.func('void guard_rename(void *start, const char *name)');
  const pool = new Map<number, unknown[]>();
  loaded = {
    allocate(words, name) {
      const reused = pool.get(words)?.pop();
      const pointer = reused ?? guardAlloc(words * 4, name);
      if (pointer === null) throw new Error(`page guards: cannot map ${words * 4} bytes for ${name}`);
      if (reused) guardRename(pointer, name);
      const view = new Uint32Array(koffi.view(pointer, words * 4));
      return {
        words: view,
        release: () => {
          const free = pool.get(words) ?? [];
          pool.set(words, free);
          if (free.length < POOL_LIMIT) free.push(pointer);
          else guardFree(pointer);
        },
      };
    },
  };
  return loaded;
}
