import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowserHost } from '../../electron/browser-host/main';
import { startOrthanc } from '../testbed/orthanc';
import { ensureSyntheticData, loadIntoOrthanc } from '../testbed/synthetic';
import { e2eEnv } from './e2e-env';
import { litSamples, openImagingTab, openStudy, viewport, waitShown } from './viewer-driver';

test('a PACS that dies mid-series: the series and the reason are shown, loaded images stay, one click resumes once it is back', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // Its own PACS (stopped and restarted on the same port) and its own host.
  const storageDir = mkdtempSync(join(tmpdir(), 'regard-dying-pacs-'));
  let orthanc = await startOrthanc({ storageDir });
  const port = orthanc.port;
  const data = await ensureSyntheticData();
  await loadIntoOrthanc(orthanc.url, data.dicomFiles({ studyKeys: ['main-ct-2026'] }));
  const dataDir = mkdtempSync(join(tmpdir(), 'regard-dying-pacs-host-'));
  const host = await launchBrowserHost({
    env: {
      REGARD_RECORDS_URL: e2eEnv().recordsUrl,
      REGARD_PACS_URL: orthanc.dicomwebUrl,
      REGARD_DATA_DIR: dataDir,
      REGARD_POLICY_FILE: join(dataDir, 'none.json'),
    },
    rendererDir: resolve(import.meta.dirname, '../../dist/renderer'),
    version: 'e2e-dying-pacs',
  });
  try {
    await openImagingTab(page, 'main', host.url);
    // A slow link, so that the PACS dies while the series is still streaming.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 6 * 1024 * 1024,
      uploadThroughput: -1,
    });
    await openStudy(page, /14 sept\. 2026/);
    const pane = viewport(page);
    await waitShown(pane);
    await orthanc.stop();

    const error = pane.getByTestId('viewport-error');
    await expect(error).toContainText('Le PACS ne répond pas.', { timeout: 30_000 });
    await expect(error).toContainText('Série « TAP 1.25 mm portal »');
    await expect(error).toContainText('pas encore reçue(s)');
    await expect(pane).toHaveAttribute('data-state', 'shown');
    await expect(pane).not.toHaveAttribute('data-quality', 'complete');
    expect(await litSamples(pane.getByTestId('viewport-element'))).toBeGreaterThan(50);
    await pane.screenshot({ path: test.info().outputPath('pacs-died.png') });

    orthanc = await startOrthanc({ storageDir, port });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await error.getByRole('button', { name: 'Réessayer' }).click();
    await expect(pane).toHaveAttribute('data-quality', 'complete', { timeout: 60_000 });
    await expect(pane.getByTestId('viewport-error')).toHaveCount(0);
    await page.keyboard.press('End');
    await expect(pane.getByTestId('overlay-slice')).toHaveText('Im. 220/220');
  } finally {
    await host.close();
    await orthanc.stop().catch(() => undefined);
  }
});
