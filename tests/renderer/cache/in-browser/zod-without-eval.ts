import { config } from 'zod';

// Imported first, before any schema exists. Code evaluated through DevTools escapes the page's CSP
// while it runs synchronously, so zod's probe for `new Function` would succeed there and its later,
// CSP-bound parses fail. The app's own page never allows eval and zod runs without it: here too.
config({ jitless: true });
