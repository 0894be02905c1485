import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts', 'golden/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
    // Tests that start many child processes or compilers run under their own script (test:qemu).
    exclude: [...configDefaults.exclude, ...(process.env.DSO_LONG_TESTS ? [] : ['**/*.long.test.ts'])],
    // Property runs are CPU-bound; two workers match the CI machine's two cores.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
    },
  },
});
