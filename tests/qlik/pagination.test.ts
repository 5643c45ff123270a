import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { QlikProtocolError, scim, type TenantPage } from "@/lib/qlik";
import { json, startFakeServer, tenant, type FakeServer } from "./support/fake-server";
import { startFakeQlik, type FakeQlik } from "./support/fake-qlik";
import { collect, fastClient } from "./support/client";

let fake: FakeQlik;
let foreign: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  await foreign?.close();
  foreign = undefined;
});

/** Serves tenants t0…t(n-1) in pages of `limit`, next link built by `link(cursor)`. */
function pagedApi(total: number, link: (origin: string, cursor: number, url: URL) => unknown) {
  return (req: { url: string; headers: http.IncomingHttpHeaders }, res: http.ServerResponse) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const start = Number(url.searchParams.get("next") ?? url.searchParams.get("offset") ?? 0);
    const ids = Array.from(
      { length: Math.max(0, Math.min(limit, total - start)) },
      (_, i) => `t${start + i}`,
    );
    const next =
      start + limit < total ? link(`http://${req.headers.host}`, start + limit, url) : undefined;
    json(res, 200, {
      data: ids.map((id) => tenant(id)),
      links: { self: { href: url.href }, ...(next === undefined ? {} : { next }) },
      ...(url.searchParams.get("totalResults") === "true" ? { totalResults: total } : {}),
    });
  };
}

const ids = (pages: TenantPage[]) => pages.flatMap((p) => p.tenants.map((t) => t.id));

