// Loads and validates a dataset file: {data:[Tenant…]} (an API page saved to disk) or [Tenant…].
// Unknown properties (and `links`) are dropped; anything invalid stops the start with a message
// naming the file and the offending entry.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { COUNTRY_CODES, REGION_CODES, TENANT_STATUSES } from "../../lib/regions";
import type { TenantData } from "../types";

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataFileError";
  }
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const dateTime = z
  .string()
  .refine((v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)), "must be an ISO date-time with a time zone");
const dateOrDateTime = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO date or date-time");
export const HOSTNAME_RE = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const TENANT_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export const tenantSchema = z.object({
  id: z.string().regex(TENANT_ID_RE, "must be 1-64 characters of A-Z a-z 0-9 _ -"),
  name: z.string().max(1000).optional(),
  status: z.enum(TENANT_STATUSES),
  hostnames: z.array(z.string().regex(HOSTNAME_RE, "must be a hostname")).max(50),
  regionCode: z.enum(REGION_CODES),
  countryCode: z.enum(COUNTRY_CODES),
  createdAt: dateTime,
  updatedAt: dateTime,
  createdBy: z.string().optional(),
  subscriptionId: z.string().min(1).optional(),
  licenseNumber: z.string().optional(),
  licenseStartsAt: dateOrDateTime.optional(),
  licenseEndsAt: dateOrDateTime.optional(),
  deletionStartsAt: dateTime.optional(),
});

const fileSchema = z.union([
  z.array(z.unknown()),
  z.object({ data: z.array(z.unknown()), subscriptions: z.array(z.string()).optional() }),
]);

export interface LoadedDataset {
  tenants: TenantData[];
  /** Subscriptions the organization owns: the file's `subscriptions` plus every tenant's. */
  subscriptions: string[];
}

export function parseDataset(raw: unknown, label: string): LoadedDataset {
  const file = fileSchema.safeParse(raw);
  if (!file.success)
    throw new DataFileError(`${label}: expected {"data": [tenants…]} or an array of tenants`);
  const items = Array.isArray(file.data) ? file.data : file.data.data;
  const tenants: TenantData[] = [];
  const ids = new Set<string>();
  const hosts = new Map<string, string>();
  items.forEach((item, index) => {
    const parsed = tenantSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = [`data[${index}]`, ...(issue?.path ?? []).map(String)].join(".");
      throw new DataFileError(`${label}: ${where} ${issue?.message ?? "is invalid"}`);
    }
    const tenant = parsed.data as TenantData;
    if (ids.has(tenant.id)) throw new DataFileError(`${label}: data[${index}].id ${tenant.id} is a duplicate`);
    ids.add(tenant.id);
    for (const host of tenant.hostnames) {
      const owner = hosts.get(host.toLowerCase());
      if (owner)
        throw new DataFileError(`${label}: data[${index}] hostname ${host} is also used by tenant ${owner}`);
      hosts.set(host.toLowerCase(), tenant.id);
    }
    if (Date.parse(tenant.updatedAt) < Date.parse(tenant.createdAt))
      throw new DataFileError(`${label}: data[${index}].updatedAt is before createdAt`);
    tenants.push(tenant);
  });
  const subscriptions = new Set(Array.isArray(file.data) ? [] : (file.data.subscriptions ?? []));
  for (const t of tenants) if (t.subscriptionId) subscriptions.add(t.subscriptionId);
  return { tenants, subscriptions: [...subscriptions] };
}

export function loadDataFile(path: string): LoadedDataset {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
    throw new DataFileError(`data file ${path} cannot be read (${code})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(`data file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseDataset(raw, `data file ${path}`);
}
