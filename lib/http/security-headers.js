// @ts-check
// Headers every response carries: next.config.js gives them to whatever Next.js serves, and the
// direct routes (lib/http/direct-routes.ts) add them to what they serve themselves.

/** @type {ReadonlyArray<{ key: string; value: string }>} */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

module.exports = { SECURITY_HEADERS };
