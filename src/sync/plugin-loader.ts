/**
 * Loads a user's sync implementation (the plug-in contract of docs/specification.md): a module that exports
 * `syncDirtyBitmap(mem, rb, startPage, npages, effects)`, or a C file or shared library that
 * exports `sync_dirty_bitmap` as `native/sync_abi.h` states.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SyncDirtyBitmap, SyncImplementation } from './contract.ts';
import { PluginLoadError } from './plugin-load-error.ts';

export { PluginLoadError } from './plugin-load-error.ts';

/** File types loaded as JavaScript or TypeScript modules. */
export const MODULE_EXTENSIONS: readonly string[] = ['.mjs', '.js', '.cjs', '.ts', '.mts'];

/** File types loaded as native code: C compiled with `cc`, or a prebuilt shared library. */
export const NATIVE_EXTENSIONS: readonly string[] = ['.c', '.so'];

/**
 * Tells whether a plug-in path names native code, which can crash the process that calls it.
 * @param modulePath - the plug-in's path
 * @returns true for `.c` and `.so` files
 */
export function isNativePlugin(modulePath: string): boolean {
  return NATIVE_EXTENSIONS.includes(extname(modulePath));
}

/**
 * Loads a plug-in and checks its export: imports a module; compiles a `.c` file with the system C
 * compiler into a temporary shared library; loads a `.so` as it is.
 * @param modulePath - path to the plug-in, absolute or relative to `cwd`
 * @param cwd - the directory relative paths start from
 * @returns the implementation, named after the file
 * @throws PluginLoadError when the file is missing, of an unknown type, does not compile, fails to load, or does not export the sync function
 */
export async function loadSyncPlugin(modulePath: string, cwd: string = process.cwd()): Promise<SyncImplementation> {
  const path = resolve(cwd, modulePath);
  if (!existsSync(path) || !statSync(path).isFile()) throw new PluginLoadError(`SYNC_IMPL: no file at ${path} (given as "${modulePath}")`);
  const extension = extname(path);
  if (NATIVE_EXTENSIONS.includes(extension)) return loadNativePlugin(path);
  if (!MODULE_EXTENSIONS.includes(extension)) {
    throw new PluginLoadError(`SYNC_IMPL: ${path} has type "${extension}"; expected a module (${MODULE_EXTENSIONS.join(', ')}) or native code (${NATIVE_EXTENSIONS.join(', ')})`);
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new PluginLoadError(`SYNC_IMPL: could not load ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fromDefault = (module.default as Record<string, unknown> | undefined)?.syncDirtyBitmap;
  const sync = module.syncDirtyBitmap ?? fromDefault;
  if (typeof sync !== 'function') {
    const names = Object.keys(module).join(', ') || 'nothing';
    throw new PluginLoadError(`SYNC_IMPL: ${path} does not export a function named syncDirtyBitmap (it exports: ${names})`);
  }
  return { name: basename(path), description: `plug-in ${path}`, syncDirtyBitmap: sync as SyncDirtyBitmap };
}

async function loadNativePlugin(path: string): Promise<SyncImplementation> {
  // Imported here so that JS plug-ins and the built-in suite never load the FFI's native addon.
  const { compileSyncPlugin, compilerCommand, LIBRARY_FLAGS } = await import('./native/compile.ts');
  const compiled = extname(path) === '.c';
  const libraryPath = compiled ? compileSyncPlugin(path) : path;
  const name = basename(path);
  let sync: SyncDirtyBitmap;
  try {
    const { bindNativeSync } = await import('./native/native-sync.ts');
    sync = bindNativeSync(libraryPath, name);
  } catch (error) {
    throw new PluginLoadError(`SYNC_IMPL: could not load ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const how = compiled ? `, compiled by ${[...compilerCommand(), ...LIBRARY_FLAGS].join(' ')}` : '';
  return { name, description: `native plug-in ${path}${how}`, syncDirtyBitmap: sync };
}
