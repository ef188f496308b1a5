import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs without any external program; `compat` compares our replies with a
// real redis-server and drives redis-cli / redis-benchmark, so it needs Debian's redis packages.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/compat/**'] },
      },
      {
        extends: true,
        test: { name: 'compat', include: ['test/compat/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
    testTimeout: 20_000,
  },
});
