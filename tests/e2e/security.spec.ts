import { expect, test } from '@playwright/test';
import { e2eEnv } from './e2e-env';

test.describe('the renderer is locked down', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(e2eEnv().url);
    await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
  });

  test('has no Node, require or process in the page', async ({ page }) => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
    });
  });

  test('an injected inline script does not run and raises a CSP violation', async ({ page }) => {
    const outcome = await page.evaluate(async () => {
      const violation = new Promise<string>((resolveViolation) =>
        document.addEventListener('securitypolicyviolation', (event) =>
          resolveViolation(event.effectiveDirective),
        ),
      );
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = true';
      document.body.append(script);
      const image = document.createElement('img');
      image.setAttribute('src', 'https://tracker.example/pixel.png');
      document.body.append(image);
      const directive = await violation;
      return { directive, pwned: (window as unknown as { __pwned?: boolean }).__pwned === true };
    });
    expect(outcome).toEqual({ directive: 'script-src-elem', pwned: false });
  });

  test('an injected event-handler attribute does not run', async ({ page }) => {
    const outcome = await page.evaluate(async () => {
      const violation = new Promise<string>((resolveViolation) =>
        document.addEventListener('securitypolicyviolation', (event) =>
          resolveViolation(event.effectiveDirective),
        ),
      );
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__pwned = true');
      document.body.append(button);
      button.click();
      const directive = await violation;
      return { directive, pwned: (window as unknown as { __pwned?: boolean }).__pwned === true };
    });
    expect(outcome).toEqual({ directive: 'script-src-attr', pwned: false });
  });

  test('navigation away and window.open leave the app where it was', async ({ page, context }) => {
    const before = page.url();
    const popups: unknown[] = [];
    context.on('page', (popup) => popups.push(popup));
    const opened = await page.evaluate(() => window.open('https://example.org/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = 'https://example.org/';
      link.textContent = 'external';
      link.id = 'external-link';
      document.body.append(link);
    });
    await page.locator('#external-link').click();
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect(popups).toHaveLength(0);
    await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
  });

  test('a page of another origin cannot call the bridge', async ({ page }) => {
    const { url } = e2eEnv();
    // The same host under another name is another origin, as a hostile local page would be.
    const foreign = url.replace('127.0.0.1', 'localhost');
    await page.goto(foreign);
    const status = await page.evaluate(async (target) => {
      const response = await fetch(`${target}bridge/getAppInfo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }).catch(() => undefined);
      return response?.status ?? 'blocked';
    }, url);
    expect(status === 403 || status === 'blocked').toBe(true);
  });
});
