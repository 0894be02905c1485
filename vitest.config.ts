import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts', 'golden/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
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
