// A typo in `status`, `region` or `country` is a 400 naming the parameter and the value, from both
// GET /api/tenants and its export, never an empty table. A value on the known lists is always
// accepted; one only the snapshot holds (a status or region Qlik added after this release) is
// accepted because a synced tenant carries it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openStorage, setStorageForTests, type Storage } from "@/lib/db/storage";
import { createTenantIndex } from "@/lib/tenants/query";
import type { Tenant, TenantsResponse } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";
import { unknownViewValue } from "@/lib/tenants/view-values";
import { GET as listTenants } from "@/app/api/tenants/route";
import { GET as exportTenants } from "@/app/api/tenants/export/route";
import { PEOPLE, noParams, request, sessionCookie, useEnv } from "../auth/support";

function tenant(id: string, overrides: Partial<Tenant> = {}): Tenant {
  return {
    id,
    name: `Tenant ${id}`,
    status: "active",
    hostnames: [`${id}.eu.qlikcloud.com`],
    regionCode: "eu-west-1",
    countryCode: "IE",
    subscriptionId: "1000000000000001",
    licenseNumber: null,
    createdBy: null,
    createdAt: "2024-01-15T10:30:00.000Z",
    updatedAt: "2024-06-20T14:45:00.000Z",
    licenseStartsAt: null,
    licenseEndsAt: null,
    deletionStartsAt: null,
    ...overrides,
  };
}

// Values Qlik might add after this release: none is on lib/regions.ts's lists.
const tenants = [
  tenant("t1"),
  tenant("t2", { status: "disabled" }),
  tenant("t3", { status: "suspended" }),
  tenant("t4", { regionCode: "eu-south-2", countryCode: "ES" }),
  tenant("t5", { regionCode: "us-east-1", countryCode: "US" }),
];
const index = createTenantIndex(tenants);

vi.mock("@/lib/tenants/snapshot", () => ({
  getSnapshot: async () => ({ id: 3, takenAt: "2026-11-27T17:40:00.000Z", tenants, index }),
}));

let storage: Storage;
let viewer: string;
beforeAll(async () => {
  storage = await openStorage({ url: "file::memory:" }); // the export's audit entry
  setStorageForTests(storage);
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});
beforeEach(async () => {
  useEnv();
  viewer = await sessionCookie(PEOPLE.viewer);
});

const list = (qs: string) =>
  listTenants(request(`/api/tenants?${qs}`, { cookie: viewer }), noParams);
const exportOf = (qs: string) =>
  exportTenants(request(`/api/tenants/export?${qs}`, { cookie: viewer }), noParams);

async function badRequest(response: Response): Promise<string> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("bad_request");
  return body.error.message;
}

const TYPOS: [string, string][] = [
  ["status=actve", '"status" has an unknown value "actve"'],
  ["status=active,actve", '"status" has an unknown value "actve"'],
  ["status=suspnded", '"status" has an unknown value "suspnded"'],
  ["region=eu-west-9", '"region" has an unknown value "eu-west-9"'],
  ["region=eu-sooth-2", '"region" has an unknown value "eu-sooth-2"'],
  ["country=ZZ", '"country" has an unknown value "ZZ"'],
  ["country=es&status=actve", '"status" has an unknown value "actve"'],
];

describe("a value no list and no tenant has", () => {
  it.each(TYPOS)(
    "GET /api/tenants?%s is a 400 naming the parameter and the value",
    async (qs, says) => {
      const message = await badRequest(await list(qs));
      expect(message).toContain(says);
      expect(message).toContain("no tenant has it");
    },
  );

  it.each(TYPOS)("GET /api/tenants/export?%s is the same 400", async (qs, says) => {
    expect(await badRequest(await exportOf(qs))).toContain(says);
  });

  it("lists the values that would be accepted", async () => {
    expect(await badRequest(await list("status=actve"))).toBe(
      '"status" has an unknown value "actve": no tenant has it (choose from active, deactivated, deleted, disabled, suspended)',
    );
  });

  it("quotes a hostile value as data, shortened", () => {
    const value = `x${"y".repeat(100)}`;
    const unknown = unknownViewValue({ ...DEFAULT_VIEW, status: [value] }, index.facetValues());
    expect(unknown?.param).toBe("status");
    expect(unknown?.message).toContain(`"x${"y".repeat(59)}…"`);
  });
});

describe("values that are accepted", () => {
  it("a status only the snapshot has, in any case, filters to its tenants", async () => {
    const response = await list("status=SUSPENDED");
    expect(response.status).toBe(200);
    const body = (await response.json()) as TenantsResponse;
    expect(body.rows.map((t) => t.id)).toEqual(["t3"]);
  });

  it("a region and country only the snapshot has", async () => {
    const response = await list("region=eu-south-2&country=ES");
    expect(response.status).toBe(200);
    expect(((await response.json()) as TenantsResponse).rows.map((t) => t.id)).toEqual(["t4"]);
    const exported = await exportOf("region=eu-south-2&format=json");
    expect(exported.status).toBe(200);
    await exported.text();
  });

  it("a value on the known lists that no tenant has yet: an honest empty table", async () => {
    const response = await list("status=deactivated&region=ap-south-1&country=JP");
    expect(response.status).toBe(200);
    expect(((await response.json()) as TenantsResponse).total).toBe(0);
  });

  it("everything the snapshot's facets offer", () => {
    const facets = index.facetValues();
    const view = {
      ...DEFAULT_VIEW,
      status: facets.status.map((f) => f.value),
      region: facets.region.map((f) => f.value),
      country: facets.country.map((f) => f.value),
    };
    expect(unknownViewValue(view, facets)).toBeNull();
  });
});
