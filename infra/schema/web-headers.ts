/**
 * The response headers of the web app and the API, written once: CloudFront's response headers
 * policies are made from these (infra/stacks/web-edge.ts), and the local gateway sends the same
 * on every answer (functions/local/gateway/), so the browser tests see what a clinic's
 * browsers see.
 */

/** Where the app may connect besides its own origin (the API is `/api` on the same origin). */
export interface AppConnections {
  /** The WebSocket API's URL (wss://…/stage in AWS). */
  webSocket?: string;
  /** Cognito's JSON API, which the sign-in page calls directly. */
  cognito?: string;
}

/**
 * The app's Content-Security-Policy. Scripts only from the app's own files (the build moves
 * SvelteKit's inline start-up script into a file: web/externalize-boot.js), so an injected
 * script never runs. Styles may be inline (Svelte sets style attributes; a style cannot run
 * code). Connections: the own origin, the WebSocket API, Cognito, and Chime's signalling,
 * TURN and metrics hosts (all under chime.aws); media itself is WebRTC, which CSP does not
 * govern.
 */
export function appContentSecurityPolicy(connections: AppConnections = {}): string {
  const connect = [
    "'self'",
    ...(connections.webSocket ? [connections.webSocket] : []),
    ...(connections.cognito ? [connections.cognito] : []),
    'https://*.chime.aws',
    'wss://*.chime.aws',
  ];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** An API answer is data, never a page: nothing in it may load or run. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

/** The headers every answer carries, app or API. */
export const commonSecurityHeaders = {
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // The visit page needs camera and microphone; nothing else does, and no other origin.
  'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
} as const;

/**
 * Caching: the app shell is revalidated on every request (a deploy shows at once), hashed
 * files are kept a year, and API answers, which carry names, times and other PHI, are never
 * stored by a browser or a proxy.
 */
export const cacheControl = {
  appShell: 'no-cache',
  immutable: 'public, max-age=31536000, immutable',
  api: 'no-store',
} as const;

/** Every header of an answer of the given kind. */
export function webHeaders(
  kind: 'appShell' | 'immutable' | 'api',
  connections: AppConnections = {},
): Record<string, string> {
  return {
    ...commonSecurityHeaders,
    'Content-Security-Policy':
      kind === 'api' ? apiContentSecurityPolicy : appContentSecurityPolicy(connections),
    'Cache-Control': cacheControl[kind],
  };
}
