import { withRoute } from "@/lib/api/with-route";
import { revokeSessionsOf } from "@/lib/auth/revocation";
import { recordAudit } from "@/lib/db/audit";
import { revokeSessionsSchema } from "./schema";

// POST /api/sessions/revoke – end every session of a person (admin): each one signed in until now is refused on every instance within a second; signing in again works
export const POST = withRoute(
  { role: "admin", body: revokeSessionsSchema },
  async ({ session, body }) => {
    const { revokedAt } = await revokeSessionsOf(body.email);
    await recordAudit({
      actor: session.email,
      action: "sessions.revoke",
      details: { email: body.email },
      at: revokedAt,
    });
    return Response.json({ email: body.email, revokedAt });
  },
);
