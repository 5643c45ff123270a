import { z } from "zod";
import { EXPORT_COLUMN_IDS } from "@/lib/tenants/export/columns";
import { parseViewParams, ViewParamsError } from "@/lib/tenants/view-codec";
import { MAX_SHARE_MS } from "@/lib/shares/expiry";
import { MAX_SHARE_DAYS, SHARE_ACCESS, SHARE_EXPIRY_CHOICES } from "@/lib/shares/types";

// Bodies and query of /api/shares (the fields a change may carry are shared with ./[id]/schema.ts). Unknown fields are refused (a typo must not silently make a
// wider or longer-lived link). `expiresIn: null` (never) is valid here; that only admins may ask
// for it is checked with the role, as a 403.

export const name = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters");

/** The explorer's query string (a leading `?` is fine); `offset` and `limit` are ignored. */
const view = z
  .string()
  .max(4000, "must be at most 4,000 characters")
  .transform((text, ctx) => {
    try {
      return parseViewParams(new URLSearchParams(text.replace(/^\?/, ""))).view;
    } catch (error) {
      if (!(error instanceof ViewParamsError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });

export const expiresIn = z.enum(SHARE_EXPIRY_CHOICES).nullable().optional();

export const expiresAt = z.iso
  .datetime({ offset: true, message: "must be an ISO date-time, e.g. 2026-03-01T12:00:00Z" })
  .refine((iso) => Date.parse(iso) > Date.now(), "must be in the future")
  .refine(
    (iso) => Date.parse(iso) <= Date.now() + MAX_SHARE_MS,
    `must be at most ${MAX_SHARE_DAYS} days ahead`,
  )
  .optional();

export function oneExpiry(
  body: { expiresIn?: unknown; expiresAt?: unknown },
  ctx: z.RefinementCtx,
) {
  if (body.expiresIn !== undefined && body.expiresAt !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["expiresAt"],
      message: "give expiresIn or expiresAt, not both",
    });
}

export const createShareSchema = z
  .strictObject({
    name,
    view,
    columns: z.array(z.enum(EXPORT_COLUMN_IDS)).max(64),
    access: z.enum(SHARE_ACCESS),
    allowExport: z.boolean().default(false),
    expiresIn,
    expiresAt,
  })
  .superRefine(oneExpiry);

export const listSharesQuerySchema = z.strictObject({
  mine: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional(),
});
