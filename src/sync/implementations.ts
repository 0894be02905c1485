/**
 * The implementations the suite holds, in the order reports list them.
 */
import type { SyncImplementation } from './contract.ts';
import { qemuLanded } from './qemu-landed.ts';
import { qemuPrePatch } from './qemu-pre-patch.ts';
import { reference } from './reference.ts';
import { wordwise } from './wordwise.ts';

/** Every built-in implementation: the spec, this project's optimized sync, and QEMU before and after e8a6d158. */
export const BUILT_IN_IMPLEMENTATIONS: readonly SyncImplementation[] = [reference, wordwise, qemuPrePatch, qemuLanded];
