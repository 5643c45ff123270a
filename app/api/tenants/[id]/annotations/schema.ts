import { z } from "zod";
import { tenantIdSchema } from "@/lib/annotations/ids";
import { clearable, noteSchema, ownerSchema, tagListSchema } from "@/lib/annotations/values";

// PATCH /api/tenants/[id]/annotations: the fields to change; a field left out stays as it is, null
// (or "") clears it; `tags` replaces the list (null or [] clears). Unknown fields are refused.

export const tenantParams = z.object({ id: tenantIdSchema });

export const patchAnnotationSchema = z
  .strictObject({
    owner: clearable(ownerSchema).optional(),
    tags: tagListSchema.nullable().optional(),
    note: clearable(noteSchema).optional(),
  })
  .refine((b) => b.owner !== undefined || b.tags !== undefined || b.note !== undefined, {
    message: 'give at least one of "owner", "tags" and "note"',
  });
