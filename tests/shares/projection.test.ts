// The pure parts of a link: its columns, what a tenant becomes under them, what a visitor's view
// becomes, and how a scope is written and summarized.
import { describe, expect, it } from "vitest";
import { normalizeShareColumns, visibility } from "@/lib/shares/columns";
import { shareStatus } from "@/lib/shares/expiry";
import { projectAnnotation, projectTenant, visibleView } from "@/lib/shares/projection";
import { NO_ANNOTATION } from "@/lib/tenants/query";
import { scopeObject, scopeSummary, scopeView } from "@/lib/shares/scope";
import { EXPORT_COLUMN_IDS } from "@/lib/tenants/export/columns";
import type { Tenant } from "@/lib/tenants/types";
import { DEFAULT_VIEW, parseViewParams } from "@/lib/tenants/view-params";
import { shareTenants } from "./support/tenants";

const view = (qs: string) => parseViewParams(new URLSearchParams(qs)).view;
const [tenant] = shareTenants(1) as [Tenant];
const hosts = { ...tenant, hostnames: ["a.example.com", "b.example.com", "c.example.com"] };

describe("normalizeShareColumns", () => {
  it("adds id and name, pairs region code and name, drops unknown ids, keeps the export order", () => {
    expect(normalizeShareColumns([])).toEqual(["name", "id"]);
    expect(normalizeShareColumns(["licenseEndsAt", "regionName", "bogus", "status"])).toEqual([
      "name",
      "id",
      "status",
      "regionCode",
      "regionName",
      "licenseEndsAt",
    ]);
    expect(normalizeShareColumns([...EXPORT_COLUMN_IDS].reverse())).toEqual(EXPORT_COLUMN_IDS);
  });
});

describe("projectTenant", () => {
  it("keeps everything for every column", () => {
    expect(projectTenant(hosts, visibility(EXPORT_COLUMN_IDS))).toEqual(hosts);
  });

  it("blanks every field but id and name for no column", () => {
    expect(projectTenant(hosts, visibility([]))).toEqual({
      id: hosts.id,
      name: hosts.name,
      status: "",
      hostnames: [],
      regionCode: "",
      countryCode: "",
      subscriptionId: null,
      licenseNumber: null,
      createdBy: null,
      createdAt: "",
      updatedAt: "",
      licenseStartsAt: null,
      licenseEndsAt: null,
      deletionStartsAt: null,
    });
  });

  it.each([
    [["hostname"], ["a.example.com"]],
    [["otherHostnames"], ["", "b.example.com", "c.example.com"]],
    [
      ["hostname", "otherHostnames"],
      ["a.example.com", "b.example.com", "c.example.com"],
    ],
  ])("with %j keeps hostnames %j (the primary stays first)", (columns, expected) => {
    expect(projectTenant(hosts, visibility(columns)).hostnames).toEqual(expected);
  });

  it("keeps no empty primary slot for a tenant with one hostname and only others shown", () => {
    const one = { ...hosts, hostnames: ["a.example.com"] };
    expect(projectTenant(one, visibility(["otherHostnames"])).hostnames).toEqual([]);
  });
});

describe("visibleView", () => {
  it("resets filters, and drops sort keys and grouping levels, on hidden columns", () => {
    const v = view(
      "q=acme&region=eu-west-1&status=active&subscription=none&country=DE&createdFrom=2024-01-01&sort=-licenseEndsAt,status,createdAt&group=subscription,region",
    );
    expect(visibleView(v, visibility(["status", "regionName"]))).toEqual({
      ...DEFAULT_VIEW,
      q: "acme",
      region: ["eu-west-1"],
      status: ["active"],
      sort: [{ field: "status", desc: false }],
      group: "region",
    });
    expect(visibleView(v, visibility([]))).toEqual({ ...DEFAULT_VIEW, q: "acme" });
  });

  it("leaves a view on shown columns alone", () => {
    const v = view("region=eu-west-1&sort=-createdAt&group=region,subscription");
    expect(visibleView(v, visibility(EXPORT_COLUMN_IDS))).toEqual(v);
  });
});

