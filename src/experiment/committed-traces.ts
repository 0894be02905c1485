/**
 * The traces recorded by `npm run experiment:qemu` and committed under `data/qemu-experiment/`, which
 * the tests and the report replay without QEMU.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asExperimentTrace, type ExperimentTrace } from './experiment-trace.ts';

/** The directory of the committed traces. */
export const COMMITTED_TRACE_DIRECTORY = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/qemu-experiment');

/**
 * Reads one committed trace.
 * @param name - `sweep` or `lost-writes`
 * @returns the experiment
 * @throws Error when the file is missing; TypeError when it is not a trace
 */
export function readCommittedTrace(name: 'sweep' | 'lost-writes'): ExperimentTrace {
  const path = resolve(COMMITTED_TRACE_DIRECTORY, `${name}.json`);
  return asExperimentTrace(JSON.parse(readFileSync(path, 'utf8')), path);
}