describe("listTenants pagination", () => {
  it("follows next links (next=), sends limit/sort/filter/totalResults", async () => {
    fake = await startFakeQlik(
      pagedApi(7, (origin, cursor) => ({
        href: `${origin}/api/core/tenants?limit=3&next=${cursor}`,
      })),
    );
    const client = fastClient(fake.url);
    const pages = await collect(
      client.listTenants({
        limit: 3,
        sort: ["+name", "-createdAt"],
        filter: scim.eq("subscriptionId", "1"),
        totalResults: true,
      }),
    );
    expect(ids(pages)).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(pages[0]?.totalResults).toBe(7);
    const first = new URL(fake.apiRequests()[0]!.url, fake.url);
    expect(first.pathname).toBe("/api/core/tenants");
    expect(first.searchParams.get("limit")).toBe("3");
    expect(first.searchParams.get("sort")).toBe("+name,-createdAt");
    expect(fake.apiRequests()[0]!.url).toContain("sort=%2Bname");
    expect(first.searchParams.get("filter")).toBe('subscriptionId eq "1"');
    expect(first.searchParams.get("totalResults")).toBe("true");
  });

  it("defaults to 100 per page and follows the guide's offset= links", async () => {
    fake = await startFakeQlik(
      pagedApi(250, (origin, cursor) => ({
        href: `${origin}/api/core/tenants?limit=100&offset=${cursor}`,
      })),
    );
    const all = await fastClient(fake.url).listAllTenants();
    expect(all).toHaveLength(250);
    expect(new URL(fake.apiRequests()[0]!.url, fake.url).searchParams.get("limit")).toBe("100");
    expect(fake.apiRequests()).toHaveLength(3);
  });

  it("follows relative links and stops on {href:null}", async () => {
    fake = await startFakeQlik((req, res) => {
      if (req.url.includes("next=2"))
        return json(res, 200, { data: [tenant("b")], links: { next: { href: null } } });
      json(res, 200, {
        data: [tenant("a")],
        links: { next: { href: "/api/core/tenants?next=2" } },
      });
    });
    expect((await fastClient(fake.url).listAllTenants()).map((t) => t.id)).toEqual(["a", "b"]);
  });

  it("keeps a base URL path prefix", async () => {
    fake = await startFakeQlik((req, res) =>
      req.url === "/qlik/oauth/token"
        ? json(res, 200, {
            access_token: "tok-prefix-000000",
            token_type: "Bearer",
            expires_in: 60,
          })
        : json(res, 200, { data: [tenant(req.url.split("?")[0]!)] }),
    );
    const all = await fastClient(`${fake.url}/qlik/`).listAllTenants();
    expect(all[0]?.id).toBe("/qlik/api/core/tenants");
  });

  it("refuses a next link on another port and never sends the token there", async () => {
    foreign = await startFakeServer((_req, res) => json(res, 200, { data: [tenant("stolen")] }));
    fake = await startFakeQlik((_req, res) =>
      json(res, 200, {
        data: [tenant("a")],
        links: { next: { href: `${foreign!.url}/api/core/tenants?next=2` } },
      }),
    );
    const received: string[] = [];
    const error = await (async () => {
      for await (const p of fastClient(fake.url).listTenants())
        received.push(...p.tenants.map((t) => t.id));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QlikProtocolError);
    expect((error as QlikProtocolError).reason).toBe("foreign_link");
    expect((error as QlikProtocolError).userMessage).toContain("not followed");
    expect(received).toEqual([]); // the page with the bad link is not handed out either
    expect(foreign.requests).toHaveLength(0);
    expect(foreign.requests.filter((r) => r.headers.authorization)).toHaveLength(0);
  });

  it("refuses a next link on another host name for the same server (localhost vs 127.0.0.1)", async () => {
    fake = await startFakeQlik((req, res) => {
      if (req.url.includes("next=2")) return json(res, 200, { data: [tenant("b")] });
      json(res, 200, {
        data: [tenant("a")],
        links: { next: { href: `http://localhost:${fake.port}/api/core/tenants?next=2` } },
      });
    });
    const error = await fastClient(fake.url)
      .listAllTenants()
      .catch((e: unknown) => e);
    expect((error as QlikProtocolError).reason).toBe("foreign_link");
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it.each([
    [
      "https instead of http",
      (origin: string) => origin.replace("http:", "https:") + "/api/core/tenants?next=2",
    ],
    [
      "the spec's api.qlikcloud.com",
      () => "https://api.qlikcloud.com/core/tenants?limit=20&next=507f191e810c19729de860ea",
    ],
    [
      "credentials in the URL",
      (origin: string) => origin.replace("http://", "http://user:pw@") + "/x?next=2",
    ],
  ])("refuses %s", async (_name, make) => {
    fake = await startFakeQlik((_req, res) =>
      json(res, 200, { data: [], links: { next: { href: make(fake.url) } } }),
    );
    const error = await fastClient(fake.url)
      .listAllTenants()
      .catch((e: unknown) => e);
    expect((error as QlikProtocolError).reason).toBe("foreign_link");
  });

  it.each([["http://[::1"], ["javascript:alert(1)"], ["mailto:x@example.com"]])(
    "refuses a malformed link %s",
    async (href) => {
      fake = await startFakeQlik((_req, res) =>
        json(res, 200, { data: [], links: { next: { href } } }),
      );
      const error = await fastClient(fake.url)
        .listAllTenants()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QlikProtocolError);
      expect((error as QlikProtocolError).reason).toBe("malformed_link");
    },
  );

  it("stops on a cursor seen twice instead of looping", async () => {
    fake = await startFakeQlik((req, res) => {
      const n = req.url.includes("next=B") ? "A" : "B";
      json(res, 200, {
        data: [tenant(`t${n}`)],
        links: { next: { href: `/api/core/tenants?limit=100&next=${n}` } },
      });
    });
    const error = await fastClient(fake.url)
      .listAllTenants()
      .catch((e: unknown) => e);
    expect((error as QlikProtocolError).reason).toBe("cursor_loop");
    expect(fake.apiRequests().length).toBeLessThanOrEqual(3);
  });

  it("stops on a link back to the first page", async () => {
    fake = await startFakeQlik((req, res) =>
      json(res, 200, { data: [tenant("a")], links: { next: { href: req.url } } }),
    );
    const error = await fastClient(fake.url)
      .listAllTenants()
      .catch((e: unknown) => e);
    expect((error as QlikProtocolError).reason).toBe("cursor_loop");
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it("stops after maxPages", async () => {
    let n = 0;
    fake = await startFakeQlik((_req, res) => {
      n += 1;
      json(res, 200, { data: [], links: { next: { href: `/api/core/tenants?next=${n}` } } });
    });
    const error = await fastClient(fake.url)
      .listAllTenants({ maxPages: 5 })
      .catch((e: unknown) => e);
    expect((error as QlikProtocolError).reason).toBe("too_many_pages");
    expect(fake.apiRequests()).toHaveLength(5);
  });

  it("validates its options", () => {
    const client = fastClient("http://127.0.0.1:9");
    expect(() => client.listTenants({ limit: 0 })).toThrow(RangeError);
    expect(() => client.listTenants({ limit: 101 })).toThrow(RangeError);
    // @ts-expect-error not a sortable field
    expect(() => client.listTenants({ sort: "licenseNumber" })).toThrow(RangeError);
    expect(() => client.listTenants({ filter: " " })).toThrow(TypeError);
    expect(() => fastClient("ftp://example.com")).toThrow(TypeError);
    expect(() => fastClient("https://example.com/?x=1")).toThrow(TypeError);
  });
});

describe("filterTenants", () => {
  it("POSTs the filter on every page, including followed next links", async () => {
    fake = await startFakeQlik(
      pagedApi(5, (origin, cursor) => ({
        href: `${origin}/api/core/tenants/actions/filter?limit=2&next=${cursor}`,
      })),
    );
    const filter = scim.and(scim.eq("subscriptionId", "1"), scim.eq("name", 'a "quoted" \\ name'));
    const pages = await collect(fastClient(fake.url).filterTenants(filter, { limit: 2 }));
    expect(ids(pages)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    const requests = fake.apiRequests();
    expect(requests).toHaveLength(3);
    for (const r of requests) {
      expect(r.method).toBe("POST");
      expect(r.url.startsWith("/api/core/tenants/actions/filter?")).toBe(true);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(r.body)).toEqual({ filter: filter.text });
    }
  });
});

describe("getTenant and countTenants", () => {
  it("reads the envelope, a bare tenant, 404 and an empty envelope", async () => {
    fake = await startFakeQlik((req, res) => {
      if (req.url.endsWith("/env"))
        return json(res, 200, { data: [tenant("env")], links: { self: { href: req.url } } });
      if (req.url.endsWith("/bare"))
        return json(res, 200, tenant("bare", { licenseEndsAt: "2024-12-31" }));
      if (req.url.endsWith("/empty")) return json(res, 200, { data: [] });
      if (req.url.endsWith("/a%2Fb%3Fc")) return json(res, 200, tenant("a/b?c"));
      json(res, 404, { errors: [{ code: "HTTP-404", title: "Not found" }] });
    });
    const client = fastClient(fake.url);
    expect((await client.getTenant("env"))?.id).toBe("env");
    expect((await client.getTenant("bare"))?.licenseEndsAt).toBe("2024-12-31T00:00:00.000Z");
    expect(await client.getTenant("empty")).toBeNull();
    expect(await client.getTenant("missing")).toBeNull();
    expect((await client.getTenant("a/b?c"))?.id).toBe("a/b?c");
  });

  it("counts with a filter", async () => {
    fake = await startFakeQlik((_req, res) => json(res, 200, { total: 42 }));
    const filter = scim.eq("subscriptionId", "9876543210987654");
    expect(await fastClient(fake.url).countTenants(filter)).toBe(42);
    const url = new URL(fake.apiRequests()[0]!.url, fake.url);
    expect(url.pathname).toBe("/api/core/tenants/actions/count");
    expect(url.searchParams.get("filter")).toBe('subscriptionId eq "9876543210987654"');
  });
});
