// Fixture tenants for the export tests: the simulator's generated organization (hostile names
// included), parsed the way the sync parses it, plus hand-made tenants for the edge cases the
// generator does not produce (full-width formula triggers, a leading apostrophe, CR, tabs, 16-digit
// numbers, many hostnames, missing dates).
import { generateDataset } from "@/simulator/data/generate";
import { parseTenant } from "@/lib/qlik/schemas";
import type { Tenant } from "@/lib/tenants/types";

export function simulatedTenants(count: number, seed = 7, subscriptions = 6): Tenant[] {
  const { tenants } = generateDataset({ tenants: count, subscriptions, seed });
  return tenants.map((raw, i) => parseTenant(raw, `#${i}`));
}

function tenant(overrides: Partial<Tenant> & Pick<Tenant, "id" | "name">): Tenant {
  return {
    status: "active",
    hostnames: [`${overrides.id.toLowerCase()}.eu.qlikcloud.com`],
    regionCode: "eu-west-1",
    countryCode: "IE",
    subscriptionId: "4000123456789012",
    licenseNumber: "4000123456789012",
    createdBy: "u1",
    createdAt: "2024-03-01T12:34:56.000Z",
    updatedAt: "2024-03-02T00:00:00.000Z",
    licenseStartsAt: "2024-01-01T00:00:00.000Z",
    licenseEndsAt: "2026-12-31T23:59:59.999Z",
    deletionStartsAt: null,
    ...overrides,
  };
}

/** Names with every character class that breaks CSV or spreadsheets, one tenant each. */
export const EDGE_NAMES = [
  "=1+1",
  "+SUM(A1)",
  "-2+3",
  "@SUM(A1)",
  "\tTabbed",
  "\rCarriage",
  "\nNewline first",
  "＝全角",
  "＋全角",
  "－全角",
  "＠全角",
  "'Apostrophe start",
  "''double",
  'Say "hi", then leave',
  "Comma, only",
  "CR\rinside",
  "CRLF\r\ninside",
  "Trailing newline\n",
  '"',
  ",",
  "",
  "  spaces  ",
  "<img src=x onerror=alert(1)>",
  "naïve café — 東京 — مرحبا — 📊",
  "1234567890123456",
  "0012",
  "1.5E+3",
  "TRUE",
];

export function edgeTenants(): Tenant[] {
  const out = EDGE_NAMES.map((name, i) =>
    tenant({ id: `edge${String(i).padStart(2, "0")}`, name }),
  );
  out.push(
    tenant({
      id: "-dashId",
      name: "Id starting with a dash",
      hostnames: ["a.eu.qlikcloud.com", "b.example.com", "c.example.org"],
      subscriptionId: null,
      licenseNumber: null,
      createdBy: null,
      licenseStartsAt: null,
      licenseEndsAt: null,
      deletionStartsAt: "2026-01-05T08:09:10.123Z",
    }),
    tenant({ id: "noHosts", name: "No hostnames", hostnames: [], regionCode: "xx-new-9" }),
  );
  return out;
}
