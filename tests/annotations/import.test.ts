// POST /api/annotations/import: a dry run shows what would change, unknown ids and invalid rows
// with their line numbers, and writes nothing; applying writes it all in one transaction (audited);
// the same file twice changes nothing the second time; files as Excel writes them (BOM, ";"
// separated, CRLF) are read; and an export of the annotation columns re-imports unchanged.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/api/tenants/export/route";
import { parseCsv } from "@/lib/annotations/import/parse";
import { resetOverlayForTests } from "@/lib/annotations/overlay";
import type { ImportResult } from "@/lib/annotations/import/types";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import type { Tenant } from "@/lib/tenants/types";
import { request, useEnv } from "../auth/support";
import { cookiesFor, useMemoryStorage, type Person } from "../shares/support/app";
import { useSnapshot } from "../shares/support/snapshot";
import { shareTenants, SUBSCRIPTIONS } from "../shares/support/tenants";
import { api, errorOf } from "./support/app";

vi.mock("@/lib/tenants/snapshot", () => import("../shares/support/snapshot"));

let storage: Storage;
let cookies: Record<Person, string>;
let tenants: Tenant[];

beforeAll(async () => {
  useEnv();
  storage = await useMemoryStorage();
  resetOverlayForTests();
  tenants = shareTenants(40);
  useSnapshot(tenants);
  cookies = await cookiesFor();
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});
beforeEach(() => useEnv());

const admin = () => ({ cookie: cookies.admin });
const id = (i: number) => tenants[i]!.id;

async function importCsv(csv: string | Uint8Array, qs = "dryRun=true") {
  const response = await api.import(csv, qs, admin());
  if (response.status !== 200)
    throw new Error(`import: ${response.status} ${JSON.stringify(await errorOf(response))}`);
  return (await response.json()) as ImportResult;
}

describe("reading the file", () => {
  it("numbers records by the line they start on, cells spanning lines included", () => {
    const table = parseCsv('id,note\r\na,"two\r\nlines"\r\n\r\nb,x\nc,"1\n2\n3"\nd,y');
    expect(table.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, "a"],
      [5, "b"],
      [6, "c"],
      [9, "d"],
    ]);
    expect(table.rows[0]!.cells[1]).toBe("two\nlines");
  });

  it("detects ';' from the header line and drops a byte order mark", () => {
    const table = parseCsv('\uFEFFTenant ID;Note\n"a";"x, y"\n');
    expect(table.delimiter).toBe(";");
    expect(table.header).toEqual(["Tenant ID", "Note"]);
    expect(table.rows[0]!.cells).toEqual(["a", "x, y"]);
  });
});

