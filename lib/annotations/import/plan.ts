// From the rows of an annotation CSV to the patches an import applies: which columns the file has,
// each row checked (line number and reason when it cannot be imported), tenants neither in the
// snapshot nor annotated set aside as unknown. A column the file lacks is left alone; an empty
// cell clears that field. Pure: the caller supplies what the snapshot and overlay know.
import type { z } from "zod";
import { restoreNeutralized } from "@/lib/tenants/export/cells";
import type { SubscriptionLabelPatch, TenantAnnotationPatch } from "@/lib/db/types";
import { SUBSCRIPTION_ID_PATTERN, TENANT_ID_PATTERN } from "../ids";
import type { SubscriptionLabel } from "../types";
import {
  customerRefSchema,
  noteSchema,
  ownerSchema,
  subscriptionNameSchema,
  tagSchema,
  TAGS_PER_TENANT_MAX,
} from "../values";
import { importColumnHeader, importColumnOf, VALUE_COLUMNS, type ImportColumn } from "./columns";
import { CsvFileError, type CsvTable } from "./parse";
import type { ImportRowProblem, ImportUnknownId } from "./types";

/** What the import needs to know about the current snapshot and annotations. */
export interface ImportContext {
  /** The tenant's subscription id (null: none); undefined when the tenant is not in the snapshot. */
  subscriptionOf(tenantId: string): string | null | undefined;
  /** The tenant has an annotation (so a removed tenant can still be annotated). */
  isAnnotated(tenantId: string): boolean;
  /** A tenant of the snapshot is in it, or it has a name already. */
  isKnownSubscription(subscriptionId: string): boolean;
  label(subscriptionId: string): SubscriptionLabel | undefined;
}

export interface ImportPlan {
  columns: ImportColumn[];
  ignoredColumns: string[];
  rows: number;
  tenants: (TenantAnnotationPatch & { line: number })[];
  subscriptions: (SubscriptionLabelPatch & { line: number })[];
  unknownIds: ImportUnknownId[];
  invalidRows: ImportRowProblem[];
}

const LABELS: Record<ImportColumn, string> = {
  id: "Tenant ID",
  owner: "Owner",
  tags: "Tags",
  note: "Note",
  subscriptionName: "Subscription name",
  customerRef: "Customer reference",
  subscriptionId: "Subscription ID",
};

/** Which column index holds which import column; CsvFileError for a header it cannot use. */
function mapHeader(header: readonly string[]) {
  const index = new Map<ImportColumn, number>();
  const ignored: string[] = [];
  header.forEach((name, i) => {
    const column = importColumnOf(name);
    if (column === null) {
      if (name.trim()) ignored.push(name.trim());
      return;
    }
    const earlier = index.get(column);
    if (earlier !== undefined)
      throw new CsvFileError(
        `Columns "${header[earlier]}" and "${name}" both give the ${LABELS[column].toLowerCase()}; keep one of them.`,
      );
    index.set(column, i);
  });
  if (!index.has("id"))
    throw new CsvFileError(
      `The file needs a tenant id column, headed "${importColumnHeader("id")}" or "id".`,
    );
  if (!VALUE_COLUMNS.some((c) => index.has(c)))
    throw new CsvFileError(
      `The file has no column to import: add one of ${VALUE_COLUMNS.map((c) => `"${importColumnHeader(c)}"`).join(", ")}.`,
    );
  return { index, ignored };
}

/** A cell's text as the export meant it: one leading `'` (formula neutralization) dropped. */
const cellText = (cell: string | undefined) => restoreNeutralized(cell ?? "");

/** A value, or null for a blank cell (which clears the field); problems pushed to `problems`. */
function clearableValue(
  raw: string,
  schema: z.ZodType<string, string>,
  column: ImportColumn,
  problems: string[],
): string | null | undefined {
  if (raw.trim() === "") return null;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  problems.push(`${LABELS[column]}: ${result.error.issues[0]?.message ?? "invalid"}`);
  return undefined;
}

function tagList(raw: string, problems: string[]): string[] | undefined {
  const parts = raw
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter(Boolean);
  const tags = new Set<string>();
  const bad: string[] = [];
  for (const part of parts) {
    const result = tagSchema.safeParse(part);
    if (result.success) tags.add(result.data);
    else bad.push(`"${part.slice(0, 50)}" (${result.error.issues[0]?.message ?? "invalid"})`);
  }
  if (bad.length) {
    problems.push(`Tags: ${bad.join(", ")}`);
    return undefined;
  }
  if (tags.size > TAGS_PER_TENANT_MAX) {
    problems.push(`Tags: at most ${TAGS_PER_TENANT_MAX} per tenant, this row has ${tags.size}`);
    return undefined;
  }
  return [...tags].sort();
}

