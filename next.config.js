// @ts-check
const { SECURITY_HEADERS } = require("./lib/http/security-headers.js");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only packages stay in node_modules instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "pg", "pino", "undici"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...SECURITY_HEADERS],
      },
    ];
  },
};

module.exports = nextConfig;
