import { z } from "zod";

// Body of POST /api/sessions/revoke: whose sessions to end. Compared lower-case, as sessions store it.
export const revokeSessionsSchema = z.strictObject({
  email: z
    .string({ error: "must be an email address" })
    .trim()
    .max(320, "must be at most 320 characters")
    .toLowerCase()
    .pipe(z.email({ error: "must be an email address" })),
});
