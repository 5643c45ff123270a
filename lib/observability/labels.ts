// What a metric label may hold: a route's or an endpoint's pattern, never the path a request used.
// Paths carry share-link tokens (/api/s/<token>) and tenant ids; as labels they would leak the
// tokens to whoever reads the metrics and make one time series per link or tenant.

type RawParams = Record<string, string | string[] | undefined>;

/**
 * The route's pattern, e.g. /api/tenants/[id], from the path a request used and the params Next.js
 * matched in it: each segment holding a param's value becomes its `[name]` (`[...name]` for a
 * catch-all). Whatever the params, anything under /api/s/ stays behind `[token]`.
 */
export function routePattern(pathname: string, params: RawParams = {}): string {
  const segments = pathname.split("/");
  const pending = Object.entries(params).filter(
    (entry): entry is [string, string | string[]] => entry[1] !== undefined,
  );
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = decodeSegment(segments[i] ?? "");
    const at = pending.findIndex(([, value]) =>
      Array.isArray(value)
        ? value.length > 0 &&
          value.every((part, k) => decodeSegment(segments[i + k] ?? "") === part)
        : value === segment && segment !== "",
    );
    if (at < 0) {
      out.push(segments[i] ?? "");
      continue;
    }
    const [name, value] = pending.splice(at, 1)[0]!;
    if (Array.isArray(value)) {
      out.push(`[...${name}]`);
      i += value.length - 1;
    } else out.push(`[${name}]`);
  }
  return out.join("/").replace(/^\/api\/s\/(?!\[token\](?:\/|$))[^/]+/, "/api/s/[token]");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The Organization API endpoints the client calls; anything else is counted as "other". */
const QLIK_ENDPOINTS: readonly (readonly [RegExp, string])[] = [
  [/^\/oauth\/token$/, "/oauth/token"],
  [/^\/api\/core\/tenants$/, "/api/core/tenants"],
  [/^\/api\/core\/tenants\/actions\/count$/, "/api/core/tenants/actions/count"],
  [/^\/api\/core\/tenants\/actions\/filter$/, "/api/core/tenants/actions/filter"],
  [/^\/api\/core\/tenants\/[^/]+$/, "/api/core/tenants/{id}"],
];

/** The endpoint a Qlik request went to, e.g. /api/core/tenants/{id}, relative to the base URL. */
export function qlikEndpoint(baseUrl: string, url: string): string {
  let path: string;
  let prefix: string;
  try {
    path = new URL(url).pathname;
    prefix = new URL(baseUrl).pathname.replace(/\/+$/, "");
  } catch {
    return "other";
  }
  if (prefix && path.startsWith(`${prefix}/`)) path = path.slice(prefix.length);
  return QLIK_ENDPOINTS.find(([pattern]) => pattern.test(path))?.[1] ?? "other";
}
