// Where to go after signing in: only somewhere on this site, so a crafted link cannot send someone
// elsewhere. A value is resolved the way a browser resolves a Location header, against the app's
// own origin, and kept only when it stays on that origin; what comes back is the resolved path, so
// the check and the redirect read the same URL. Browsers drop TAB/CR/LF inside URLs and treat `\`
// like `/` (so `/\t/evil.com` and `/\evil.com` mean `//evil.com`): any control character,
// whitespace or backslash makes the value `/`.

/** Resolves relative values when NEXTAUTH_URL is not set; only its path is ever returned. */
const PLACEHOLDER_ORIGIN = "http://callback.invalid";
const MAX_LENGTH = 2048;
const UNSAFE = /[\s\\\p{Cc}]/u;

/**
 * The same-origin path (with query and hash) that `value` leads to, or null when it would leave
 * `siteUrl`'s origin or cannot be trusted to stay on it.
 */
export function sameOriginPath(value: string | undefined, siteUrl?: string): string | null {
  if (!value || value.length > MAX_LENGTH || UNSAFE.test(value)) return null;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(siteUrl ?? PLACEHOLDER_ORIGIN).origin;
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.com" resolves to the path "//evil.com", which a browser reads as another host; and
  // a path that only decodes to one ("/%2F/evil.com") is refused too, in case anything decodes it.
  if (!path.startsWith("/") || leavesOrigin(path) || leavesOrigin(decoded(url.pathname)))
    return null;
  return path;
}

/** Where the sign-in page sends someone after signing in: a same-origin path, never the sign-in page itself. */
export function safeCallbackPath(value: string | undefined, siteUrl?: string): string {
  const path = sameOriginPath(value, siteUrl);
  if (!path || /^\/signin(?:[/?#]|$)/.test(path)) return "/";
  return path;
}

function leavesOrigin(path: string): boolean {
  return path.startsWith("//") || path.startsWith("/\\") || UNSAFE.test(path.slice(0, 2));
}

function decoded(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return "//"; // malformed escapes: refuse
  }
}
