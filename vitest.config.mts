import { defineConfig } from 'vitest/config';

/**
 * Four tiers, each with its own command (npm run test:unit | test:int | test:e2e | test:infra):
 * unit needs no network; integration and e2e run against a local stack of real servers that
 * their global setup starts on free ports; infra synthesizes the CDK app.
 */
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          globalSetup: ['tests/helpers/web-sync.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/helpers/stack-setup.ts'],
          setupFiles: ['tests/helpers/clock-reset.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/stack-setup.ts'],
          setupFiles: ['tests/helpers/clock-reset.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 180_000,
        },
      },
    ],
  },
});
