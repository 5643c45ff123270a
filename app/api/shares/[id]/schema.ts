import { z } from "zod";
import { SHARE_ID } from "@/lib/shares/types";
import { expiresAt, expiresIn, name, oneExpiry } from "../schema";

// Path and body of /api/shares/[id]. A change names at least one field; unknown fields are refused.

export const shareIdParams = z.object({
  id: z.string().regex(SHARE_ID, 'is not a share link id ("shr_" and 16 characters)'),
});

export const updateShareSchema = z
  .strictObject({
    name: name.optional(),
    allowExport: z.boolean().optional(),
    expiresIn,
    expiresAt,
  })
  .superRefine(oneExpiry)
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "nothing to change: give name, allowExport, expiresIn or expiresAt",
  });
