/**
 * Extraction, prelude and laws on fixture trees in QEMU's layouts of 2017, 2020 and 2025: the
 * extraction names the layout, and each historical bug breaks the law it must break on its family,
 * where the correct version of the same layout holds. No QEMU tree is needed. Each variant is one
 * compile, so `npm test` runs the 2025 layout and `npm run test:qemu` all three.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { propertySettingsFromEnv } from '../../src/property-settings.ts';
import { buildRevision } from '../../src/qemu-source/revision-build.ts';
import { CASE_FAMILIES } from '../../src/sync/case-families.ts';
import type { SyncImplementation } from '../../src/sync/contract.ts';
import { lawById } from '../../src/sync/laws/catalogue.ts';
import { checkEntry } from '../../src/sync/law-suite.ts';
import { bindNativeSync } from '../../src/sync/native/native-sync.ts';
import { BUG_EXPECTATIONS, FIXTURE_VARIANTS, type FixtureVariant } from './fixtures/fixture-variant.ts';
import { FIXTURE_LAYOUTS, writeFixtureTree } from './fixtures/fixture-trees.ts';

const scratch = mkdtempSync(join(tmpdir(), 'qemu-fixture-layouts-'));
const env = { ...process.env, DIRTY_SYNC_ORACLE_CACHE: join(scratch, 'cache') };
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The default seed; few runs, since each bug is checked where it must show.
const settings = { ...propertySettingsFromEnv(), numRuns: Math.min(propertySettingsFromEnv().numRuns, 40) };

async function built(layoutName: string, variant: FixtureVariant): Promise<{ implementation: SyncImplementation; layout: string | undefined; functions: string[] }> {
  const fixture = FIXTURE_LAYOUTS.find((f) => f.layout === layoutName);
  if (!fixture) throw new Error(`no fixture layout ${layoutName}`);
  const directory = join(scratch, `${layoutName}-${variant}`);
  writeFixtureTree(directory, fixture.tree(variant));
  const revision = await buildRevision(directory, undefined, 18, env);
  const name = `fixture-${layoutName}-${variant}`;
  return {
    implementation: { name, description: name, syncDirtyBitmap: bindNativeSync(revision.library.path, name) },
    layout: revision.extraction.layout?.name,
    functions: revision.extraction.functions.map((f) => f.definition.name),
  };
}

function broken(implementation: SyncImplementation, law: keyof typeof lawIds, family: string): boolean {
  const familyDefinition = CASE_FAMILIES.find((f) => f.name === family);
  if (!familyDefinition) throw new Error(`no family ${family}`);
  return checkEntry(implementation, familyDefinition, lawById(law), settings, false).result.counterexample !== undefined;
}
const lawIds = { L1: 1, L2: 2, L3: 3, L4: 4, L5: 5, L6: 6, L7: 7, L8: 8, L9: 9 } as const;

// npm test compiles the 2025 layout's seven variants; `npm run test:qemu` all three layouts'.
const layouts = FIXTURE_LAYOUTS.map((f) => f.layout).filter((name) => process.env.QEMU_FIXTURE_LAYOUTS === 'all' || name === '2025');

describe.each(layouts)('the %s layout', (layoutName) => {
  test('is recognised, and the sync and its callees are extracted', async () => {
    const { layout, functions } = await built(layoutName, 'correct');
    expect(layout).toBe(layoutName);
    expect(functions).toEqual(expect.arrayContaining(['test_and_set_bit', 'bitmap_test_and_clear_atomic']));
    expect(functions.some((name) => name.endsWith('physical_memory_test_and_clear_dirty'))).toBe(true);
    expect(functions.includes('clear_bmap_set')).toBe(layoutName !== '2017');
  });

  test('the correct version holds every law a historical bug breaks, on that bug\'s family', async () => {
    const { implementation } = await built(layoutName, 'correct');
    const brokenPairs = Object.values(BUG_EXPECTATIONS).filter(({ law, family }) => broken(implementation, law, family));
    expect(brokenPairs).toEqual([]);
  });

  test.each(FIXTURE_VARIANTS.filter((v): v is Exclude<FixtureVariant, 'correct'> => v !== 'correct'))('%s breaks its law on its family', async (variant) => {
    const { implementation } = await built(layoutName, variant);
    const { law, family } = BUG_EXPECTATIONS[variant];
    expect(broken(implementation, law, family)).toBe(true);
  });
});
