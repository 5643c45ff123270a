// @ts-check
// The one list of security headers, for every response Tenant Atlas sends:
//  - STATIC_HEADERS: next.config.js gives them to everything Next.js serves (pages, API answers,
//    errors, static files), and proxy.ts sets them again on its own redirects;
//  - contentSecurityPolicy(): proxy.ts sets it per request, with a fresh nonce for pages (Next.js
//    puts the nonce on its own scripts) and a closed policy for API answers;
//  - strictTransportSecurity(): proxy.ts adds it when the app's public URL is https.

/** @type {ReadonlyArray<{ key: string; value: string }>} */
const STATIC_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    // Nothing here uses a device, payments or tracking; clipboard-write is the "Copy link" button.
    value: [
      "accelerometer=()",
      "autoplay=()",
      "camera=()",
      "display-capture=()",
      "encrypted-media=()",
      "fullscreen=()",
      "geolocation=()",
      "gyroscope=()",
      "hid=()",
      "idle-detection=()",
      "magnetometer=()",
      "microphone=()",
      "midi=()",
      "payment=()",
      "picture-in-picture=()",
      "publickey-credentials-get=()",
      "screen-wake-lock=()",
      "serial=()",
      "usb=()",
      "xr-spatial-tracking=()",
      "browsing-topics=()",
      "clipboard-write=(self)",
    ].join(", "),
  },
];

/**
 * The Content-Security-Policy of a page (with `nonce`) or of an API answer (without: nothing in a
 * JSON answer may run or load anything). Scripts: only those carrying the nonce, and what they
 * load ('strict-dynamic'); never inline or eval, except eval in development (React's dev tools).
 * Styles may be inline: server-rendered `style` attributes position the virtual table's rows.
 * @param {{ nonce?: string; dev?: boolean }} options
 */
function contentSecurityPolicy({ nonce, dev = false }) {
  if (!nonce)
    return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join("; ");
}

/**
 * HSTS for an https deployment (two years, subdomains: the app's cookies are `__Host-` and
 * `Secure`); none over plain http, where browsers ignore it anyway.
 * @param {string | undefined} publicUrl NEXTAUTH_URL
 */
function strictTransportSecurity(publicUrl) {
  return publicUrl?.startsWith("https://") ? "max-age=63072000; includeSubDomains" : null;
}

module.exports = { STATIC_HEADERS, contentSecurityPolicy, strictTransportSecurity };
