// The organization's tenants in memory, in ObjectId (creation) order, plus everything a query needs
// precomputed per record. Mutations replace records (so cached query lists never see half-applied
// changes) and bump `version`, which invalidates the query cache. Deleted tenants keep a tombstone
// so a page cursor that points at one can still be placed in the sort order.
import { randomBytes } from "node:crypto";
import { REGIONS, regionDomain, type RegionCode } from "../lib/regions";
import { slugify } from "./data/slug";
import { ApiError } from "./errors";
import { createObjectIdFactory } from "./object-id";
import type { FilterTarget } from "./scim/evaluator";
import type { Mutation, TenantData } from "./types";

export interface TenantRecord extends FilterTarget {
  oid: string;
  data: TenantData;
  /** First hostname, lower-cased (the `hostnames` sort key). */
  host0: string | undefined;
  /** JSON of `data`, filled on first use (records are replaced, never changed, so it stays valid). */
  json?: string;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomId(): string {
  const bytes = randomBytes(32);
  let out = "";
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}

function toRecord(oid: string, data: TenantData): TenantRecord {
  const hostnamesLower = data.hostnames.map((h) => h.toLowerCase());
  return {
    oid,
    data,
    id: data.id,
    name: data.name,
    subscriptionId: data.subscriptionId,
    regionCode: data.regionCode,
    countryCode: data.countryCode,
    status: data.status,
    hostnamesLower,
    host0: hostnamesLower[0],
    createdMs: Date.parse(data.createdAt),
    updatedMs: Date.parse(data.updatedAt),
  };
}

const notFound = (id: string) => new ApiError(404, `No tenant with id ${id}.`);
const badInput = (detail: string) => new ApiError(400, detail, { title: "Invalid mutation" });

export class TenantStore {
  private records: TenantRecord[] = [];
  private readonly byId = new Map<string, TenantRecord>();
  private readonly byOid = new Map<string, TenantRecord>();
  private readonly tombstones = new Map<string, TenantRecord>();
  private readonly hostOwner = new Map<string, string>();
  private readonly owned = new Set<string>();
  private readonly nextOid: (createdMs: number) => string;
  /** Bumped by every mutation. */
  version = 0;

  constructor(tenants: TenantData[], subscriptions: string[], seed: number) {
    this.nextOid = createObjectIdFactory(seed);
    for (const s of subscriptions) this.owned.add(s);
    for (const t of tenants) this.insert(t);
  }

  private insert(data: TenantData): TenantRecord {
    const record = toRecord(this.nextOid(Date.parse(data.createdAt)), data);
    this.records.push(record);
    this.index(record);
    if (data.subscriptionId) this.owned.add(data.subscriptionId);
    return record;
  }

  private index(record: TenantRecord): void {
    this.byId.set(record.id, record);
    this.byOid.set(record.oid, record);
    for (const h of record.hostnamesLower) this.hostOwner.set(h, record.id);
  }

  private unindex(record: TenantRecord): void {
    this.byId.delete(record.id);
    this.byOid.delete(record.oid);
    for (const h of record.hostnamesLower)
      if (this.hostOwner.get(h) === record.id) this.hostOwner.delete(h);
  }

  /** Every live tenant in ObjectId order. Do not modify. */
  all(): readonly TenantRecord[] {
    return this.records;
  }

  get(id: string): TenantRecord | undefined {
    return this.byId.get(id);
  }

  /** A live record, or the tombstone of a deleted one, by ObjectId. */
  byObjectId(oid: string): TenantRecord | undefined {
    const key = oid.toLowerCase();
    return this.byOid.get(key) ?? this.tombstones.get(key);
  }

  ownsSubscription(id: string): boolean {
    return this.owned.has(id);
  }

  subscriptions(): string[] {
    return [...this.owned];
  }

  private require(id: string): TenantRecord {
    const record = this.byId.get(id);
    if (!record) throw notFound(id);
    return record;
  }

  private bumpedUpdatedAt(data: TenantData): string {
    const next = Math.max(Date.now(), Date.parse(data.updatedAt) + 1, Date.parse(data.createdAt));
    return new Date(next).toISOString();
  }

  private checkHostnames(hostnames: string[], ownerId: string | undefined): void {
    const seen = new Set<string>();
    for (const h of hostnames) {
      const lower = h.toLowerCase();
      if (seen.has(lower)) throw badInput(`hostname ${h} is listed twice`);
      seen.add(lower);
      const owner = this.hostOwner.get(lower);
      if (owner !== undefined && owner !== ownerId)
        throw badInput(`hostname ${h} already belongs to tenant ${owner}`);
    }
  }

  private freeHostname(label: string, domain: string, ownerId: string | undefined): string {
    let host = `${label}.${domain}`;
    for (let n = 2; ; n++) {
      const owner = this.hostOwner.get(host.toLowerCase());
      if (owner === undefined || owner === ownerId) return host;
      host = `${label}-${n}.${domain}`;
    }
  }

  private replace(old: TenantRecord, data: TenantData): TenantRecord {
    const record = toRecord(old.oid, data);
    this.unindex(old);
    this.index(record);
    const i = this.records.indexOf(old);
    this.records[i] = record;
    if (data.subscriptionId) this.owned.add(data.subscriptionId);
    this.version++;
    return record;
  }

