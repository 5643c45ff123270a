// The export's annotation columns: Subscription name, Customer reference, Owner, Tags ("; "-joined)
// and Note, read back with papaparse; values a re-import can restore exactly (a leading formula
// character's `'` dropped, tags split on "; "); views filtered and grouped by annotations.
import { describe, expect, it } from "vitest";
import { restoreNeutralized } from "@/lib/tenants/export/cells";
import { createExport } from "@/lib/tenants/export/create-export";
import { exportQuerySchema } from "@/lib/tenants/export/params";
import { createTenantIndex, overlaySource } from "@/lib/tenants/query";
import { parseCsv, readRaw } from "./support/parse";
import { simulatedTenants } from "./support/tenants";

const tenants = simulatedTenants(300);
const index = createTenantIndex(tenants);
const [a, b, c] = tenants as [(typeof tenants)[0], (typeof tenants)[0], (typeof tenants)[0]];
const annotations = overlaySource({
  version: "7",
  subscriptions: new Map([
    [a.subscriptionId!, { name: "Acme OEM — production", customerRef: "=CRM,42" }],
  ]),
  tenants: new Map([
    [a.id, { owner: "Sales, EMEA", tags: ["eu-prod", "vip"], note: 'Line one\nsaid "hi"' }],
    [b.id, { owner: "=team", tags: ["vip"], note: null }],
    [c.id, { owner: null, tags: [], note: "-1 call" }],
  ]),
});

async function exportOf(qs: string) {
  const parsed = exportQuerySchema.safeParse(new URLSearchParams(qs));
  if (!parsed.success) throw new Error(parsed.error.message);
  const prepared = createExport(index, parsed.data, { annotations });
  return { prepared, text: await readRaw(prepared.stream) };
}

describe("CSV", () => {
  it("has the five columns with their headers, tags '; '-joined, text values restorable", async () => {
    const { text } = await exportOf(
      "columns=id,subscriptionName,customerRef,owner,tags,note&sort=name",
    );
    const { header, rows } = parseCsv(text, { bom: true });
    expect(header).toEqual([
      "Tenant ID",
      "Subscription name",
      "Customer reference",
      "Owner",
      "Tags",
      "Note",
    ]);
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get(a.id)).toEqual([
      a.id,
      "Acme OEM — production",
      "'=CRM,42",
      "Sales, EMEA",
      "eu-prod; vip",
      'Line one\nsaid "hi"',
    ]);
    expect(byId.get(b.id)?.slice(3, 5)).toEqual(["'=team", "vip"]);
    expect(byId.get(c.id)?.[5]).toBe("'-1 call");
    // What an import does with a cell: drop one leading "'", split tags on ";".
    const owner = restoreNeutralized(byId.get(b.id)![3]!);
    expect(owner).toBe("=team");
    expect(restoreNeutralized(byId.get(c.id)![5]!)).toBe("-1 call");
    expect(
      byId
        .get(a.id)![4]!
        .split(";")
        .map((t) => t.trim()),
    ).toEqual(["eu-prod", "vip"]);
    // A tenant without annotations: empty cells (its subscription's name when it has one).
    const plain = rows.find((r) => r[0] !== a.id && r[0] !== b.id && r[0] !== c.id)!;
    expect(plain.slice(3)).toEqual(["", "", ""]);
  });

  it("without `columns`: every column, the five annotation columns last", async () => {
    const { prepared } = await exportOf("");
    expect(prepared.columns.slice(-5).map((col) => col.id)).toEqual([
      "subscriptionName",
      "customerRef",
      "owner",
      "tags",
      "note",
    ]);
  });

  it("a view filtered by tag and grouped by tag: each tenant once, the Tags column kept", async () => {
    const { prepared, text } = await exportOf("tag=vip&group=tag&columns=id");
    expect(prepared.total).toBe(2);
    expect(prepared.columns.map((col) => col.id)).toEqual(["tags", "id"]);
    const { rows } = parseCsv(text, { bom: true });
    expect(rows.map((r) => r[1]).sort()).toEqual([a.id, b.id].sort());
  });

  it("grouped by owner: the Owner column is kept", async () => {
    const { prepared } = await exportOf("group=owner&columns=name");
    expect(prepared.columns.map((col) => col.id)).toEqual(["owner", "name"]);
  });
});

describe("JSON", () => {
  it("gives tags as an array and the other values unprefixed", async () => {
    const { text } = await exportOf(
      "format=json&owner=Sales,%20EMEA&owner=%3Dteam&columns=id,owner,tags,note",
    );
    const rows = JSON.parse(text) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual({
      id: a.id,
      owner: "Sales, EMEA",
      tags: ["eu-prod", "vip"],
      note: 'Line one\nsaid "hi"',
    });
    expect(rows).toContainEqual({ id: b.id, owner: "=team", tags: ["vip"], note: null });
  });
});
