// The export's parameters and its file name: the view parameters as GET /api/tenants reads them,
// plus columns/scope/format/bom, with errors that name the parameter.
import { describe, expect, it } from "vitest";
import { exportQuerySchema, exportSearchParams, exportUrl } from "@/lib/tenants/export/params";
import { exportFilename, exportSlug } from "@/lib/tenants/export/filename";
import { DEFAULT_VIEW, parseViewParams } from "@/lib/tenants/view-params";
import type { TenantView } from "@/lib/tenants/types";

const parse = (qs: string) => exportQuerySchema.safeParse(new URLSearchParams(qs));

function message(qs: string): string {
  const result = parse(qs);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");
}

describe("export parameters", () => {
  it("defaults to every column of the view, CSV with a BOM", () => {
    expect(parse("").data).toEqual({
      view: DEFAULT_VIEW,
      columns: null,
      scope: "view",
      format: "csv",
      bom: true,
    });
  });

  it("reads the same view as GET /api/tenants, plus the export options", () => {
    const qs =
      "q=acme&region=eu-west-1&status=active,disabled&sort=-createdAt&group=region&offset=200&limit=50";
    const result = parse(`${qs}&columns=name,id&columns=status&scope=all&format=json&bom=false`);
    expect(result.data).toEqual({
      view: parseViewParams(new URLSearchParams(qs)).view,
      columns: ["name", "id", "status"],
      scope: "all",
      format: "json",
      bom: false,
    });
  });

  it("refuses an unknown column and names it", () => {
    expect(message("columns=name,colour,id")).toMatch(/columns.*unknown column "colour"/);
  });

  it("refuses an empty column list, an unknown scope, format or bom value, and names each", () => {
    expect(message("columns=,")).toMatch(/^columns: "columns" names no column/);
    expect(message("scope=mine")).toMatch(/^scope: "scope" must be "view" or "all", not "mine"/);
    expect(message("format=xlsx")).toMatch(/^format: "format" must be "csv" or "json"/);
    expect(message("bom=maybe")).toMatch(/^bom: "bom"/);
    expect(message("format=csv&format=json")).toMatch(/^format: "format" is given more than once/);
  });

  it("still refuses unknown view parameters and bad view values", () => {
    expect(message("colour=red")).toMatch(/Unknown parameter "colour"/);
    expect(message("region=mars-1")).toMatch(/region/);
  });

  it("builds the export URL from the explorer's params or a view, defaults and paging left out", () => {
    const explorer = new URLSearchParams("region=eu-west-1&offset=300&limit=100&format=json");
    expect(
      exportSearchParams(explorer, { columns: ["name", "id"], scope: "view" }).toString(),
    ).toBe("region=eu-west-1&columns=name%2Cid");
    const view: TenantView = { ...DEFAULT_VIEW, status: ["active"], group: "subscription" };
    expect(exportUrl(view, { scope: "all", format: "json", bom: false })).toBe(
      "/api/tenants/export?status=active&group=subscription&scope=all&format=json&bom=false",
    );
    expect(exportUrl(DEFAULT_VIEW, {})).toBe("/api/tenants/export");
    // What the URL says is what the route reads back.
    const back = parse(exportSearchParams(view, { columns: ["id"], bom: false }).toString());
    expect(back.data).toMatchObject({ view, columns: ["id"], bom: false });
  });
});

describe("file name", () => {
  const at = new Date("2026-11-27T17:45:00.123Z");

  it("is tenants-<view or all>-<UTC timestamp>.<format>", () => {
    expect(exportFilename("view", DEFAULT_VIEW, "csv", at)).toBe(
      "tenants-view-20261127T174500Z.csv",
    );
    expect(exportFilename("all", { ...DEFAULT_VIEW, q: "acme" }, "json", at)).toBe(
      "tenants-all-20261127T174500Z.json",
    );
  });

  it("slugs the view's filters to [A-Za-z0-9._-] only", () => {
    const view: TenantView = {
      ...DEFAULT_VIEW,
      region: ["eu-west-1"],
      status: ["active"],
      q: 'Müller "& Söhne"/../..',
    };
    const slug = exportSlug("view", view);
    expect(slug).toBe("eu-west-1-active-M-ller-S-hne");
    expect(slug).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(exportSlug("view", { ...DEFAULT_VIEW, q: "東京" })).toBe("view");
    expect(exportSlug("view", { ...DEFAULT_VIEW, q: "x".repeat(200) })).toHaveLength(48);
    const name = exportFilename(
      "view",
      { ...DEFAULT_VIEW, q: '"\r\n;filename=evil.exe' },
      "csv",
      at,
    );
    expect(name).toBe("tenants-filename-evil.exe-20261127T174500Z.csv");
  });
});
