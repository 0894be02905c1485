/**
 * The error for a plug-in that cannot be used at all (as opposed to one that breaks a law): missing,
 * of an unknown type, failing to compile or load, or without the function the contract asks for.
 */

/** A plug-in that cannot be used; the message names the module and what is wrong with it. */
export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';
}
