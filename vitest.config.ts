import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Playwright specs live in tests/e2e and are run by Playwright, not vitest.
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/reliability/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks'
  }
})
