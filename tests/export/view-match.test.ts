// An export is exactly what the explorer shows: for each view (filters, search, sort, grouping,
// columns, scope), the file read back with papaparse equals, row by row, the query engine's pages
// for the same view.
import { beforeAll, describe, expect, it } from "vitest";
import { createTenantIndex, type TenantIndex } from "@/lib/tenants/query";
import { createExport } from "@/lib/tenants/export/create-export";
import { exportQuerySchema, type ExportQuery } from "@/lib/tenants/export/params";
import type { Tenant, TenantView } from "@/lib/tenants/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";
import { edgeTenants, simulatedTenants } from "./support/tenants";
import { parseCsv, readRaw } from "./support/parse";
import { expectedRows } from "./support/expected";

let index: TenantIndex;
let tenants: Tenant[];

beforeAll(() => {
  tenants = [...simulatedTenants(3000), ...edgeTenants()];
  index = createTenantIndex(tenants);
});

function parseQuery(qs: string): ExportQuery {
  const result = exportQuerySchema.safeParse(new URLSearchParams(qs));
  if (!result.success) throw new Error(`${qs}: ${result.error.message}`);
  return result.data;
}

/** The view's rows as the explorer pages through them (GET /api/tenants uses index.query). */
function pagedRows(view: TenantView): Tenant[] {
  const rows: Tenant[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = index.query(view, { offset, limit: 1000 });
    rows.push(...page.rows);
    if (offset + 1000 >= page.total) return rows;
  }
}

const VIEWS = [
  "",
  "q=analytics",
  "q=zurich",
  "region=eu-west-1,eu-central-1&sort=-createdAt",
  "status=disabled,deactivated&sort=regionCode,-name",
  "subscription=none",
  "createdFrom=2024-01-01&createdTo=2025-06-30&sort=-updatedAt",
  "group=region&sort=name",
  "group=subscription,region&sort=-licenseEndsAt&status=active",
  "group=region,subscription&q=prod&columns=name,status",
  "country=DE,FR&columns=id,hostname,otherHostnames,createdAt",
  "sort=hostname&columns=otherHostnames,name,licenseNumber,subscriptionId",
];

describe("export = the view", () => {
  it.each(VIEWS)("CSV rows match the engine's pages for ?%s", async (qs) => {
    const query = parseQuery(qs);
    const prepared = createExport(index, query);
    const { header, rows } = parseCsv(await readRaw(prepared.stream), { bom: true });
    const expected = pagedRows(query.view);
    expect(expected.length).toBeGreaterThan(0);
    expect(prepared.total).toBe(expected.length);
    expect(header).toEqual(prepared.columns.map((c) => c.header));
    expect(rows).toEqual(expectedRows(prepared.columns, expected));
    if (query.columns)
      expect(prepared.columns.map((c) => c.id).slice(-query.columns.length)).toEqual(query.columns);
  });

  it("grouped views export the flat list in the view's order, grouping fields as columns", async () => {
    const query = parseQuery("group=region,subscription&columns=name");
    const prepared = createExport(index, query);
    expect(prepared.columns.map((c) => c.id)).toEqual([
      "regionCode",
      "regionName",
      "subscriptionId",
      "name",
    ]);
    const { rows } = parseCsv(await readRaw(prepared.stream), { bom: true });
    expect(rows).toHaveLength(index.size);
    const ids = pagedRows(query.view).map((t) => t.regionCode);
    expect(rows.map((r) => r[0])).toEqual(ids);
  });

  it("scope=all writes every tenant, in the view's order, whatever the filters", async () => {
    const query = parseQuery("region=eu-west-1&q=prod&sort=-createdAt&scope=all&columns=id");
    const prepared = createExport(index, query);
    const { rows } = parseCsv(await readRaw(prepared.stream), { bom: true });
    const expected = pagedRows({ ...DEFAULT_VIEW, sort: query.view.sort });
    expect(rows).toHaveLength(tenants.length);
    expect(rows.map((r) => r[0]!.replace(/^'/, ""))).toEqual(expected.map((t) => t.id));
    expect(prepared.filename).toMatch(/^tenants-all-\d{8}T\d{6}Z\.csv$/);
  });

  it("JSON rows match the engine's rows, unprefixed", async () => {
    const query = parseQuery("q=inc&format=json&columns=id,name,createdAt,otherHostnames");
    const prepared = createExport(index, query);
    const text = await readRaw(prepared.stream);
    const expected = pagedRows(query.view);
    expect(expected.length).toBeGreaterThan(0);
    expect(JSON.parse(text)).toEqual(
      expected.map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: t.createdAt,
        otherHostnames: t.hostnames.slice(1),
      })),
    );
  });

  it("sends the documented headers", () => {
    const prepared = createExport(index, parseQuery("region=eu-west-1&format=csv&bom=false"), {
      now: new Date("2026-11-27T17:45:00Z"),
      snapshotTakenAt: "2026-11-27T17:40:00.000Z",
    });
    const h = Object.fromEntries(prepared.headers);
    expect(h).toMatchObject({
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": 'attachment; filename="tenants-eu-west-1-20261127T174500Z.csv"',
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "x-atlas-export-version": "1",
      "x-atlas-export-rows": String(prepared.total),
      "x-atlas-snapshot-taken-at": "2026-11-27T17:40:00.000Z",
    });
    void prepared.stream.cancel();
  });
});
