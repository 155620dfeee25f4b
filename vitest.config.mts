import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // Desks made by tests keep their secrets key in a file in their temporary folder, never in the developer's
    // OS keyring (src/main/secrets/host-secrets.ts).
    env: { ACS_SECRET_KEY: 'file' },
  },
});
