import { defineConfig } from 'vitest/config';

/** Browser tests (`npm run test:browser`): built app, real server, Debian Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // two cores: one server and one browser at a time
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
