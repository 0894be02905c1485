import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts', 'golden/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
    // Tests that start many child processes or compilers (`*.long.test.ts`: the plug-in runners, the
    // misbehaving-plug-in kit, the qemu command's runs) keep `npm test` near a minute; `npm run test:all`
    // and CI (`.ci/run`) run them too.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.DSO_LONG_TESTS ? [] : ['**/*.long.test.ts']),
      // The whole exhaustive space (eight files, minutes of CPU) runs in CI and `npm run test:exhaustive`.
      ...(process.env.EXHAUSTIVE_SPACE?.trim() === 'full' ? [] : ['properties/sync/exhaustive/full/**']),
    ],
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
