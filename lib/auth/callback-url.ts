// Where to go after signing in: only paths on this site, so a crafted link cannot send someone
// elsewhere (next-auth checks its own redirects the same way).
export function safeCallbackPath(value: string | undefined, siteUrl?: string): string {
  if (!value) return "/";
  let path = value;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      if (!siteUrl || url.origin !== new URL(siteUrl).origin) return "/";
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return "/";
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  if (path.startsWith("/signin")) return "/";
  return path;
}
