// One vitest run covers every workspace project; scripts/run-tests.mjs prints the summary line.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'protocol', root: 'packages/protocol', include: ['src/**/*.test.ts'] } },
      { test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'] } },
      // The client's pure logic (router, registry, helpers); the screens are tested in Chromium (browser).
      { test: { name: 'client', root: 'client', include: ['src/**/*.test.ts'] } },
      { test: { name: 'server', root: 'server', include: ['src/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          root: 'test',
          include: ['integration/**/*.test.ts'],
          // The process tests run the production build: rebuilt here first.
          globalSetup: ['integration/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // The benchmark harness's own arithmetic (no timings).
      { test: { name: 'bench', root: 'test', include: ['bench/**/*.test.ts'] } },
      {
        test: {
          name: 'browser',
          root: 'test',
          include: ['browser/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One Chromium at a time: two cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
