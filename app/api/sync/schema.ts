import { z } from "zod";

// Query of GET /api/sync: how many recent runs to list.
export const syncQuerySchema = z.strictObject({
  limit: z
    .string({ error: "must be a whole number" })
    .regex(/^\d{1,3}$/, "must be a whole number from 1 to 100")
    .transform(Number)
    .pipe(z.number().min(1, "must be at least 1").max(100, "must be at most 100"))
    .optional(),
});
