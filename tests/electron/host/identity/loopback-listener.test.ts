import { describe, expect, it } from 'vitest';
import { openLoopbackListener } from '../../../../electron/host/identity/loopback-listener';

describe('openLoopbackListener', () => {
  it('listens on 127.0.0.1 on a port of its own, for one callback', async () => {
    const [a, b] = await Promise.all([
      openLoopbackListener({ expectedState: 's1', timeoutMs: 5000 }),
      openLoopbackListener({ expectedState: 's2', timeoutMs: 5000 }),
    ]);
    try {
      expect(a.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      expect(a.redirectUri).not.toBe(b.redirectUri);
    } finally {
      a.close();
      b.close();
    }
  });

  it('answers other paths with 404 and keeps waiting', async () => {
    const listener = await openLoopbackListener({ expectedState: 'state-1', timeoutMs: 5000 });
    const favicon = await fetch(new URL('/favicon.ico', listener.redirectUri));
    expect(favicon.status).toBe(404);
    await favicon.arrayBuffer();
    const posted = await fetch(`${listener.redirectUri}?state=state-1`, { method: 'POST' });
    expect(posted.status).toBe(405);
    await posted.arrayBuffer();

    const answer = fetch(`${listener.redirectUri}?code=c&state=state-1`);
    const callback = await listener.callback;
    expect(callback.url.searchParams.get('code')).toBe('c');
    callback.finish('success');
    expect((await answer).status).toBe(200);
  });

  it('takes the first callback only: a second gets 410, then nobody listens', async () => {
    const listener = await openLoopbackListener({ expectedState: 'state-1', timeoutMs: 5000 });
    const first = fetch(`${listener.redirectUri}?code=c1&state=state-1`);
    const callback = await listener.callback;

    const second = await fetch(`${listener.redirectUri}?code=c2&state=state-1`);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('terminée');

    callback.finish('success');
    const page = await first;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('Vous pouvez fermer cette fenêtre');
    await expect(fetch(`${listener.redirectUri}?code=c3&state=state-1`)).rejects.toThrow();
  });

  it('refuses a wrong state with a plain page, fails, and closes', async () => {
    const listener = await openLoopbackListener({ expectedState: 'state-1', timeoutMs: 5000 });
    const forged = await fetch(`${listener.redirectUri}?code=c&state=state-2`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).not.toContain('state-2');
    await expect(listener.callback).rejects.toMatchObject({ reason: 'state-mismatch' });
    await expect(fetch(`${listener.redirectUri}?code=c&state=state-1`)).rejects.toThrow();
  });

  it('reports the provider’s error without echoing it', async () => {
    const listener = await openLoopbackListener({ expectedState: 'state-1', timeoutMs: 5000 });
    const page = await fetch(
      `${listener.redirectUri}?error=access_denied&error_description=%3Cscript%3E&state=state-1`,
    );
    expect(await page.text()).not.toContain('<script>');
    await expect(listener.callback).rejects.toMatchObject({
      reason: 'provider-refused',
      detail: 'access_denied',
    });
  });

  it('times out, and gives the browser a neutral page when the outcome never comes', async () => {
    const idle = await openLoopbackListener({ expectedState: 's', timeoutMs: 200 });
    await expect(idle.callback).rejects.toMatchObject({ reason: 'timeout' });

    const stuck = await openLoopbackListener({
      expectedState: 's',
      timeoutMs: 5000,
      finishTimeoutMs: 200,
    });
    const page = await fetch(`${stuck.redirectUri}?code=c&state=s`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('revenir à Regard');
  });
});
