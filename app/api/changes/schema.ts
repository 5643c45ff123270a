import { z } from "zod";
import { CHANGE_KINDS } from "@/lib/tenants/sync/diff";
import type { ChangeKind } from "@/lib/tenants/types";

// Query of GET /api/changes. `kind` may repeat and/or be comma-separated; `from`/`to` take a date
// (to = through the end of that UTC day) or an ISO date-time with a zone. Unknown parameters are
// refused so a typo does not silently return the whole feed.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(end: boolean) {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      const isDate = DATE.test(value);
      const ms =
        isDate || DATE_TIME.test(value) ? Date.parse(isDate ? `${value}T00:00:00Z` : value) : NaN;
      const roundTrip =
        isDate && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
      if (Number.isNaN(ms) || (isDate && !roundTrip)) {
        ctx.addIssue({
          code: "custom",
          message:
            "must be a date (2026-01-31) or an ISO date-time with a zone (2026-01-31T12:00:00Z)",
        });
        return z.NEVER;
      }
      return new Date(isDate && end ? ms + 86_400_000 - 1 : ms).toISOString();
    });
}

const kinds = z.union([z.string(), z.array(z.string())]).transform((raw, ctx) => {
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = values.filter((v) => !(CHANGE_KINDS as readonly string[]).includes(v));
  if (unknown.length > 0) {
    ctx.addIssue({
      code: "custom",
      message: `unknown kind ${unknown.map((v) => JSON.stringify(v.slice(0, 40))).join(", ")} (one of ${CHANGE_KINDS.join(", ")})`,
    });
    return z.NEVER;
  }
  return [...new Set(values)] as ChangeKind[];
});

const single = (message: string) =>
  z.string({ error: (issue) => (Array.isArray(issue.input) ? "may be given only once" : message) });

export const changesQuerySchema = z
  .strictObject({
    kind: kinds.optional(),
    from: single("must be a date").pipe(instant(false)).optional(),
    to: single("must be a date").pipe(instant(true)).optional(),
    tenant: single("must be a tenant id").trim().min(1, "must not be empty").max(200).optional(),
    cursor: single("must be a cursor from nextCursor").min(1).max(100).optional(),
    limit: single("must be a whole number")
      .regex(/^\d{1,4}$/, "must be a whole number from 1 to 500")
      .transform(Number)
      .pipe(z.number().min(1, "must be at least 1").max(500, "must be at most 500"))
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["from"],
    message: "must not be after `to`",
  });

export type ChangesQuery = z.output<typeof changesQuerySchema>;
