import { z } from "zod";

// Path of /api/s/[token]/tenants/[id]. The token is the share guard's; `id` as for /api/tenants/[id].

export const shareTenantParams = z.object({
  token: z.string(),
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a tenant id (1–64 letters, digits, "-" or "_")'),
});
