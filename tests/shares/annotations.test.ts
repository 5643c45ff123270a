// A link and the team's annotations: subscription name, customer reference, owner, tags and note
// are columns a link shows or leaves out like any other. A hidden one is absent from every answer
// (rows, search, facets, groups, the tenant route, the export), and a scope that filters on tags
// follows the annotations as they change.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import type { TenantsResponse } from "@/lib/tenants/types";
import { useEnv, fromAddress } from "../auth/support";
import { api, cookiesFor, makeLink, useMemoryStorage, type Person } from "./support/app";
import { shareTenants, SUBSCRIPTIONS } from "./support/tenants";
import { useSnapshot } from "./support/snapshot";

vi.mock("@/lib/tenants/snapshot", () => import("./support/snapshot"));

type Overlay = {
  version: string;
  subscriptions: Map<string, { name: string; customerRef: string | null }>;
  tenants: Map<string, { owner: string | null; tags: string[]; note: string | null }>;
};
const state = vi.hoisted(() => ({ overlay: null as unknown as Overlay }));
vi.mock("@/lib/annotations/overlay", () => ({ currentOverlay: async () => state.overlay }));

const tenants = shareTenants(120, 5);
const [S1] = SUBSCRIPTIONS;
const NOTE = "Secret note Qzx81";
const OWNER = "owner-Wq93@example.com";
const NAME = "Acme Hidden Name Vb72";
const tagged = tenants.filter((_, i) => i % 3 === 0).map((t) => t.id);

function overlay(version: string, vip: readonly string[]): Overlay {
  return {
    version,
    subscriptions: new Map([[S1, { name: NAME, customerRef: "CRM-Zt55" }]]),
    tenants: new Map(
      tenants.map((t, i) => [
        t.id,
        {
          owner: i % 2 === 0 ? OWNER : null,
          tags: vip.includes(t.id) ? ["vip"] : [],
          note: i % 5 === 0 ? NOTE : null,
        },
      ]),
    ),
  };
}

let storage: Storage;
let cookies: Record<Person, string>;
let address = 0;
const from = () => fromAddress(`198.51.100.${++address % 250}`);

beforeAll(async () => {
  useEnv();
  storage = await useMemoryStorage();
  useSnapshot(tenants);
  cookies = await cookiesFor();
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});
beforeEach(() => {
  useEnv();
  state.overlay = overlay("1", tagged);
});

const body = async (response: Response) => {
  expect(response.status).toBe(200);
  return (await response.json()) as TenantsResponse;
};

describe("a link that shows tags but not the note, the owner or the subscription name", () => {
  const LINK = { view: "tag=vip", columns: ["status", "tags"], allowExport: true };

  it("answers rows with the tags and those fields blank, nowhere in the raw text", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    const response = await api.tenants(token, "limit=1000", { headers: from() });
    const text = await response.text();
    const page = JSON.parse(text) as TenantsResponse;
    expect(page.total).toBe(tagged.length);
    expect(page.rows.every((r) => r.tags.includes("vip"))).toBe(true);
    expect(
      page.rows.every((r) => r.note === null && r.owner === null && r.subscriptionName === null),
    ).toBe(true);
    for (const secret of [NOTE, OWNER, NAME, "CRM-Zt55"]) expect(text).not.toContain(secret);
    expect(page.facets.tag).toEqual([{ value: "vip", count: tagged.length }]);
    expect(page.facets.owner).toEqual([]);
  });

  it("cannot be searched, filtered or grouped by a hidden owner or subscription name", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    for (const qs of ["q=Wq93", "q=Hidden%20Name", `q=${encodeURIComponent(OWNER)}`]) {
      const page = await body(await api.tenants(token, qs, { headers: from() }));
      expect(page.total, qs).toBe(0);
    }
    // A filter or grouping on a hidden column is not applied (the link's whole scope answers).
    const owned = await body(
      await api.tenants(token, `owner=${encodeURIComponent(OWNER)}&group=owner`, {
        headers: from(),
      }),
    );
    expect(owned.total).toBe(tagged.length);
    expect(owned.groups).toEqual([]);
    const tenant = (await (await api.tenant(token, tagged[0]!, { headers: from() })).json()) as {
      tenant: Record<string, unknown>;
    };
    expect(tenant.tenant).toMatchObject({ tags: ["vip"], note: null, owner: null });
  });

  it("exports without the hidden columns, and refuses to name them", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    const response = await api.export(token, "", { headers: from() });
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv.split("\r\n")[0]).toBe("Name,Tenant ID,Status,Tags");
    expect(csv).not.toContain(NOTE);
    expect((await api.export(token, "columns=note", { headers: from() })).status).toBe(400);
  });

  it("follows the annotations: a tenant tagged later is in the scope at the next request", async () => {
    const { token } = await makeLink(LINK, cookies.viewer);
    expect((await body(await api.tenants(token, "", { headers: from() }))).total).toBe(
      tagged.length,
    );
    state.overlay = overlay("2", [...tagged, tenants[1]!.id]);
    const after = await body(await api.tenants(token, "limit=1000", { headers: from() }));
    expect(after.total).toBe(tagged.length + 1);
    expect(after.rows.map((r) => r.id)).toContain(tenants[1]!.id);
  });
});

describe("a link that shows the owner, the note and the subscription name", () => {
  it("shows them, and search, filters and groups read them", async () => {
    const { token } = await makeLink(
      { view: "", columns: ["owner", "note", "subscriptionName", "subscriptionId"] },
      cookies.viewer,
    );
    const page = await body(await api.tenants(token, "q=Wq93&limit=1000", { headers: from() }));
    expect(page.total).toBe(tenants.filter((_, i) => i % 2 === 0).length);
    expect(page.rows.every((r) => r.owner === OWNER && r.match?.includes("owner"))).toBe(true);
    const named = await body(
      await api.tenants(token, "q=hidden%20name&group=subscription", { headers: from() }),
    );
    expect(named.total).toBe(tenants.filter((t) => t.subscriptionId === S1).length);
    expect(named.groups.map((g) => g.label)).toEqual([NAME]);
    expect(named.facets.subscription).toEqual([{ value: S1, count: named.total, label: NAME }]);
    const noted = await body(await api.tenants(token, "annotated=yes", { headers: from() }));
    // Tags are hidden here, so only an owner or a note makes a tenant annotated.
    expect(noted.total).toBe(tenants.filter((_, i) => i % 2 === 0 || i % 5 === 0).length);
  });
});
