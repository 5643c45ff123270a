// The 17 Qlik Cloud region codes of the Organization API, with a readable name, the country code the
// API pairs them with, and the tenant hostname domain where one is known. Shared by the simulator
// (to generate data) and the app (to label it). Never derive a tenant's hostname from its region in
// the client: use the tenant's `hostnames`.

export const REGIONS = [
  { code: "us-east-1", name: "US East (N. Virginia)", country: "US", domain: "us.qlikcloud.com" },
  { code: "us-east-2", name: "US East (Ohio)", country: "US", domain: null },
  { code: "us-west-1", name: "US West (N. California)", country: "US", domain: null },
  { code: "us-west-2", name: "US West (Oregon)", country: "US", domain: null },
  { code: "eu-west-1", name: "Europe (Ireland)", country: "IE", domain: "eu.qlikcloud.com" },
  { code: "eu-west-2", name: "Europe (London)", country: "GB", domain: "uk.qlikcloud.com" },
  { code: "eu-west-3", name: "Europe (Paris)", country: "FR", domain: "fr.qlikcloud.com" },
  { code: "eu-north-1", name: "Europe (Stockholm)", country: "SE", domain: "se.qlikcloud.com" },
  { code: "eu-central-1", name: "Europe (Frankfurt)", country: "DE", domain: "de.qlikcloud.com" },
  {
    code: "ap-southeast-1",
    name: "Asia Pacific (Singapore)",
    country: "SG",
    domain: "sg.qlikcloud.com",
  },
  {
    code: "ap-southeast-2",
    name: "Asia Pacific (Sydney)",
    country: "AU",
    domain: "ap.qlikcloud.com",
  },
  {
    code: "ap-northeast-1",
    name: "Asia Pacific (Tokyo)",
    country: "JP",
    domain: "jp.qlikcloud.com",
  },
  { code: "ap-south-1", name: "Asia Pacific (Mumbai)", country: "IN", domain: "in.qlikcloud.com" },
  { code: "il-central-1", name: "Israel (Tel Aviv)", country: "IL", domain: "il.qlikcloud.com" },
  { code: "me-central-1", name: "Middle East (UAE)", country: "AE", domain: "ae.qlikcloud.com" },
  {
    code: "sa-east-1",
    name: "South America (São Paulo)",
    country: "BR",
    domain: "br.qlikcloud.com",
  },
  { code: "ca-central-1", name: "Canada (Central)", country: "CA", domain: null },
] as const;

export type RegionCode = (typeof REGIONS)[number]["code"];
export const REGION_CODES = REGIONS.map((r) => r.code) as [RegionCode, ...RegionCode[]];

export const COUNTRY_CODES = [
  "US",
  "IE",
  "GB",
  "DE",
  "SG",
  "AU",
  "JP",
  "IN",
  "IL",
  "AE",
  "BR",
  "FR",
  "SE",
  "CA",
] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

export const COUNTRY_NAMES: Record<CountryCode, string> = {
  US: "United States",
  IE: "Ireland",
  GB: "United Kingdom",
  DE: "Germany",
  SG: "Singapore",
  AU: "Australia",
  JP: "Japan",
  IN: "India",
  IL: "Israel",
  AE: "United Arab Emirates",
  BR: "Brazil",
  FR: "France",
  SE: "Sweden",
  CA: "Canada",
};

export const TENANT_STATUSES = ["active", "disabled", "deleted", "deactivated"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

const byCode = new Map<string, (typeof REGIONS)[number]>(REGIONS.map((r) => [r.code, r]));

/** "US East (N. Virginia) · us-east-1"; unknown codes are shown as they are. */
export function regionLabel(code: string): string {
  const region = byCode.get(code);
  return region ? `${region.name} · ${region.code}` : code;
}

export function regionName(code: string): string {
  return byCode.get(code)?.name ?? code;
}

/** Hostname domain for generated data; regions without a published domain get a plausible one. */
export function regionDomain(code: RegionCode): string {
  return byCode.get(code)?.domain ?? `${code.replace(/-\d+$/, "").replace(/-/g, "")}.qlikcloud.com`;
}