describe("dry run", () => {
  it("previews changes, unknown ids and invalid rows with line numbers, writing nothing", async () => {
    const csv = [
      "Tenant ID,Owner,Tags,Note,Name",
      `${id(0)},team-a@example.com,prod; eu,"A note, with a comma",ignored`,
      `${id(1)},,Not A Tag,,ignored`,
      `Tunknowntenant,someone,,,ignored`,
      `${id(2)},team-b,"billing,prod","two`,
      `lines",ignored`,
      `${id(0)},again,,,ignored`,
      `,nobody,,,ignored`,
      `${id(3)},short`,
      `bad id!,x,,,ignored`,
    ].join("\n");
    const version = await storage.getAnnotationsVersion();
    const result = await importCsv(csv);
    expect(result).toMatchObject({
      dryRun: true,
      applied: false,
      delimiter: ",",
      columns: ["id", "owner", "tags", "note"],
      ignoredColumns: ["Name"],
      rows: 8,
      changed: 2,
      tenantsChanged: 2,
      subscriptionsChanged: 0,
      unknownIds: [{ line: 4, tenantId: "Tunknowntenant" }],
      unknownCount: 1,
      invalidCount: 5,
    });
    expect(result.tenantChanges).toEqual([
      {
        line: 2,
        tenantId: id(0),
        before: null,
        after: { owner: "team-a@example.com", tags: ["eu", "prod"], note: "A note, with a comma" },
      },
      {
        line: 5,
        tenantId: id(2),
        before: null,
        after: { owner: "team-b", tags: ["billing", "prod"], note: "two\nlines" },
      },
    ]);
    expect(result.invalidRows.map((r) => r.line)).toEqual([3, 7, 8, 9, 10]);
    expect(result.invalidRows[0]!.reason).toMatch(/^Tags: "Not A Tag"/);
    expect(result.invalidRows[1]!.reason).toBe(`Tenant ${id(0)} is on line 2 already.`);
    expect(result.invalidRows[2]!.reason).toBe("The tenant id is empty.");
    expect(result.invalidRows[3]!.reason).toBe("The row has 2 cells; the header has 5.");
    expect(result.invalidRows[4]!.reason).toBe('"bad id!" is not a tenant id.');
    expect(await storage.getAnnotationsVersion()).toBe(version);
    expect((await storage.listAudit({ action: "annotations.import" })).items).toEqual([]);
  });

  it('a row whose owner or tag is "none" is invalid and says why (that word is the filter)', async () => {
    const csv = `id,owner,tags\n${id(5)},None,\n${id(6)},ops,eu;none\n`;
    const result = await importCsv(csv);
    expect(result.invalidRows.map((r) => r.line)).toEqual([2, 3]);
    expect(result.invalidRows[0]!.reason).toContain('An owner cannot be "none"');
    expect(result.invalidRows[1]!.reason).toContain('A tag cannot be "none"');
  });

  it("refuses to apply while rows are invalid, unless skipInvalid=true", async () => {
    const csv = `id,tags\n${id(5)},fine\n${id(6)},NOT OK\n`;
    const refused = await api.import(csv, "dryRun=false", admin());
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toMatch(/^1 row is invalid \(line 3: Tags: /);
    expect((await storage.loadAnnotations()).tenants).toEqual([]);
    const applied = await importCsv(csv, "dryRun=false&skipInvalid=true");
    expect(applied).toMatchObject({
      applied: true,
      changed: 1,
      invalidCount: 1,
      skippedInvalid: true,
    });
  });
});

describe("applying", () => {
  it("writes in one go, audited, and the same file again changes nothing", async () => {
    const [a, b] = tenants.filter((t) => t.subscriptionId === SUBSCRIPTIONS[1]);
    const csv = [
      "id,owner,tags,note,subscriptionName,customerRef",
      `${a!.id},ops,"a;b",First,Acme OEM,CRM-7`,
      `${b!.id},ops,b,,Acme OEM,CRM-7`,
    ].join("\r\n");
    const first = await importCsv(csv, "dryRun=false");
    expect(first).toMatchObject({
      applied: true,
      changed: 3,
      tenantsChanged: 2,
      subscriptionsChanged: 1,
      invalidCount: 0,
    });
    expect(first.subscriptionChanges).toEqual([
      {
        line: 2,
        subscriptionId: SUBSCRIPTIONS[1],
        before: null,
        after: { name: "Acme OEM", customerRef: "CRM-7" },
      },
    ]);
    const second = await importCsv(csv, "dryRun=false");
    expect(second).toMatchObject({ applied: true, changed: 0, unchanged: 2 });
    const audit = (await storage.listAudit({ action: "annotations.import" })).items;
    expect(audit[0]?.details).toMatchObject({ rows: 2, changedTenants: 0, source: "import" });
    expect(audit[1]?.details).toMatchObject({
      rows: 2,
      changedTenants: 2,
      changedSubscriptions: 1,
    });
    const perTenant = (await storage.listAudit({ action: "annotations.tenant" })).items;
    expect(perTenant.find((e) => e.details.tenantId === a!.id)?.details).toEqual({
      tenantId: a!.id,
      before: null,
      after: { owner: "ops", tags: ["a", "b"], note: "First" },
      source: "import",
    });

    // A column the file lacks is left alone; an empty cell clears its field.
    await importCsv(`id,note\n${a!.id},\n`, "dryRun=false");
    const stored = (await storage.loadAnnotations()).tenants.find((t) => t.tenantId === a!.id);
    expect(stored).toMatchObject({ owner: "ops", tags: ["a", "b"], note: null });
  });

  it("reads a file as Excel writes it in some locales: BOM, ';' separated, CRLF", async () => {
    const csv = `\uFEFFTenant ID;Owner;Tags\r\n${id(20)};"Müller; Team";x-1, x-2\r\n${id(21)};=cmd;\r\n`;
    const bytes = new TextEncoder().encode(csv);
    const result = await importCsv(bytes, "dryRun=false");
    expect(result).toMatchObject({ delimiter: ";", changed: 2, invalidCount: 0 });
    expect(result.tenantChanges.map((c) => c.after)).toEqual([
      { owner: "Müller; Team", tags: ["x-1", "x-2"], note: null },
      { owner: "=cmd", tags: [], note: null },
    ]);
  });

  it("names the subscription of each row's tenant, and refuses conflicting names", async () => {
    const [a, b] = tenants.filter((t) => t.subscriptionId === SUBSCRIPTIONS[2]);
    const csv = `id,subscriptionName\n${a!.id},Initech\n${b!.id},Other name\n`;
    const result = await importCsv(csv);
    expect(result.subscriptionChanges).toEqual([
      {
        line: 2,
        subscriptionId: SUBSCRIPTIONS[2],
        before: null,
        after: { name: "Initech", customerRef: null },
      },
    ]);
    expect(result.invalidRows).toEqual([
      { line: 3, reason: `Subscription ${SUBSCRIPTIONS[2]} is given other values on line 2.` },
    ]);
  });
});

describe("refusals", () => {
  it.each([
    ["owner,tags\nx,y\n", "needs a tenant id column"],
    ["id,name\nx,y\n", "no column to import"],
    ["id,ID,owner\nx,x,y\n", "both give the tenant id"],
    ['id,owner\nx,"unclosed\n', "not valid CSV"],
    ["", "needs a body"],
  ])("answers 400 for a file it cannot use (%j)", async (csv, message) => {
    const response = await api.import(csv, "dryRun=true", admin());
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain(message);
  });

  it("answers 400 for a file that is not UTF-8, and for a JSON body", async () => {
    const latin1 = new Uint8Array([
      0x69, 0x64, 0x2c, 0x6e, 0x6f, 0x74, 0x65, 0x0a, 0x61, 0x2c, 0xe9,
    ]);
    expect((await errorOf(await api.import(latin1, "", admin()))).message).toContain("not UTF-8");
    const json = await api.import("{}", "", { ...admin(), contentType: "application/json" });
    expect((await errorOf(json)).message).toContain("Content-Type text/csv");
  });

  it("refuses viewers (403), bad parameters (400) and files over 8 MB (413)", async () => {
    const csv = `id,owner\n${id(0)},x\n`;
    expect((await api.import(csv, "dryRun=false", { cookie: cookies.viewer })).status).toBe(403);
    const bad = await api.import(csv, "dryRun=maybe", admin());
    expect((await errorOf(bad)).message).toContain('Invalid query parameter "dryRun"');
    const big = `id,note\n${`${id(0)},${"x".repeat(1000)}\n`.repeat(8_500)}`;
    const tooBig = await api.import(big, "dryRun=true", admin());
    expect(tooBig.status).toBe(413);
    expect((await errorOf(tooBig)).message).toBe("The request body is over 8 MB.");
  });

  it("accepts a file over the usual 64 KB body cap", async () => {
    const rows = tenants.map((t) => `${t.id},${"n".repeat(1900)}`).join("\n");
    const result = await importCsv(`id,note\n${rows}\n`, "dryRun=true");
    expect(result.rows).toBe(tenants.length);
  });
});

describe("round trip with the export", () => {
  it("re-imports an export of the annotation columns without a change", async () => {
    // Values that CSV and spreadsheets treat specially: quotes, delimiters, line breaks, formulas.
    await api.patch(
      id(30),
      { owner: '-ops, "core"; team', note: '=SUM(A1)\nline "2"; x' },
      admin(),
    );
    await api.patch(id(31), { owner: "@lead", tags: ["a", "b-c"], note: "'quoted" }, admin());
    await api.putSubscription(
      SUBSCRIPTIONS[0],
      { name: '+Acme, Inc; "EU"', customerRef: "=ref" },
      admin(),
    );
    for (const bom of ["false", "true"]) {
      const url = `/api/tenants/export?format=csv&bom=${bom}&columns=id,name,subscriptionId,subscriptionName,customerRef,owner,tags,note`;
      const response = await exportRoute(request(url, admin()), { params: Promise.resolve({}) });
      expect(response.status).toBe(200);
      const csv = new Uint8Array(await response.arrayBuffer());
      const result = await importCsv(csv);
      expect(result).toMatchObject({
        changed: 0,
        invalidCount: 0,
        unknownCount: 0,
        rows: tenants.length,
      });
      expect(result.ignoredColumns).toEqual(["Name"]);
    }
  });
});
