// Whether a URL stays on this machine. The Qlik client secret travels in the body of every token
// request, so plain http:// is acceptable only where no network sees it: the loopback interface
// (the built-in simulator, a local test double). Hostnames are compared after the WHATWG URL parser
// has normalized them (`127.1`, `0x7f.0.0.1` and `2130706433` all become `127.0.0.1`; the long
// forms of ::1 become `[::1]`), so odd spellings cannot slip past. Names other than `localhost`
// itself (`127.0.0.1.nip.io`, `localhost.example.com`) are not loopback: DNS decides where they go.

/** `localhost`, 127.0.0.0/8 or [::1], as `URL.hostname` spells them. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]") return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
}

/** True for https:// anywhere and http:// on a loopback host; false for anything else. */
export function isSafeTransportUrl(url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    return false;
  }
  if (parsed.protocol === "https:") return true;
  return parsed.protocol === "http:" && isLoopbackHostname(parsed.hostname);
}