describe("scope", () => {
  it("is every filter of the view, and neither its sort nor its grouping", () => {
    const v = view("q=a b&region=us-east-1,eu-west-1&createdTo=2024-12-31&sort=-name&group=region");
    expect(scopeView(v)).toEqual({ ...v, sort: DEFAULT_VIEW.sort, group: "none" });
    // whatever TenantView holds besides sort and group is a filter, so a new one is in the scope
    const filters = Object.keys(DEFAULT_VIEW).filter((k) => k !== "sort" && k !== "group");
    expect(Object.keys(scopeView(v)).sort()).toEqual([...filters, "group", "sort"].sort());
  });

  it("is written as the view params give it, and summarized in words", () => {
    const scope = scopeObject(
      view(
        "q=a b&region=us-east-1,eu-west-1&subscription=none&createdFrom=2024-01-01&group=region",
      ),
    );
    expect(scope).toEqual({
      q: "a b",
      region: ["eu-west-1", "us-east-1"],
      subscription: ["none"],
      createdFrom: "2024-01-01",
    });
    expect(scopeSummary(scope)).toBe(
      'Search "a b" · Region eu-west-1, us-east-1 · Subscription none · Created from 2024-01-01',
    );
    expect(scopeSummary({})).toBe("Everything");
  });
});

describe("annotation columns", () => {
  const annotation = {
    subscriptionName: "Acme OEM",
    customerRef: "CRM-1",
    owner: "alice@example.com",
    tags: ["eu-prod", "vip"],
    note: "Renewal pending",
  };

  it("projectAnnotation blanks each hidden one and keeps each shown one", () => {
    expect(projectAnnotation(annotation, visibility(EXPORT_COLUMN_IDS))).toBe(annotation);
    expect(projectAnnotation(annotation, visibility([]))).toEqual({
      subscriptionName: null,
      customerRef: null,
      owner: null,
      tags: [],
      note: null,
    });
    expect(projectAnnotation(annotation, visibility(["tags", "subscriptionName"]))).toEqual({
      ...annotation,
      customerRef: null,
      owner: null,
      note: null,
    });
    expect(projectAnnotation(NO_ANNOTATION, visibility([]))).toBe(NO_ANNOTATION);
  });

  it("owner and tag filters, sorts and groups need their column; annotated any of owner, tags, note", () => {
    const v = view(
      "owner=alice@example.com&tag=vip&annotated=yes&licenseEndsTo=2026-01-01&deletionScheduled=yes&sort=-owner,subscriptionName&group=tag",
    );
    expect(visibleView(v, visibility(["status"]))).toEqual(DEFAULT_VIEW);
    expect(visibleView(v, visibility(["note"]))).toEqual({ ...DEFAULT_VIEW, annotated: true });
    expect(
      visibleView(v, visibility(["owner", "tags", "licenseEndsAt", "deletionStartsAt"])),
    ).toEqual({ ...v, sort: [{ field: "owner", desc: true }] });
    expect(visibleView(view("group=owner"), visibility(["tags"])).group).toBe("none");
  });

  it("a scope writes owners as a list (one may hold a comma) and names the new filters", () => {
    const scope = scopeObject(
      view(
        "owner=Sales,%20EMEA&owner=bob&tag=vip,eu-prod&annotated=no&licenseEndsFrom=2026-01-01&deletionScheduled=yes",
      ),
    );
    expect(scope).toEqual({
      owner: ["Sales, EMEA", "bob"],
      tag: ["eu-prod", "vip"],
      annotated: "no",
      licenseEndsFrom: "2026-01-01",
      deletionScheduled: "yes",
    });
    expect(scopeSummary(scope)).toBe(
      "Owner Sales, EMEA, bob · Tag eu-prod, vip · Annotated no · License ends from 2026-01-01 · Deletion scheduled yes",
    );
  });
});

describe("shareStatus", () => {
  it("is revoked over expired over active", () => {
    const past = "2020-01-01T00:00:00.000Z";
    expect(shareStatus({ revokedAt: past, expiresAt: past })).toBe("revoked");
    expect(shareStatus({ revokedAt: null, expiresAt: past })).toBe("expired");
    expect(shareStatus({ revokedAt: null, expiresAt: null })).toBe("active");
    expect(shareStatus({ revokedAt: null, expiresAt: "2999-01-01T00:00:00.000Z" })).toBe("active");
  });
});
