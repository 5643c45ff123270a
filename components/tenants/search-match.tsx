// Which fields a search found a tenant by when its name does not hold the words ("Matched ID"),
// from the API's TenantRow.match: so a row that looks unrelated to the search says why it is there.
import type { SearchMatchField } from "@/lib/tenants/types";
import { cn } from "@/components/ui/cn";

const FIELD_LABELS: Record<SearchMatchField, string> = {
  hostname: "hostname",
  id: "ID",
  subscriptionId: "subscription",
  licenseNumber: "license number",
  subscriptionName: "subscription name",
  owner: "owner",
};

export function searchMatchText(fields: readonly SearchMatchField[]): string {
  return `Matched ${fields.map((f) => FIELD_LABELS[f]).join(", ")}`;
}

export function SearchMatch({
  fields,
  className,
}: {
  fields: readonly SearchMatchField[];
  className?: string;
}) {
  const text = searchMatchText(fields);
  return (
    <span
      data-testid="search-match"
      data-match={fields.join(" ")}
      title={`The search found this tenant by its ${fields.map((f) => FIELD_LABELS[f]).join(" and ")}, not its name`}
      className={cn(
        "inline-block shrink-0 rounded bg-sky-100 px-1.5 text-[0.6875rem] leading-5 font-normal text-sky-950 dark:bg-sky-950 dark:text-sky-100",
        className,
      )}
    >
      {text}
    </span>
  );
}