const sameLabelField = (a: string | null | undefined, b: string | null | undefined) =>
  a === undefined || b === undefined || a === b;

export function planImport(table: CsvTable, context: ImportContext): ImportPlan {
  const { index, ignored } = mapHeader(table.header);
  const at = (cells: readonly string[], column: ImportColumn) => {
    const i = index.get(column);
    return i === undefined ? undefined : cellText(cells[i]);
  };
  const plan: ImportPlan = {
    columns: [...index.keys()],
    ignoredColumns: ignored,
    rows: table.rows.length,
    tenants: [],
    subscriptions: [],
    unknownIds: [],
    invalidRows: [],
  };
  const seenTenants = new Map<string, number>();
  const named = new Map<
    string,
    { line: number; name?: string | null; customerRef?: string | null }
  >();
  const invalid = (line: number, reason: string) => plan.invalidRows.push({ line, reason });

  for (const { line, cells } of table.rows) {
    if (cells.length < table.header.length) {
      invalid(line, `The row has ${cells.length} cells; the header has ${table.header.length}.`);
      continue;
    }
    if (cells.slice(table.header.length).some((c) => c.trim() !== "")) {
      invalid(line, `The row has ${cells.length} cells; the header has ${table.header.length}.`);
      continue;
    }
    const tenantId = at(cells, "id")!.trim();
    if (tenantId === "") {
      invalid(line, "The tenant id is empty.");
      continue;
    }
    if (!TENANT_ID_PATTERN.test(tenantId)) {
      invalid(line, `"${tenantId.slice(0, 80)}" is not a tenant id.`);
      continue;
    }
    const firstLine = seenTenants.get(tenantId);
    if (firstLine !== undefined) {
      invalid(line, `Tenant ${tenantId} is on line ${firstLine} already.`);
      continue;
    }
    seenTenants.set(tenantId, line);

    const problems: string[] = [];
    const patch: TenantAnnotationPatch = { tenantId };
    const owner = at(cells, "owner");
    if (owner !== undefined) patch.owner = clearableValue(owner, ownerSchema, "owner", problems);
    const tags = at(cells, "tags");
    if (tags !== undefined) patch.tags = tagList(tags, problems);
    const note = at(cells, "note");
    if (note !== undefined) patch.note = clearableValue(note, noteSchema, "note", problems);

    const nameCell = at(cells, "subscriptionName");
    const refCell = at(cells, "customerRef");
    const label: { name?: string | null; customerRef?: string | null } = {};
    if (nameCell !== undefined)
      label.name = clearableValue(nameCell, subscriptionNameSchema, "subscriptionName", problems);
    if (refCell !== undefined)
      label.customerRef = clearableValue(refCell, customerRefSchema, "customerRef", problems);
    if (problems.length) {
      invalid(line, `${problems.join("; ")}.`);
      continue;
    }

    const current = context.subscriptionOf(tenantId);
    if (current === undefined && !context.isAnnotated(tenantId)) {
      plan.unknownIds.push({ line, tenantId });
      continue;
    }

    let subscriptionId: string | null = null;
    if (nameCell !== undefined || refCell !== undefined) {
      const fromFile = at(cells, "subscriptionId")?.trim();
      subscriptionId = fromFile || current || null;
      const naming = !!label.name || !!label.customerRef;
      if (subscriptionId === null) {
        if (naming) {
          invalid(line, `Tenant ${tenantId} has no subscription to name.`);
          continue;
        }
      } else if (
        fromFile &&
        (!SUBSCRIPTION_ID_PATTERN.test(fromFile) || !context.isKnownSubscription(fromFile))
      ) {
        invalid(line, `No subscription with id "${fromFile.slice(0, 80)}" is known.`);
        continue;
      } else {
        const earlier = named.get(subscriptionId);
        if (
          earlier &&
          !(
            sameLabelField(earlier.name, label.name) &&
            sameLabelField(earlier.customerRef, label.customerRef)
          )
        ) {
          invalid(
            line,
            `Subscription ${subscriptionId} is given other values on line ${earlier.line}.`,
          );
          continue;
        }
        const name =
          label.name !== undefined
            ? label.name
            : (earlier?.name ?? context.label(subscriptionId)?.name ?? null);
        if (name === null && label.customerRef) {
          invalid(
            line,
            `Subscription ${subscriptionId} has no name: a customer reference needs one.`,
          );
          continue;
        }
      }
    }

    plan.tenants.push({ ...patch, line });
    // Every row has the same columns, so a later row naming the subscription repeats the first.
    if (subscriptionId !== null && !named.has(subscriptionId)) {
      named.set(subscriptionId, { line, ...label });
      plan.subscriptions.push({ subscriptionId, ...label, line });
    }
  }
  return plan;
}
