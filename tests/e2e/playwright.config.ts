import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built renderer in Debian's Chromium through the browser host, against
 * the real test bed (Orthanc, the FHIR record server, the synthetic data). Playwright's own browser
 * download cannot run here: Chromium comes from the system.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: '../../test-results/e2e',
  use: {
    launchOptions: { executablePath: process.env.REGARD_CHROMIUM ?? '/usr/bin/chromium' },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
