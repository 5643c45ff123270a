// Annotations for the benchmarks, as a team with 50,000 tenants might hold them: a name on every
// subscription (half with a customer reference), an owner on 60% of the tenants (from 150 people
// and teams), 1–3 tags from a list of 40 on each tenant, and a note on 10%. Deterministic (seeded).
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";
import type { Tenant } from "@/lib/tenants/types";

export const BENCH_TAGS = Array.from({ length: 40 }, (_, k) =>
  [
    "eu-prod",
    "us-prod",
    "apac-prod",
    "staging",
    "sandbox",
    "pilot",
    "vip",
    "legacy",
    "billing",
    "renewal",
  ][k % 10]!.concat(k < 10 ? "" : `-${Math.floor(k / 10)}`),
);

export const BENCH_OWNERS = Array.from({ length: 150 }, (_, k) =>
  k % 3 === 0
    ? `Team ${["Data", "Sales", "Ops", "Finance", "Müller"][k % 5]} ${k}`
    : `owner${k}@example.com`,
);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchAnnotations {
  subscriptions: Map<string, SubscriptionLabel>;
  tenants: Map<string, TenantAnnotation>;
}

export function benchAnnotations(
  tenants: readonly Pick<Tenant, "id" | "subscriptionId">[],
  seed = 15,
): BenchAnnotations {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const subscriptions = new Map<string, SubscriptionLabel>();
  const ids = [...new Set(tenants.map((t) => t.subscriptionId).filter((s) => s !== null))].sort();
  ids.forEach((id, k) =>
    subscriptions.set(id, {
      name: `${pick(["Acme", "Globex", "Initech", "Zürich Re", "Nordic"])} OEM ${k + 1}`,
      customerRef: k % 2 === 0 ? `CRM-${1000 + k}` : null,
    }),
  );
  const annotations = new Map<string, TenantAnnotation>();
  for (const t of tenants) {
    const owner = random() < 0.6 ? pick(BENCH_OWNERS) : null;
    const tags = new Set<string>();
    const count = 1 + Math.floor(random() * 3);
    while (tags.size < count) tags.add(pick(BENCH_TAGS));
    const note = random() < 0.1 ? `Renewal call ${Math.floor(random() * 1000)}; see ticket` : null;
    annotations.set(t.id, { owner, tags: [...tags].sort(), note });
  }
  return { subscriptions, tenants: annotations };
}

const csvCell = (text: string) => (/[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The annotations as the CSV the import takes (the export's headers). */
export function annotationsCsv(
  tenants: readonly Pick<Tenant, "id" | "subscriptionId">[],
  a: BenchAnnotations,
): string {
  const lines = ["Tenant ID,Subscription ID,Subscription name,Customer reference,Owner,Tags,Note"];
  for (const t of tenants) {
    const own = a.tenants.get(t.id);
    const label = t.subscriptionId ? a.subscriptions.get(t.subscriptionId) : undefined;
    lines.push(
      [
        t.id,
        t.subscriptionId ?? "",
        label?.name ?? "",
        label?.customerRef ?? "",
        own?.owner ?? "",
        (own?.tags ?? []).join("; "),
        own?.note ?? "",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
