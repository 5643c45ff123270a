// What links leave behind: openings counted at most once per visitor per hour, exports counted and
// audited, and never the token, in the audit log or in any log line, whatever happens to the link.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import { useEnv, fromAddress } from "../auth/support";
import { api, cookiesFor, makeLink, useMemoryStorage, type Person } from "./support/app";
import { shareTenants } from "./support/tenants";
import { failSnapshot, useSnapshot } from "./support/snapshot";

vi.mock("@/lib/tenants/snapshot", () => import("./support/snapshot"));

let storage: Storage;
let cookies: Record<Person, string>;
const written: string[] = [];

beforeAll(async () => {
  useEnv({ LOG_LEVEL: "debug" });
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  storage = await useMemoryStorage();
  useSnapshot(shareTenants(80));
  cookies = await cookiesFor();
});
afterAll(async () => {
  vi.restoreAllMocks();
  setStorageForTests(null);
  await storage.close();
});
afterEach(() => vi.useRealTimers());

const LINK = { view: "status=active", columns: ["status", "hostname"], allowExport: true };
const settle = () => new Promise((r) => setTimeout(r, 30));

async function auditOf(shareId: string) {
  const { items } = await storage.listAudit({ limit: 500 });
  return items.filter((e) => e.details.shareId === shareId).reverse();
}

describe("openings", () => {
  it("are counted at most once per visitor per hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T10:00:00Z"));
    const { token, share } = await makeLink(LINK, cookies.viewer);
    const anonymousA = { headers: fromAddress("203.0.113.1") };
    const anonymousB = { headers: fromAddress("203.0.113.2") };
    const viewer = { cookie: cookies.viewer, headers: fromAddress("203.0.113.3") };
    await api.open(token, anonymousA);
    await api.open(token, anonymousA);
    await api.tenants(token, "", anonymousA); // reading the rows is not an opening
    await api.open(token, anonymousB);
    await api.open(token, viewer);
    await api.open(token, { ...viewer, headers: fromAddress("203.0.113.4") });
    let row = await storage.getShare(share.id);
    expect(row).toMatchObject({ opens: 3, lastOpenedAt: "2026-12-01T10:00:00.000Z" });
    vi.setSystemTime(new Date("2026-12-01T11:00:01Z"));
    await api.open(token, anonymousA);
    row = await storage.getShare(share.id);
    expect(row).toMatchObject({ opens: 4, lastOpenedAt: "2026-12-01T11:00:01.000Z" });
    const opens = (await auditOf(share.id)).filter((e) => e.action === "share.open");
    expect(opens.map((e) => [e.actor, e.details.address])).toEqual([
      ["anonymous", "203.0.113.1"],
      ["anonymous", "203.0.113.2"],
      ["vic@viewers.example.com", "203.0.113.3"],
      ["anonymous", "203.0.113.1"],
    ]);
  });
});

describe("exports", () => {
  it("are counted on the link and audited with the visitor, the rows and the columns", async () => {
    const { token, share } = await makeLink(LINK, cookies.viewer);
    const response = await api.export(token, "format=json&sort=-createdAt", {
      cookie: cookies.outsider,
      headers: fromAddress("203.0.113.9"),
    });
    const rows = (await response.json()) as unknown[];
    await settle();
    expect((await storage.getShare(share.id))?.exports).toBe(1);
    const [entry] = (await auditOf(share.id)).filter((e) => e.action === "share.export");
    expect(entry).toMatchObject({
      actor: "olga@elsewhere.example.com",
      details: {
        shareId: share.id,
        address: "203.0.113.9",
        format: "json",
        rows: rows.length,
        total: rows.length,
        completed: true,
        columns: ["name", "id", "status", "hostname"],
      },
    });
  });
});

describe("the token", () => {
  it("appears in no log line and no audit entry, whatever happens to the link", async () => {
    const start = written.length;
    const { token, share } = await makeLink(LINK, cookies.viewer);
    const signedIn = await makeLink({ ...LINK, access: "signed-in" }, cookies.admin);
    const tampered = `${token.slice(0, -2)}zz`;
    await api.open(token);
    await api.tenants(token, "q=host&group=region");
    await api.tenant(token, "TnoSuchTenant");
    await (await api.export(token, "format=csv")).text();
    await api.tenants(token, "region=mars-1");
    await api.open(signedIn.token);
    await api.open(tampered);
    await api.open(token.slice(0, 30));
    failSnapshot(new Error("database fell over"));
    expect((await api.tenants(token)).status).toBe(500);
    failSnapshot(null);
    await api.patch(share.id, { allowExport: false }, { cookie: cookies.viewer });
    await api.export(token);
    await api.revoke(share.id, { cookie: cookies.viewer });
    await api.open(token);
    await settle();

    const lines = written.slice(start).join("");
    expect(lines).toContain(share.id); // the log does name links, by id
    expect(lines).toContain("/api/s/[token]/tenants"); // the 500 was logged, without the token
    const audit = JSON.stringify((await storage.listAudit({ limit: 500 })).items);
    expect(audit).toContain(share.id);
    for (const secret of [token, signedIn.token, tampered, token.slice(0, 30)]) {
      expect(lines).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });
});
