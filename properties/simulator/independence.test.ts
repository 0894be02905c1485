/**
 * The simulator is the independent side of every comparison with the closed forms, so nothing it
 * imports, directly or through other modules, may come from src/convergence/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const simulatorDir = join(root, 'src/simulator');
const convergenceDir = join(root, 'src/convergence');

/** Relative import specifiers of a module: static `import`/`export ... from` and dynamic `import()`. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

function closure(starts: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...relativeImports(file));
  }
  return seen;
}

describe('simulator independence', () => {
  const files = readdirSync(simulatorDir).filter((name) => name.endsWith('.ts')).map((name) => join(simulatorDir, name));

  test('finds the simulator modules to scan', () => {
    expect(files.map((f) => relative(root, f))).toContain('src/simulator/migration-simulator.ts');
  });

  test('no module reachable from src/simulator/ is under src/convergence/', () => {
    const reachable = [...closure(files)].map((f) => relative(root, f));
    expect(reachable.filter((f) => f.startsWith(relative(root, convergenceDir)))).toEqual([]);
  });

  test('the scanner resolves imports across directories (it sees convergence importing the simulator)', () => {
    expect(relativeImports(join(root, 'src/convergence/threshold-comparison.ts')).some((f) => f.startsWith(simulatorDir))).toBe(true);
  });
});