  /** Applies a validated mutation; throws ApiError 400/404 for data problems. */
  apply(m: Mutation): TenantRecord {
    switch (m.op) {
      case "add":
        return this.add(m.tenant);
      case "delete": {
        const old = this.require(m.id);
        this.unindex(old);
        this.records = this.records.filter((r) => r !== old);
        this.tombstones.set(old.oid, old);
        this.version++;
        return old;
      }
      case "rename": {
        const old = this.require(m.id);
        return this.replace(old, {
          ...old.data,
          name: m.name,
          updatedAt: this.bumpedUpdatedAt(old.data),
        });
      }
      case "disable":
      case "set-status": {
        const old = this.require(m.id);
        const status = m.op === "disable" ? "disabled" : m.status;
        return this.replace(old, {
          ...old.data,
          status,
          updatedAt: this.bumpedUpdatedAt(old.data),
        });
      }
      case "set-hostnames": {
        const old = this.require(m.id);
        this.checkHostnames(m.hostnames, old.id);
        return this.replace(old, {
          ...old.data,
          hostnames: [...m.hostnames],
          updatedAt: this.bumpedUpdatedAt(old.data),
        });
      }
      case "set-license": {
        const old = this.require(m.id);
        const data: TenantData = { ...old.data, updatedAt: this.bumpedUpdatedAt(old.data) };
        for (const key of ["licenseStartsAt", "licenseEndsAt"] as const) {
          const value = m[key];
          if (value === null) delete data[key];
          else if (value !== undefined) data[key] = value;
        }
        return this.replace(old, data);
      }
      case "schedule-deletion": {
        const old = this.require(m.id);
        const data: TenantData = { ...old.data, updatedAt: this.bumpedUpdatedAt(old.data) };
        if (m.deletionStartsAt === null) delete data.deletionStartsAt;
        else data.deletionStartsAt = m.deletionStartsAt;
        return this.replace(old, data);
      }
      case "move": {
        const old = this.require(m.id);
        const data: TenantData = { ...old.data, updatedAt: this.bumpedUpdatedAt(old.data) };
        if (m.subscriptionId !== undefined) {
          data.subscriptionId = m.subscriptionId;
          data.licenseNumber = m.subscriptionId;
        }
        if (m.regionCode !== undefined && m.regionCode !== old.data.regionCode) {
          const region = REGIONS.find((r) => r.code === m.regionCode);
          if (!region) throw badInput(`unknown regionCode ${m.regionCode}`);
          const from = `.${regionDomain(old.data.regionCode)}`;
          const to = regionDomain(region.code);
          data.regionCode = region.code;
          data.countryCode = region.country;
          data.hostnames = old.data.hostnames.map((h) =>
            h.toLowerCase().endsWith(from)
              ? this.freeHostname(h.slice(0, -from.length), to, old.id)
              : h,
          );
        }
        return this.replace(old, data);
      }
    }
  }

  private add(partial: Partial<TenantData>): TenantRecord {
    const id = partial.id ?? randomId();
    if (this.byId.has(id)) throw badInput(`tenant id ${id} already exists`);
    const regionCode: RegionCode = partial.regionCode ?? "us-east-1";
    const region = REGIONS.find((r) => r.code === regionCode);
    if (!region) throw badInput(`unknown regionCode ${regionCode}`);
    const name = "name" in partial ? partial.name : `New Tenant ${this.records.length + 1}`;
    const hostnames = partial.hostnames ?? [
      this.freeHostname(
        slugify(name ?? "") || `tenant-${id.slice(0, 8).toLowerCase()}`,
        regionDomain(regionCode),
        undefined,
      ),
    ];
    this.checkHostnames(hostnames, undefined);
    const now = new Date().toISOString();
    const createdAt = partial.createdAt ?? now;
    const updatedAt = partial.updatedAt ?? (Date.parse(createdAt) > Date.now() ? createdAt : now);
    if (Date.parse(updatedAt) < Date.parse(createdAt))
      throw badInput("updatedAt is before createdAt");
    const subscriptionId = partial.subscriptionId ?? this.subscriptions()[0];
    const sibling = this.records.find((r) => r.subscriptionId === subscriptionId)?.data;
    const data: TenantData = {
      id,
      ...(name === undefined ? {} : { name }),
      status: partial.status ?? "active",
      hostnames: [...hostnames],
      regionCode,
      countryCode: partial.countryCode ?? region.country,
      createdAt,
      updatedAt,
      createdBy: partial.createdBy ?? randomId(),
      ...(subscriptionId === undefined
        ? {}
        : { subscriptionId, licenseNumber: partial.licenseNumber ?? subscriptionId }),
    };
    const licenseStartsAt = partial.licenseStartsAt ?? sibling?.licenseStartsAt;
    const licenseEndsAt = partial.licenseEndsAt ?? sibling?.licenseEndsAt;
    if (licenseStartsAt !== undefined) data.licenseStartsAt = licenseStartsAt;
    if (licenseEndsAt !== undefined) data.licenseEndsAt = licenseEndsAt;
    if (partial.deletionStartsAt !== undefined) data.deletionStartsAt = partial.deletionStartsAt;
    const record = this.insert(data);
    this.version++;
    return record;
  }
}
