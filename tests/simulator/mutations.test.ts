import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle, Tenant } from "../../simulator/server";
import { ApiError } from "../../simulator/server";
import { admin, api, q, startTestSimulator, type Api } from "./support/sim";

let sim: SimulatorHandle;
let client: Api;

beforeAll(async () => {
  sim = await startTestSimulator({ tenants: 200, subscriptions: 4, admin: true });
  client = await api(sim);
});
afterAll(() => sim.close());

const byId = (id: string) => sim.tenants().find((t) => t.id === id);
const pick = (pred: (t: Tenant) => boolean) => sim.tenants().find(pred) as Tenant;
const mutate = (body: unknown) => admin(sim, "/__sim/tenants", body);

describe("POST /__sim/tenants", () => {
  it("adds a tenant with sensible defaults at the end of the default order", async () => {
    const res = await mutate({
      op: "add",
      tenant: { name: "Brand New — Prod", regionCode: "eu-central-1" },
    });
    expect(res.status).toBe(201);
    const t = res.body as Tenant;
    expect(t).toMatchObject({
      name: "Brand New — Prod",
      regionCode: "eu-central-1",
      countryCode: "DE",
      status: "active",
    });
    expect(t.id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(t.hostnames).toEqual(["brand-new-prod.de.qlikcloud.com"]);
    expect(sim.tenants().at(-1)?.id).toBe(t.id);
    const found = await client.get(`/api/core/tenants?filter=${q('name eq "Brand New — Prod"')}`);
    expect(found.body.data).toEqual([t]);
  });

  it("adds a tenant with given fields and a new subscription the organization then owns", async () => {
    const res = await mutate({
      op: "add",
      tenant: {
        id: "Added_Tenant-000000000000000000001",
        status: "disabled",
        subscriptionId: "5555666677778888",
        hostnames: ["x.example.com"],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      subscriptionId: "5555666677778888",
      licenseNumber: "5555666677778888",
      status: "disabled",
    });
    const count = await client.get(
      `/api/core/tenants/actions/count?filter=${q('subscriptionId eq "5555666677778888"')}`,
    );
    expect(count.body.total).toBe(1);
  });

  it("renames, disables and sets the status, bumping updatedAt each time", async () => {
    const t = pick((x) => x.status === "active");
    const renamed = (await mutate({ op: "rename", id: t.id, name: "Renamed, Inc." }))
      .body as Tenant;
    expect(renamed.name).toBe("Renamed, Inc.");
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThan(Date.parse(t.updatedAt));
    const disabled = (await mutate({ op: "disable", id: t.id })).body as Tenant;
    expect(disabled.status).toBe("disabled");
    expect(Date.parse(disabled.updatedAt)).toBeGreaterThan(Date.parse(renamed.updatedAt));
    const deactivated = (await mutate({ op: "set-status", id: t.id, status: "deactivated" }))
      .body as Tenant;
    expect(deactivated.status).toBe("deactivated");
    const res = await client.get(`/api/core/tenants/${t.id}`);
    expect(res.body.data[0]).toEqual(deactivated);
  });

  it("deletes: the tenant is gone from every endpoint", async () => {
    const t = pick((x) => x.status === "active" && x.subscriptionId !== undefined);
    const countOf = async () =>
      (
        await client.get(
          `/api/core/tenants/actions/count?filter=${q(`subscriptionId eq "${t.subscriptionId}"`)}`,
        )
      ).body.total;
    const before = await countOf();
    expect((await mutate({ op: "delete", id: t.id })).status).toBe(200);
    expect(await countOf()).toBe(before - 1);
    expect((await client.get(`/api/core/tenants/${t.id}`)).status).toBe(404);
    expect(byId(t.id)).toBeUndefined();
  });

  it("moves to another region: countryCode and the region hostname follow, custom domains stay", async () => {
    const t = pick((x) => x.regionCode === "us-east-1");
    await mutate({
      op: "set-hostnames",
      id: t.id,
      hostnames: [t.hostnames[0], "analytics.move-test.com"],
    });
    const moved = (await mutate({ op: "move", id: t.id, regionCode: "ap-northeast-1" }))
      .body as Tenant;
    expect(moved.regionCode).toBe("ap-northeast-1");
    expect(moved.countryCode).toBe("JP");
    expect(moved.hostnames[0]).toBe(
      (t.hostnames[0] as string).replace(".us.qlikcloud.com", ".jp.qlikcloud.com"),
    );
    expect(moved.hostnames[1]).toBe("analytics.move-test.com");
  });

  it("moves to another subscription", async () => {
    const t = sim.tenants()[5] as Tenant;
    const other = pick((x) => x.subscriptionId !== t.subscriptionId).subscriptionId as string;
    const moved = (await mutate({ op: "move", id: t.id, subscriptionId: other })).body as Tenant;
    expect(moved).toMatchObject({ subscriptionId: other, licenseNumber: other });
  });

  it("sets hostnames, found case-insensitively by the hostnames filter", async () => {
    const t = sim.tenants()[7] as Tenant;
    await mutate({
      op: "set-hostnames",
      id: t.id,
      hostnames: ["Primary-Host.eu.qlikcloud.com", "alias.example.org"],
    });
    const res = await client.get(
      `/api/core/tenants?filter=${q('hostnames eq "ALIAS.example.ORG"')}`,
    );
    expect(res.body.data.map((x: Tenant) => x.id)).toEqual([t.id]);
  });

  it("sets and clears license dates and a scheduled deletion, bumping updatedAt", async () => {
    const t = pick((x) => x.status === "active" && x.deletionStartsAt === undefined);
    const licensed = (
      await mutate({ op: "set-license", id: t.id, licenseEndsAt: "2027-01-10T23:59:59.999Z" })
    ).body as Tenant;
    expect(licensed.licenseEndsAt).toBe("2027-01-10T23:59:59.999Z");
    expect(licensed.licenseStartsAt).toBe(t.licenseStartsAt);
    expect(Date.parse(licensed.updatedAt)).toBeGreaterThan(Date.parse(t.updatedAt));
    const dateOnly = (await mutate({ op: "set-license", id: t.id, licenseEndsAt: "2027-02-01" }))
      .body as Tenant;
    expect(dateOnly.licenseEndsAt).toBe("2027-02-01");
    const scheduled = (
      await mutate({ op: "schedule-deletion", id: t.id, deletionStartsAt: "2027-01-05T10:00:00Z" })
    ).body as Tenant;
    expect(scheduled.deletionStartsAt).toBe("2027-01-05T10:00:00Z");
    const res = await client.get(`/api/core/tenants/${t.id}`);
    expect(res.body.data[0]).toEqual(scheduled);
    const cleared = (await mutate({ op: "schedule-deletion", id: t.id, deletionStartsAt: null }))
      .body as Tenant;
    expect(cleared).not.toHaveProperty("deletionStartsAt");
    const unlicensed = (await mutate({ op: "set-license", id: t.id, licenseEndsAt: null }))
      .body as Tenant;
    expect(unlicensed).not.toHaveProperty("licenseEndsAt");
  });

  it.each([
    ["no op", { id: "x" }],
    ["an unknown op", { op: "explode", id: "x" }],
    ["a missing id", { op: "rename", name: "x" }],
    ["a bad status", { op: "set-status", id: "x", status: "paused" }],
    ["a bad region", { op: "move", id: "x", regionCode: "mars-1" }],
    ["a move with nothing to move", { op: "move", id: "x" }],
    ["an empty hostname list", { op: "set-hostnames", id: "x", hostnames: [] }],
    ["an invalid hostname", { op: "set-hostnames", id: "x", hostnames: ["not a host"] }],
    ["an unknown tenant field", { op: "add", tenant: { colour: "blue" } }],
    ["an invalid tenant field", { op: "add", tenant: { createdAt: "yesterday" } }],
    ["a set-license with no date", { op: "set-license", id: "x" }],
    ["a bad license date", { op: "set-license", id: "x", licenseEndsAt: "soon" }],
    [
      "a deletion date without a zone",
      { op: "schedule-deletion", id: "x", deletionStartsAt: "2027-01-05T10:00:00" },
    ],
    ["a schedule-deletion without a date", { op: "schedule-deletion", id: "x" }],
    ["a JSON array", []],
  ])("answers 400 for %s", async (_label, body) => {
    const res = await mutate(body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].detail).toBeTruthy();
  });

  it("answers 400 for clashing ids and hostnames, 404 for unknown tenants", async () => {
    const [a, b] = sim.tenants() as [Tenant, Tenant];
    expect((await mutate({ op: "add", tenant: { id: a.id } })).status).toBe(400);
    expect(
      (await mutate({ op: "set-hostnames", id: a.id, hostnames: [b.hostnames[0]?.toUpperCase()] }))
        .status,
    ).toBe(400);
    expect((await mutate({ op: "rename", id: "NoSuchTenant", name: "x" })).status).toBe(404);
  });

  it("is the same as handle.mutate, which throws ApiError on bad input", () => {
    const t = sim.tenants()[3] as Tenant;
    expect(sim.mutate({ op: "rename", id: t.id, name: "Via handle" }).name).toBe("Via handle");
    expect(() => sim.mutate({ op: "rename", id: "missing", name: "x" })).toThrow(ApiError);
    expect(() => sim.mutate({ op: "nope" } as never)).toThrow(/op/);
  });

  it("invalidates cached query results", async () => {
    const path = `/api/core/tenants?limit=100&totalResults=true&filter=${q('status eq "deleted"')}`;
    const before = (await client.get(path)).body.totalResults as number;
    const t = pick((x) => x.status === "active");
    sim.mutate({ op: "set-status", id: t.id, status: "deleted" });
    const after = await client.get(path);
    expect(after.body.totalResults).toBe(before + 1);
    expect(after.body.data.some((x: Tenant) => x.id === t.id)).toBe(true);
  });

  it("lists the current data at GET /__sim/tenants", async () => {
    const res = await admin(sim, "/__sim/tenants", undefined, "GET");
    expect(res.body.data).toEqual(sim.tenants());
  });
});
