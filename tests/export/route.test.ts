// GET /api/tenants/export through its guard, with sessions minted the way next-auth mints them and
// the snapshot replaced by a fixture index: who may export, what a bad parameter says, what the
// response carries, and the audit entry each export leaves.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openStorage, setStorageForTests, type Storage } from "@/lib/db/storage";
import { createTenantIndex, type TenantIndex } from "@/lib/tenants/query";
import { GET } from "@/app/api/tenants/export/route";
import { GET as getTenants } from "@/app/api/tenants/route";
import type { Tenant, TenantsResponse } from "@/lib/tenants/types";
import { PEOPLE, noParams, request, sessionCookie, useEnv } from "../auth/support";
import { edgeTenants, simulatedTenants } from "./support/tenants";
import { parseCsv, readRaw } from "./support/parse";
import { expectedRows } from "./support/expected";
import { EXPORT_COLUMNS } from "@/lib/tenants/export/columns";

const snapshot = vi.hoisted(() => ({
  current: null as null | { id: number; takenAt: string; tenants: unknown[]; index: unknown },
}));

vi.mock("@/lib/tenants/snapshot", () => ({
  getSnapshot: async () => {
    if (!snapshot.current) throw new Error("no snapshot in this test");
    return snapshot.current;
  },
  getSnapshotInfo: () => ({
    takenAt: snapshot.current?.takenAt ?? null,
    tenantCount: snapshot.current?.tenants.length ?? 0,
    syncing: false,
    progress: null,
    lastRun: null,
    lastError: null,
  }),
}));

let index: TenantIndex;
let storage: Storage;
let cookies: Record<keyof typeof PEOPLE, string>;

beforeAll(async () => {
  const tenants = [...simulatedTenants(1500), ...edgeTenants()];
  index = createTenantIndex(tenants);
  snapshot.current = { id: 42, takenAt: "2026-11-27T17:40:00.000Z", tenants, index };
  storage = await openStorage({ url: "file::memory:" });
  setStorageForTests(storage);
});

afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});

beforeEach(async () => {
  useEnv();
  cookies = {
    admin: await sessionCookie(PEOPLE.admin),
    viewer: await sessionCookie(PEOPLE.viewer),
    outsider: await sessionCookie(PEOPLE.outsider),
  };
});

const get = (qs: string, cookie?: string) =>
  GET(request(`/api/tenants/export${qs ? `?${qs}` : ""}`, { cookie }), noParams);

