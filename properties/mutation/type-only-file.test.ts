/**
 * A core file of type declarations only has nothing for Stryker to mutate, so it is counted as measured
 * with no mutants; any file that compiles to some JavaScript is not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { declaresTypesOnly } from '../../scripts/mutation/type-only-file.ts';

const scratch = mkdtempSync(join(tmpdir(), 'dso-type-only-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, source: string): string {
  const path = join(scratch, name);
  writeFileSync(path, source);
  return path;
}

describe('declaresTypesOnly', () => {
  test('is true for interfaces, type aliases, type imports and comments', () => {
    expect(declaresTypesOnly(file('types.ts', "/** Doc. */\nimport type { A } from './a.ts';\nexport interface B { readonly a: A }\nexport type C = B | null;\n"))).toBe(true);
    expect(declaresTypesOnly(file('empty.ts', '// nothing here\n'))).toBe(true);
  });

  test('is false as soon as anything compiles to JavaScript', () => {
    expect(declaresTypesOnly(file('constant.ts', 'export interface B { a: number }\nexport const LIMIT = 100;\n'))).toBe(false);
    expect(declaresTypesOnly(file('enum.ts', 'export enum Kind { A, B }\n'))).toBe(false);
    expect(declaresTypesOnly(file('reexport.ts', "export { x } from './x.ts';\n"))).toBe(false);
    expect(declaresTypesOnly(file('function.ts', 'export function f(): number { return 1; }\n'))).toBe(false);
  });
});
