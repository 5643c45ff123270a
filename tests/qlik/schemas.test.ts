import { describe, expect, it } from "vitest";
import { QlikProtocolError } from "@/lib/qlik/errors";
import {
  normalizeTimestamp,
  parseCount,
  parseSingleTenant,
  parseTenant,
  parseTenantPage,
} from "@/lib/qlik/schemas";
import { tenant } from "./support/fake-server";

const specExample = {
  id: "TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69",
  name: "QlikTenant",
  status: "active",
  hostnames: ["example-tenant.us.qlikcloud.com", "example-tenant.example.com"],
  regionCode: "us-east-1",
  countryCode: "US",
  createdAt: "2023-01-15T10:30:00.000Z",
  updatedAt: "2023-06-20T14:45:00.000Z",
  createdBy: "TiQ8GPVr8qI714Lp5ChAAFFaU24MJy7A",
  subscriptionId: "9876543210987654",
  licenseNumber: "1234567890123456",
  licenseStartsAt: "2023-01-01",
  licenseEndsAt: "2024-12-31",
  deletionStartsAt: "2024-06-30T00:00:00.000Z",
  links: { self: { href: "http://foo.example/api/v1/tenants/TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69" } },
};

function protocolError(fn: () => unknown): QlikProtocolError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(QlikProtocolError);
    return error as QlikProtocolError;
  }
  throw new Error("expected a QlikProtocolError");
}

describe("normalizeTimestamp", () => {
  it.each([
    ["2024-12-31", "2024-12-31T00:00:00.000Z"],
    ["2026-12-31T23:59:59.999Z", "2026-12-31T23:59:59.999Z"],
    ["2023-01-15T10:30:00Z", "2023-01-15T10:30:00.000Z"],
    ["2023-01-15T12:30:00+02:00", "2023-01-15T10:30:00.000Z"],
    ["2023-01-15T10:30:00", "2023-01-15T10:30:00.000Z"],
    ["2023-01-15 10:30", "2023-01-15T10:30:00.000Z"],
    ["2023-01-15T10:30:00.123456Z", "2023-01-15T10:30:00.123Z"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeTimestamp(input)).toBe(expected);
  });

  it.each(["2024-02-30", "yesterday", "2024-13-01", "", "1700000000"])("rejects %j", (input) => {
    expect(normalizeTimestamp(input)).toBeNull();
  });
});

describe("parseTenant", () => {
  it("maps the spec example into our Tenant, date-only license dates at midnight UTC", () => {
    expect(parseTenant(specExample, "t")).toEqual({
      id: "TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69",
      name: "QlikTenant",
      status: "active",
      hostnames: ["example-tenant.us.qlikcloud.com", "example-tenant.example.com"],
      regionCode: "us-east-1",
      countryCode: "US",
      subscriptionId: "9876543210987654",
      licenseNumber: "1234567890123456",
      createdBy: "TiQ8GPVr8qI714Lp5ChAAFFaU24MJy7A",
      createdAt: "2023-01-15T10:30:00.000Z",
      updatedAt: "2023-06-20T14:45:00.000Z",
      licenseStartsAt: "2023-01-01T00:00:00.000Z",
      licenseEndsAt: "2024-12-31T00:00:00.000Z",
      deletionStartsAt: "2024-06-30T00:00:00.000Z",
    });
  });

  it("accepts optional fields missing or null, and keeps unknown statuses and regions", () => {
    const parsed = parseTenant(
      {
        id: "a",
        status: "suspended-for-audit",
        hostnames: [],
        regionCode: "eu-south-2",
        countryCode: "ES",
        createdAt: "2024-01-01",
        updatedAt: "2024-01-02T00:00:00Z",
        name: null,
        subscriptionId: null,
        licenseEndsAt: null,
        licenseStartsAt: "",
        createdBy: undefined,
        somethingNew: { nested: true },
      },
      "t",
    );
    expect(parsed).toMatchObject({
      name: "",
      status: "suspended-for-audit",
      regionCode: "eu-south-2",
      subscriptionId: null,
      licenseNumber: null,
      createdBy: null,
      licenseStartsAt: null,
      licenseEndsAt: null,
      deletionStartsAt: null,
      createdAt: "2024-01-01T00:00:00.000Z",
    });
  });

  it("keeps hostnames as given but drops case-insensitive duplicates", () => {
    const parsed = parseTenant(
      tenant("a", {
        hostnames: ["Acme.EU.qlikcloud.com", "acme.eu.qlikcloud.com", "analytics.acme.com"],
      }),
      "t",
    );
    expect(parsed.hostnames).toEqual(["Acme.EU.qlikcloud.com", "analytics.acme.com"]);
  });

  it.each([
    [{ regionCode: undefined }, "regionCode", 'field "regionCode" is missing'],
    [{ status: null }, "status", 'field "status" is null'],
    [{ hostnames: "a.example.com" }, "hostnames", 'field "hostnames" has the wrong type (string)'],
    [{ createdAt: "last tuesday" }, "createdAt", 'field "createdAt" is not an ISO-8601 date'],
    [{ licenseEndsAt: "2024-99-99" }, "licenseEndsAt", 'field "licenseEndsAt" is not an ISO-8601'],
    [
      { subscriptionId: 9876543210987654 },
      "subscriptionId",
      'field "subscriptionId" has the wrong type (number)',
    ],
    [{ id: "" }, "id", 'field "id" is empty'],
  ])("names the failing field: %j", (override, field, text) => {
    const raw = { ...tenant("t-1"), ...override };
    if ("regionCode" in override && override.regionCode === undefined)
      delete (raw as Record<string, unknown>).regionCode;
    const error = protocolError(() => parseTenant(raw, "data[3]"));
    expect(error.reason).toBe("invalid_tenant");
    expect(error.field).toBe(field);
    expect(error.message).toContain(text);
    expect(error.message).toContain("data[3]");
    if (field !== "id") expect(error.tenantId).toBe("t-1");
  });

  it("refuses a non-object tenant", () => {
    const error = protocolError(() => parseTenant("tenant", "data[0]"));
    expect(error.message).toContain("is not an object");
  });
});

