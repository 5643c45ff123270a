// @ts-check
const { STATIC_HEADERS } = require("./lib/http/security-headers.js");

// Everything under a share link (/s/<token> pages, /api/s/<token> answers): the token in the URL
// must not leave in a Referer, be indexed or be cached. The same values as SHARE_RESPONSE_HEADERS
// in lib/shares/headers.ts (tests/shares/headers.test.ts keeps them equal); later entries win.
const SHARE_LINK_HEADERS = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Robots-Tag", value: "noindex, nofollow" },
  { key: "Cache-Control", value: "private, no-store" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only packages stay in node_modules instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "pg", "pino", "prom-client", "undici"],
  // `next build` also writes .next/standalone: server.js with the node_modules it needs, started
  // with `node server.js` alone. scripts/assemble-standalone.ts (part of `npm run build`) adds what
  // Next leaves out; docs/deploy.md. The server applies the migrations at start, so their SQL ships.
  output: "standalone",
  outputFileTracingIncludes: { "/*": ["./lib/db/migrations/**/*"] },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...STATIC_HEADERS],
      },
      { source: "/s/:path*", headers: SHARE_LINK_HEADERS },
      { source: "/api/s/:path*", headers: SHARE_LINK_HEADERS },
    ];
  },
};

module.exports = nextConfig;
