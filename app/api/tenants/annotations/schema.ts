import { z } from "zod";
import { BULK_MAX_IDS } from "@/lib/annotations/bulk";
import { tenantIdSchema } from "@/lib/annotations/ids";
import { clearable, ownerSchema, tagSchema, TAGS_PER_TENANT_MAX } from "@/lib/annotations/values";

// POST /api/tenants/annotations: which tenants (`view`, the explorer's query string, or `ids`) and
// what to do to each (`addTags`, `removeTags`, `owner`; null or "" clears the owner). Unknown
// fields are refused.

const tags = z
  .array(tagSchema)
  .min(1, "must name at least one tag")
  .max(TAGS_PER_TENANT_MAX, `must name at most ${TAGS_PER_TENANT_MAX} tags`);

export const bulkAnnotationsSchema = z
  .strictObject({
    view: z.string().max(4000, "must be at most 4,000 characters").optional(),
    ids: z
      .array(tenantIdSchema)
      .min(1, "must name at least one tenant")
      .max(BULK_MAX_IDS, `must name at most ${BULK_MAX_IDS.toLocaleString("en")} tenants`)
      .optional(),
    addTags: tags.optional(),
    removeTags: tags.optional(),
    owner: clearable(ownerSchema).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.view === undefined) === (body.ids === undefined))
      ctx.addIssue({
        code: "custom",
        path: [body.view === undefined ? "ids" : "view"],
        message: 'give either "view" (a query string) or "ids", not both',
      });
    if (body.addTags === undefined && body.removeTags === undefined && body.owner === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["addTags"],
        message: 'give at least one of "addTags", "removeTags" and "owner"',
      });
  });

/** 100,000 ids of up to 64 characters, quoted and comma-separated, fit comfortably. */
export const BULK_MAX_BODY_BYTES = 8 * 1024 * 1024;
