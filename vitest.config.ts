import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['spec/**/*.test.ts', 'docs/**/*.test.ts', 'mock/**/*.test.ts', 'fixtures/**/*.test.ts', 'conformance/**/*.test.ts', 'conformance/suite.conformance.ts'],
    testTimeout: 20_000,
    coverage: { provider: 'v8', include: ['mock/**/*.ts'], exclude: ['**/*.test.ts', 'mock/cli/**', 'mock/bench/**', 'mock/test-support/**'] },
  },
});
