/**
 * dirty-sync-oracle's public API: named re-exports only.
 */
export type { DirtyMemory, RamBlock, SyncDirtyBitmap, SyncEffects, SyncImplementation } from './sync/contract.ts';
export { referenceSync, reference } from './sync/reference.ts';
export { wordwiseSync, wordwise } from './sync/wordwise.ts';
export { createQemuPrePatch, qemuPrePatch } from './sync/qemu-pre-patch.ts';
export { createQemuLanded, qemuLanded } from './sync/qemu-landed.ts';
export { BUILT_IN_IMPLEMENTATIONS } from './sync/implementations.ts';
export { LAWS, lawById } from './sync/laws/catalogue.ts';
export type { LawId, SyncLaw } from './sync/laws/law.ts';
export { CASE_FAMILIES, QEMU_BLOCK_PAGES, type CaseFamily } from './sync/case-families.ts';
export type { SyncCase } from './sync/sync-case.ts';
export { observeSync, type SyncObservation, type SyncRun } from './sync/observation.ts';
export { createEffectRecorder, type EffectCall, type EffectKind, type EffectRecorder } from './sync/effect-recorder.ts';
export { checkLaw, type Counterexample, type LawCheckResult } from './sync/law-check.ts';
export { runLawSuite, checkEntry, KNOWN_FINDING_SEARCH_FACTOR, type SuiteEntry } from './sync/law-suite.ts';
export { KNOWN_FINDINGS, FINDING_REASONS, knownFinding, type KnownFinding, type FindingReason } from './sync/known-findings.ts';
export { formatCounterexample } from './sync/counterexample-format.ts';
export { loadSyncPlugin, PluginLoadError } from './sync/plugin-loader.ts';
export { allocateBitmap } from './bitmap/bitmap.ts';
export { propertySettingsFromEnv, DEFAULT_SEED, DEFAULT_NUM_RUNS, type PropertySettings } from './property-settings.ts';
