// Tenants for the share tests: every field that a link can hide holds a value found nowhere else
// (random license numbers, creator ids, alias hostnames, times to the millisecond), so a test can
// search an answer's raw text for it and know that a hit is a leak.
import { createRng } from "../../query/support/fixture";
import type { Tenant } from "@/lib/tenants/types";

export const REGIONS = ["eu-central-1", "eu-west-1", "us-east-1", "ap-southeast-2"] as const;
const COUNTRY: Record<string, string> = {
  "eu-central-1": "DE",
  "eu-west-1": "IE",
  "us-east-1": "US",
  "ap-southeast-2": "AU",
};
export const STATUSES = ["active", "disabled", "deleted", "deactivated"] as const;
export const SUBSCRIPTIONS = ["4100000000000001", "4200000000000002", "4300000000000003"] as const;
const WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"];
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function shareTenants(count = 400, seed = 11): Tenant[] {
  const rng = createRng(seed);
  const text = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += ALPHABET[rng.int(0, ALPHABET.length - 1)];
    return s;
  };
  const digits = (n: number) => {
    let s = String(rng.int(1, 9));
    while (s.length < n) s += String(rng.int(0, 9));
    return s;
  };
  const time = (from: number, to: number) =>
    new Date(
      Date.UTC(from, 0, 1) + Math.floor(rng.next() * (Date.UTC(to, 0, 1) - Date.UTC(from, 0, 1))),
    ).toISOString();
  return Array.from({ length: count }, (_, i): Tenant => {
    const regionCode = rng.pick(REGIONS);
    const name = `${rng.pick(WORDS)} ${i}`;
    return {
      id: `T${text(31)}`,
      name,
      status: rng.pick(STATUSES),
      hostnames: [
        `host-${text(10).toLowerCase()}.qlikcloud.com`,
        ...(rng.chance(0.5) ? [`alias-${text(10).toLowerCase()}.example.net`] : []),
      ],
      regionCode,
      countryCode: COUNTRY[regionCode]!,
      subscriptionId: rng.chance(0.1) ? null : rng.pick(SUBSCRIPTIONS),
      licenseNumber: `9${digits(15)}`,
      createdBy: `creator-${text(12)}`,
      createdAt: time(2022, 2026),
      updatedAt: time(2022, 2026),
      licenseStartsAt: time(2021, 2023),
      licenseEndsAt: rng.chance(0.2) ? null : time(2027, 2030),
      deletionStartsAt: rng.chance(0.7) ? null : time(2030, 2032),
    };
  });
}

/** A date-time as the snapshot holds it and as a CSV export writes it. */
export const dateForms = (iso: string) => [iso, `${iso.slice(0, 10)} ${iso.slice(11, 19)}`];
