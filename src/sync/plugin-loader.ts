/**
 * Loads a user's sync implementation (the plug-in contract of SPEC §1.2): a module that exports
 * `syncDirtyBitmap(mem, rb, startPage, npages, effects)`.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SyncDirtyBitmap, SyncImplementation } from './contract.ts';

/** File types loaded as JavaScript or TypeScript modules. */
export const MODULE_EXTENSIONS: readonly string[] = ['.mjs', '.js', '.cjs', '.ts', '.mts'];

/** A plug-in that cannot be used; the message names the module and what is wrong with it. */
export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';
}

/**
 * Imports a plug-in module and checks its export.
 * @param modulePath - path to the module, absolute or relative to `cwd`
 * @param cwd - the directory relative paths start from
 * @returns the implementation, named after the file
 * @throws PluginLoadError when the file is missing, of an unknown type, fails to load, or does not export `syncDirtyBitmap`
 */
export async function loadSyncPlugin(modulePath: string, cwd: string = process.cwd()): Promise<SyncImplementation> {
  const path = resolve(cwd, modulePath);
  if (!existsSync(path) || !statSync(path).isFile()) throw new PluginLoadError(`SYNC_IMPL: no file at ${path} (given as "${modulePath}")`);
  const extension = extname(path);
  if (!MODULE_EXTENSIONS.includes(extension)) {
    throw new PluginLoadError(`SYNC_IMPL: ${path} has type "${extension}"; expected a module (${MODULE_EXTENSIONS.join(', ')})`);
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
