/**
 * The Content-Security-Policy sent as a header with every renderer document, by the Electron
 * scheme handler and by the browser host alike. No inline script, no eval (only WebAssembly
 * compilation for the image codecs), no remote origin.
 */
export interface CspOptions {
  /** Extra origins the page may fetch from and show images of: the gateway scheme in Electron. */
  extraConnectSources?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.extraConnectSources ?? [])].join(' ');
  const images = ["'self'", 'data:', 'blob:', ...(options.extraConnectSources ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `img-src ${images}`,
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers that go with every response of the app's own origin. */
export function securityHeaders(options: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}
