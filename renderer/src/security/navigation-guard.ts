/**
 * Keeps the workstation where it is: links to other origins do not navigate the app window and
 * `window.open` opens nothing. Electron's main process enforces the same (will-navigate,
 * setWindowOpenHandler); this guard gives the browser host the same behaviour.
 */
/** Pages the host asked to show in a browser tab (the login provider's, in the browser host). */
const allowedPages = new Set<string>();

/** Lets a link to this exact page open in a new tab (it never replaces the app). */
export function allowPageInNewTab(url: string): void {
  allowedPages.add(new URL(url).href);
}

export function installNavigationGuard(target: Window = window): void {
  const appOrigin = target.location.origin;

  target.document.addEventListener(
    'click',
    (event) => {
      const anchor = (event.target as Element | null)?.closest?.('a[href]');
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const sameDocument =
        new URL(anchor.href, target.location.href).origin === appOrigin && !anchor.target;
      const allowedTab = anchor.target === '_blank' && allowedPages.has(anchor.href);
      if (!sameDocument && !allowedTab) event.preventDefault();
    },
    { capture: true },
  );

  Object.defineProperty(target, 'open', {
    value: () => null,
    writable: false,
    configurable: false,
  });
}
