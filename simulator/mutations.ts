// Validation of admin mutation bodies (POST /__sim/tenants and handle.mutate). Shapes only; the
// store checks what depends on the data (unknown ids, hostname clashes).
import { z } from "zod";
import { REGION_CODES, TENANT_STATUSES } from "../lib/regions";
import { HOSTNAME_RE, tenantSchema } from "./data/load";

const licenseDate = tenantSchema.shape.licenseEndsAt.unwrap();
const deletionDate = tenantSchema.shape.deletionStartsAt.unwrap();
import type { Mutation } from "./types";

const id = z.string().min(1);
const hostnames = z
  .array(z.string().regex(HOSTNAME_RE, "must be a hostname"))
  .min(1, "needs at least one hostname")
  .max(50);

export const mutationSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), tenant: tenantSchema.partial().strict() }).strict(),
  z.object({ op: z.literal("rename"), id, name: z.string().max(1000) }).strict(),
  z.object({ op: z.literal("disable"), id }).strict(),
  z.object({ op: z.literal("set-status"), id, status: z.enum(TENANT_STATUSES) }).strict(),
  z.object({ op: z.literal("delete"), id }).strict(),
  z
    .object({
      op: z.literal("move"),
      id,
      subscriptionId: z.string().min(1).optional(),
      regionCode: z.enum(REGION_CODES).optional(),
    })
    .strict()
    .refine((m) => m.subscriptionId !== undefined || m.regionCode !== undefined, {
      message: "move needs subscriptionId and/or regionCode",
    }),
  z.object({ op: z.literal("set-hostnames"), id, hostnames }).strict(),
  z
    .object({
      op: z.literal("set-license"),
      id,
      licenseStartsAt: licenseDate.nullable().optional(),
      licenseEndsAt: licenseDate.nullable().optional(),
    })
    .strict()
    .refine((m) => m.licenseStartsAt !== undefined || m.licenseEndsAt !== undefined, {
      message: "set-license needs licenseStartsAt and/or licenseEndsAt",
    }),
  z
    .object({ op: z.literal("schedule-deletion"), id, deletionStartsAt: deletionDate.nullable() })
    .strict(),
]);

/** Parses an untrusted mutation; returns a message naming the problem on failure. */
export function parseMutation(
  raw: unknown,
): { ok: true; mutation: Mutation } | { ok: false; message: string } {
  const result = mutationSchema.safeParse(raw);
  if (result.success) return { ok: true, mutation: result.data as Mutation };
  const issue = result.error.issues[0];
  const path = issue?.path.length ? issue.path.join(".") : "body";
  return { ok: false, message: `${path}: ${issue?.message ?? "invalid mutation"}` };
}
