import "server-only";
import { z } from "zod";
import type { Tenant } from "@/lib/tenants/types";
import { QlikProtocolError } from "./errors";

// Organization API responses, parsed at the boundary into our own Tenant type. Tolerant of every
// published variant (see /work/shared/qlik-org-api.md §4-5): envelope or bare tenant from
// get-by-id, optional fields missing or null, license dates date-only or date-time, unknown status
// and region strings kept, `links.next` absent, null, `{href:null}` or a string. A tenant that
// breaks the contract is an error naming the field, never silently dropped.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** ISO-8601 UTC with milliseconds, or null when `value` is no valid date or date-time. */
export function normalizeTimestamp(value: string): string | null {
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const iso = `${text}T00:00:00.000Z`;
    const date = new Date(iso);
    // Reject 2024-02-30 and friends, which Date would roll over.
    return !Number.isNaN(date.getTime()) && date.toISOString() === iso ? iso : null;
  }
  if (!DATE_TIME.test(text)) return null;
  let normalized = text.replace(" ", "T");
  // A date-time without offset is taken as UTC (JavaScript would read it as local time).
  if (!/([Zz]|[+-]\d{2}:?\d{2})$/.test(normalized)) normalized += "Z";
  const time = Date.parse(normalized);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * No tenant field comes near this (ids are 32 characters, names and hostnames under 256): a longer
 * string is a broken or hostile upstream, refused before it reaches the snapshot and the database.
 */
export const MAX_FIELD_LENGTH = 1024;
/** Hostnames per tenant: the default one plus a few aliases in practice. */
export const MAX_HOSTNAMES = 100;

const text = () =>
  z.string().max(MAX_FIELD_LENGTH, `is longer than ${MAX_FIELD_LENGTH} characters`);
const requiredText = text().min(1, "is empty");
const optionalText = text()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === "" ? null : v));

const requiredTimestamp = text().transform((value, ctx) => {
  const iso = normalizeTimestamp(value);
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: "is not an ISO-8601 date or date-time" });
    return z.NEVER;
  }
  return iso;
});

const optionalTimestamp = text()
  .nullish()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value.trim() === "") return null;
    const iso = normalizeTimestamp(value);
    if (iso === null) {
      ctx.addIssue({ code: "custom", message: "is not an ISO-8601 date or date-time" });
      return z.NEVER;
    }
    return iso;
  });

/** Hostnames are case-insensitive: keep each as given, drop later case-insensitive duplicates. */
const hostnamesSchema = z
  .array(text().min(1, "has an empty hostname"))
  .max(MAX_HOSTNAMES, `has more than ${MAX_HOSTNAMES} hostnames`)
  .transform((list) => {
    const seen = new Set<string>();
    return list.filter((host) => {
      const key = host.trim().toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

export const upstreamTenantSchema = z.object({
  id: requiredText,
  name: text().nullish(),
  status: requiredText,
  hostnames: hostnamesSchema,
  regionCode: requiredText,
  countryCode: requiredText,
  createdAt: requiredTimestamp,
  updatedAt: requiredTimestamp,
  createdBy: optionalText,
  subscriptionId: optionalText,
  licenseNumber: optionalText,
  licenseStartsAt: optionalTimestamp,
  licenseEndsAt: optionalTimestamp,
  deletionStartsAt: optionalTimestamp,
});

/** A raw tenant from the API → Tenant; throws QlikProtocolError (reason "invalid_tenant") naming the field. */
export function parseTenant(raw: unknown, where: string): Tenant {
  const result = upstreamTenantSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    const field = path[0] ?? "(tenant)";
    const rawId =
      typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>).id : undefined;
    const tenantId = typeof rawId === "string" && rawId !== "" ? rawId.slice(0, 64) : undefined;
    const value = valueAt(raw, path);
    const problem =
      typeof raw !== "object" || raw === null || Array.isArray(raw)
        ? "is not an object"
        : value === undefined
          ? "is missing"
          : value === null
            ? "is null"
            : issue?.code === "custom" || issue?.code === "too_small" || issue?.code === "too_big"
              ? issue.message
              : `has the wrong type (${describeType(value)})`;
    const label = path.length > 0 ? `field "${path.join(".")}" ${problem}` : problem;
    throw new QlikProtocolError(
      "invalid_tenant",
      `tenant ${where}${tenantId ? ` (id ${tenantId})` : ""}: ${label}`,
      { field, tenantId },
    );
  }
  const t = result.data;
  return {
    id: t.id,
    name: t.name ?? "",
    status: t.status,
    hostnames: t.hostnames,
    regionCode: t.regionCode,
    countryCode: t.countryCode,
    subscriptionId: t.subscriptionId,
    licenseNumber: t.licenseNumber,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    licenseStartsAt: t.licenseStartsAt,
    licenseEndsAt: t.licenseEndsAt,
    deletionStartsAt: t.deletionStartsAt,
  };
}

function valueAt(raw: unknown, path: readonly string[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A next-page link is a URL with a cursor; browsers stop far below this. */
const MAX_LINK_LENGTH = 8192;
const linkText = z.string().max(MAX_LINK_LENGTH, `is longer than ${MAX_LINK_LENGTH} characters`);
const linkSchema = z
  .union([linkText, z.object({ href: linkText.nullish() }).loose()])
  .nullish()
  .transform((link) => {
    const href = typeof link === "string" ? link : link?.href;
    return href === undefined || href === null || href.trim() === "" ? null : href.trim();
  });

const countSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform((v) => Number(v)),
]);

const pageSchema = z
  .object({
    data: z.array(z.unknown()).nullish(),
    links: z.object({ self: linkSchema, next: linkSchema, prev: linkSchema }).loose().nullish(),
    totalResults: countSchema.nullish(),
  })
  .loose();

export interface ParsedPage {
  tenants: Tenant[];
  /** links.next.href as sent (not yet checked against the origin), or null on the last page. */
  nextHref: string | null;
  totalResults: number | null;
}

export function parseTenantPage(json: unknown, where: string): ParsedPage {
  const result = pageSchema.safeParse(json);
  if (!result.success) throw responseError(result.error, where, "a tenants page");
  const page = result.data;
  const tenants = (page.data ?? []).map((raw, index) =>
    parseTenant(raw, `data[${index}] of ${where}`),
  );
  return {
    tenants,
    nextHref: page.links?.next ?? null,
    totalResults: page.totalResults ?? null,
  };
}

/** GET /tenants/{id}: the published list envelope `{data:[tenant]}` or a bare tenant. */
export function parseSingleTenant(json: unknown, id: string, where: string): Tenant | null {
  if (typeof json === "object" && json !== null && !Array.isArray(json) && "data" in json) {
    const data = (json as { data: unknown }).data;
    if (!Array.isArray(data)) {
      throw new QlikProtocolError("invalid_response", `${where}: "data" is not an array`, {
        field: "data",
      });
    }
    if (data.length === 0) return null;
    const match =
      data.find((t) => typeof t === "object" && t !== null && (t as { id?: unknown }).id === id) ??
      data[0];
    return parseTenant(match, `in ${where}`);
  }
  return parseTenant(json, `in ${where}`);
}

const countResponseSchema = z.object({ total: countSchema }).loose();

export function parseCount(json: unknown, where: string): number {
  const result = countResponseSchema.safeParse(json);
  if (!result.success) throw responseError(result.error, where, "a count");
  return result.data.total;
}

function responseError(error: z.ZodError, where: string, what: string): QlikProtocolError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || "(body)";
  return new QlikProtocolError(
    "invalid_response",
    `${where} did not return ${what}: "${field}" is invalid`,
    { field },
  );
}
