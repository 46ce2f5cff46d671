import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Fixture builds write real files; a generous timeout keeps slow CI disks from failing correct code.
    testTimeout: 60_000,
  },
});
