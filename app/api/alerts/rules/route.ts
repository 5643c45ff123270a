import { withRoute } from "@/lib/api/with-route";
import { createAlertRule, listAlertRules } from "@/lib/alerts/manage";
import { clientIpFrom } from "@/lib/http/client-address";
import { createAlertRuleSchema } from "../schema";

// POST /api/alerts/rules – create an alert rule (admins); 201 with the rule, and once any webhook secret the server generated
export const POST = withRoute(
  { role: "admin", body: createAlertRuleSchema },
  async ({ req, session, body }) =>
    Response.json(
      await createAlertRule(body, { user: session, address: clientIpFrom(req.headers) }),
      { status: 201 },
    ),
);

// GET /api/alerts/rules – every alert rule, oldest first (admins; secrets only as hasSecret)
export const GET = withRoute({ role: "admin" }, async () =>
  Response.json({ rules: await listAlertRules() }),
);
