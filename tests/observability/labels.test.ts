// Metric labels hold patterns: the route a request matched, the Qlik endpoint it went to. A share
// link's token, a tenant id or a query string never becomes a label.
import { describe, expect, it } from "vitest";
import { qlikEndpoint, routePattern } from "@/lib/observability/labels";
import { discoverApiHandlers } from "../support/api-routes";

const TOKEN = "Zk3q9vVYbWm1T0c2rN8xJpL5sHdA7eGiUoQ4yKfBt6M";

describe("routePattern", () => {
  it("turns each matched param back into its segment name", () => {
    expect(routePattern("/api/tenants", {})).toBe("/api/tenants");
    expect(routePattern("/api/tenants/abc-123", { id: "abc-123" })).toBe("/api/tenants/[id]");
    expect(routePattern("/api/shares/s1", { id: "s1" })).toBe("/api/shares/[id]");
    expect(routePattern(`/api/s/${TOKEN}/tenants/t-9`, { token: TOKEN, id: "t-9" })).toBe(
      "/api/s/[token]/tenants/[id]",
    );
    expect(routePattern("/api/auth/callback/oidc", { nextauth: ["callback", "oidc"] })).toBe(
      "/api/auth/[...nextauth]",
    );
  });

  it("compares decoded segments, as Next.js hands params decoded", () => {
    expect(routePattern("/api/tenants/a%20b", { id: "a b" })).toBe("/api/tenants/[id]");
  });

  it("keeps a share token out whatever the params say", () => {
    for (const path of [
      `/api/s/${TOKEN}`,
      `/api/s/${TOKEN}/tenants`,
      `/api/s/${TOKEN}/tenants/export`,
    ])
      expect(routePattern(path, {})).not.toContain(TOKEN);
    expect(routePattern(`/api/s/${TOKEN}/tenants/export`, {})).toBe(
      "/api/s/[token]/tenants/export",
    );
  });

  it("gives every API route of the app its own pattern back, from a request to it", () => {
    for (const { route } of discoverApiHandlers()) {
      const params: Record<string, string | string[]> = {};
      const path = route.replace(
        /\[(\.\.\.)?([^\]]+)\]/g,
        (_m, rest: string | undefined, name: string) => {
          const value = rest ? ["one", "two"] : `value-of-${name}`;
          params[name] = value;
          return Array.isArray(value) ? value.join("/") : value;
        },
      );
      expect(routePattern(path, params), route).toBe(route);
    }
  });
});

describe("qlikEndpoint", () => {
  const base = "https://acme.example.com";

  it("names the endpoints the client calls, without ids or queries", () => {
    expect(qlikEndpoint(base, `${base}/oauth/token`)).toBe("/oauth/token");
    expect(qlikEndpoint(base, `${base}/api/core/tenants?limit=100&next=abc`)).toBe(
      "/api/core/tenants",
    );
    expect(qlikEndpoint(base, `${base}/api/core/tenants/BL4tTJ4S7xrHTcq0zQxQrJ5qB1_Q6cSo`)).toBe(
      "/api/core/tenants/{id}",
    );
    expect(qlikEndpoint(base, `${base}/api/core/tenants/actions/count?filter=x`)).toBe(
      "/api/core/tenants/actions/count",
    );
    expect(qlikEndpoint(base, `${base}/api/core/tenants/actions/filter`)).toBe(
      "/api/core/tenants/actions/filter",
    );
  });

  it("strips a base URL's path prefix, and calls anything else other", () => {
    expect(qlikEndpoint(`${base}/qlik/`, `${base}/qlik/api/core/tenants`)).toBe(
      "/api/core/tenants",
    );
    expect(qlikEndpoint(base, `${base}/api/v1/users/me`)).toBe("other");
    expect(qlikEndpoint(base, "not a url")).toBe("other");
  });
});
