// Defaults and validation of SimulatorOptions; a bad value throws a message naming the option.
import { MAX_CLIENT_SECRETS } from "./client-secrets";
import { DEFAULT_REFERENCE_DATE, MAX_SUBSCRIPTIONS, MAX_TENANTS } from "./data/generate";
import { DEMO_KEY_MIN_LENGTH } from "./demo-challenge";
import type { SimulatorOptions } from "./types";

export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OptionsError";
  }
}

export const DEFAULTS = {
  port: 4010,
  host: "127.0.0.1",
  tenants: 2500,
  subscriptions: 12,
  seed: 1,
  clientId: "demo-client",
  clientSecret: "demo-secret",
  extraClientSecrets: [] as string[],
  tokenTtlSeconds: 21600,
  tier1PerMinute: 1000,
  tier2PerMinute: 100,
  rateWindowMinutes: 5,
  admin: false,
  log: false,
  referenceDate: DEFAULT_REFERENCE_DATE,
  driftEverySeconds: 0,
} as const;

/** The longest drift period (a day); the shortest is 0.1 s (tests). */
export const MAX_DRIFT_SECONDS = 86_400;

export const LOOPBACK_HOSTS = ["127.0.0.1", "::1", "localhost"];

export type ResolvedSimulatorOptions = Required<
  Omit<SimulatorOptions, "dataFile" | "faults" | "demoKey">
> &
  Pick<SimulatorOptions, "dataFile" | "faults" | "demoKey">;

function check(ok: boolean, message: string): void {
  if (!ok) throw new OptionsError(message);
}

const isInt = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
const isNum = (v: number, min: number, max: number) => Number.isFinite(v) && v >= min && v <= max;

export function resolveOptions(opts: SimulatorOptions = {}): ResolvedSimulatorOptions {
  const o = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  } as ResolvedSimulatorOptions;
  check(isInt(o.port, 0, 65535), `port must be a whole number from 0 to 65535 (got ${o.port})`);
  check(
    LOOPBACK_HOSTS.includes(o.host),
    `host must be a loopback address (${LOOPBACK_HOSTS.join(", ")}); got ${o.host}`,
  );
  check(
    isInt(o.tenants, 0, MAX_TENANTS),
    `tenants must be a whole number from 0 to ${MAX_TENANTS} (got ${o.tenants})`,
  );
  check(
    isInt(o.subscriptions, 1, MAX_SUBSCRIPTIONS),
    `subscriptions must be a whole number from 1 to ${MAX_SUBSCRIPTIONS} (got ${o.subscriptions})`,
  );
  check(Number.isSafeInteger(o.seed), `seed must be a whole number (got ${o.seed})`);
  check(typeof o.clientId === "string" && o.clientId.length > 0, "clientId must not be empty");
  check(
    typeof o.clientSecret === "string" && o.clientSecret.length > 0,
    "clientSecret must not be empty",
  );
  check(
    Array.isArray(o.extraClientSecrets) &&
      o.extraClientSecrets.every((s) => typeof s === "string" && s.length > 0) &&
      new Set([o.clientSecret, ...o.extraClientSecrets]).size === o.extraClientSecrets.length + 1,
    "extraClientSecrets must be non-empty strings, different from clientSecret and from each other",
  );
  check(
    o.extraClientSecrets.length < MAX_CLIENT_SECRETS,
    `a client holds at most ${MAX_CLIENT_SECRETS} secrets: give at most ${MAX_CLIENT_SECRETS - 1} extraClientSecrets`,
  );
  check(
    isInt(o.tokenTtlSeconds, 1, 31_536_000),
    `tokenTtlSeconds must be a whole number of seconds from 1 to 31536000 (got ${o.tokenTtlSeconds})`,
  );
  check(
    isNum(o.tier1PerMinute, 0.001, 1e9),
    `tier1PerMinute must be a positive number (got ${o.tier1PerMinute})`,
  );
  check(
    isNum(o.tier2PerMinute, 0.001, 1e9),
    `tier2PerMinute must be a positive number (got ${o.tier2PerMinute})`,
  );
  check(
    isNum(o.rateWindowMinutes, 0.001, 1440),
    `rateWindowMinutes must be a positive number of minutes up to 1440 (got ${o.rateWindowMinutes})`,
  );
  check(
    o.demoKey === undefined ||
      (typeof o.demoKey === "string" && o.demoKey.length >= DEMO_KEY_MIN_LENGTH),
    `demoKey must be at least ${DEMO_KEY_MIN_LENGTH} characters`,
  );
  check(
    o.driftEverySeconds === 0 || isNum(o.driftEverySeconds, 0.1, MAX_DRIFT_SECONDS),
    `driftEverySeconds must be 0 (off) or a number of seconds from 0.1 to ${MAX_DRIFT_SECONDS} (got ${o.driftEverySeconds})`,
  );
  check(
    !Number.isNaN(Date.parse(o.referenceDate)),
    `referenceDate must be an ISO date-time (got ${o.referenceDate})`,
  );
  return o;
}