/** Every row of a view through GET /api/tenants, page by page, as the explorer reads it. */
async function tenantsApiRows(qs: string, cookie: string): Promise<Tenant[]> {
  const rows: Tenant[] = [];
  for (let offset = 0; ; offset += 1000) {
    const sep = qs ? "&" : "";
    const response = await getTenants(
      request(`/api/tenants?${qs}${sep}offset=${offset}&limit=1000`, { cookie }),
      noParams,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as TenantsResponse;
    rows.push(...body.rows);
    if (offset + 1000 >= body.total) return rows;
  }
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

/** Audit entries written by exports, newest first; the write happens as the stream ends. */
async function exportAudits() {
  await new Promise((r) => setTimeout(r, 20));
  const csv = await storage.listAudit({ action: "export.csv" });
  const json = await storage.listAudit({ action: "export.json" });
  return [...csv.items, ...json.items].sort((a, b) => b.id - a.id);
}

describe("GET /api/tenants/export: access", () => {
  it("declares the viewer rule for the role matrix", () => {
    expect(GET.rule).toEqual({ role: "viewer" });
  });

  it("answers 401 to an anonymous caller, without a file", async () => {
    const response = await get("");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-disposition")).toBeNull();
    expect(await errorOf(response)).toMatchObject({ code: "unauthorized" });
  });

  it("answers 403 to someone signed in without a role", async () => {
    const response = await get("", cookies.outsider);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: "no_access" });
  });

  it("lets a viewer and an admin export", async () => {
    for (const cookie of [cookies.viewer, cookies.admin]) {
      const response = await get("columns=id", cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
      await response.arrayBuffer();
    }
  });
});

describe("GET /api/tenants/export: parameters", () => {
  it("answers 400 naming an unknown column", async () => {
    const response = await get("columns=name,colour", cookies.viewer);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("bad_request");
    expect(error.message).toMatch(
      /^"columns" has an unknown column "colour" \(choose from name, id, /,
    );
  });

  it("answers 400 naming a bad view parameter or export option", async () => {
    for (const [qs, name] of [
      ["region=mars-1", "region"],
      ["scope=mine", "scope"],
      ["format=xlsx", "format"],
      ["colour=red", "colour"],
    ] as const) {
      const response = await get(qs, cookies.viewer);
      expect(response.status, qs).toBe(400);
      expect((await errorOf(response)).message, qs).toContain(`"${name}"`);
    }
  });

  it("streams the view as CSV with the documented headers, rows equal to GET /api/tenants'", async () => {
    const qs = "region=eu-west-1,us-east-1&sort=-createdAt&group=region";
    const response = await get(`${qs}&bom=false`, cookies.viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-atlas-export-version")).toBe("1");
    expect(response.headers.get("x-atlas-snapshot-taken-at")).toBe("2026-11-27T17:40:00.000Z");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="tenants-eu-west-1-us-east-1-\d{8}T\d{6}Z\.csv"$/,
    );
    const expected = await tenantsApiRows(qs, cookies.viewer);
    expect(response.headers.get("x-atlas-export-rows")).toBe(String(expected.length));
    const { rows } = parseCsv(await readRaw(response.body!), { bom: false });
    expect(rows).toEqual(expectedRows(EXPORT_COLUMNS, expected));
  });

  it.each([
    "q=analytics&sort=name&columns=name,id,status",
    "status=active,disabled&group=subscription,region&sort=-licenseEndsAt&columns=id,hostname,otherHostnames",
    "subscription=none&columns=id,subscriptionId,licenseNumber",
    "country=DE&createdFrom=2023-01-01&columns=createdAt,id,name",
  ])("CSV = GET /api/tenants, row by row, for ?%s", async (qs) => {
    const response = await get(qs, cookies.viewer);
    const header = response.headers.get("x-atlas-export-columns")!.split(",");
    const columns = header.map((id) => EXPORT_COLUMNS.find((c) => c.id === id)!);
    const { rows } = parseCsv(await readRaw(response.body!), { bom: true });
    const viewOnly = qs.replace(/&columns=.*$/, "");
    expect(rows).toEqual(expectedRows(columns, await tenantsApiRows(viewOnly, cookies.viewer)));
    expect(rows.length).toBeGreaterThan(0);
  });

  it("streams JSON for format=json", async () => {
    const response = await get("format=json&scope=all&columns=id", cookies.viewer);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const rows = (await response.json()) as { id: string }[];
    const all = await tenantsApiRows("", cookies.viewer);
    expect(rows.map((r) => r.id)).toEqual(all.map((t) => t.id));
  });
});

describe("GET /api/tenants/export: audit", () => {
  it("records who exported which view, and how many rows, once the file is sent", async () => {
    const response = await get("status=disabled&columns=id,name&sort=name", cookies.viewer);
    const total = Number(response.headers.get("x-atlas-export-rows"));
    const bytes = (await response.arrayBuffer()).byteLength;
    const [entry] = await exportAudits();
    expect(entry).toMatchObject({
      actor: PEOPLE.viewer.email,
      action: "export.csv",
      details: {
        scope: "view",
        format: "csv",
        view: "status=disabled",
        columns: ["id", "name"],
        rows: total,
        total,
        bytes,
        completed: true,
        snapshotId: 42,
      },
    });
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
  });

  it("records a cancelled export as not completed, with the rows sent so far", async () => {
    const response = await get("scope=all&format=json", cookies.admin);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const [entry] = await exportAudits();
    expect(entry).toMatchObject({
      actor: PEOPLE.admin.email,
      action: "export.json",
      details: { scope: "all", completed: false },
    });
    expect((entry!.details as { rows: number }).rows).toBeLessThan(index.size);
  });

  it("records nothing for a refused request", async () => {
    const before = (await exportAudits()).length;
    await get("columns=nope", cookies.viewer);
    await get("");
    expect(await exportAudits()).toHaveLength(before);
  });
});