describe("parseTenantPage", () => {
  it("reads next links in every published form", () => {
    const base = { data: [tenant("a")] };
    expect(
      parseTenantPage({ ...base, links: { self: { href: "s" }, next: { href: "n?next=1" } } }, "p")
        .nextHref,
    ).toBe("n?next=1");
    expect(
      parseTenantPage({ ...base, links: { next: { href: "x?offset=2" } } }, "p").nextHref,
    ).toBe("x?offset=2");
    expect(parseTenantPage({ ...base, links: { self: { href: "s" } } }, "p").nextHref).toBeNull();
    expect(
      parseTenantPage({ ...base, links: { next: { href: null }, prev: { href: null } } }, "p")
        .nextHref,
    ).toBeNull();
    expect(parseTenantPage({ ...base, links: { next: null } }, "p").nextHref).toBeNull();
    expect(parseTenantPage({ ...base, links: { next: "plain?next=3" } }, "p").nextHref).toBe(
      "plain?next=3",
    );
    expect(parseTenantPage(base, "p").nextHref).toBeNull();
  });

  it("reads totalResults as a number or numeric string, and tolerates a page without data", () => {
    expect(parseTenantPage({ data: [], totalResults: 150 }, "p").totalResults).toBe(150);
    expect(parseTenantPage({ data: [], totalResults: "42" }, "p").totalResults).toBe(42);
    expect(parseTenantPage({}, "p")).toEqual({ tenants: [], nextHref: null, totalResults: null });
  });

  it("fails on one bad tenant instead of dropping it, naming its position", () => {
    const error = protocolError(() =>
      parseTenantPage({ data: [tenant("a"), { ...tenant("b"), countryCode: 7 }] }, "page 2"),
    );
    expect(error.message).toContain("data[1] of page 2");
    expect(error.field).toBe("countryCode");
    expect(error.tenantId).toBe("b");
  });

  it("fails on a body that is not a page", () => {
    expect(protocolError(() => parseTenantPage([1, 2], "p")).reason).toBe("invalid_response");
    expect(protocolError(() => parseTenantPage({ data: "nope" }, "p")).field).toBe("data");
    expect(protocolError(() => parseTenantPage(null, "p")).reason).toBe("invalid_response");
  });
});

describe("parseSingleTenant", () => {
  it("accepts the list envelope and a bare tenant", () => {
    expect(
      parseSingleTenant({ data: [tenant("a")], links: { self: { href: "x" } } }, "a", "w")?.id,
    ).toBe("a");
    expect(parseSingleTenant(tenant("a"), "a", "w")?.id).toBe("a");
    expect(parseSingleTenant({ data: [] }, "a", "w")).toBeNull();
    expect(parseSingleTenant({ data: [tenant("b"), tenant("a")] }, "a", "w")?.id).toBe("a");
  });
});

describe("parseCount", () => {
  it("reads total", () => {
    expect(parseCount({ total: 42 }, "w")).toBe(42);
    expect(parseCount({ total: "7" }, "w")).toBe(7);
    expect(protocolError(() => parseCount({ count: 1 }, "w")).field).toBe("total");
  });
});
