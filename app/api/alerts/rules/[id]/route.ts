import { withRoute } from "@/lib/api/with-route";
import { deleteAlertRule, updateAlertRule } from "@/lib/alerts/manage";
import { clientIpFrom } from "@/lib/http/client-address";
import { alertRuleIdParams, updateAlertRuleSchema } from "../../schema";

// PATCH /api/alerts/rules/[id] – change a rule's name, scope, trigger, channels (the list is replaced; a webhook channel sent back with its id keeps its secret), digest or enabled (admins)
export const PATCH = withRoute(
  { role: "admin", params: alertRuleIdParams, body: updateAlertRuleSchema },
  async ({ req, session, params, body }) =>
    Response.json(
      await updateAlertRule(params.id, body, { user: session, address: clientIpFrom(req.headers) }),
    ),
);

// DELETE /api/alerts/rules/[id] – delete a rule with its delivery log; pending deliveries are not sent (admins); 204
export const DELETE = withRoute(
  { role: "admin", params: alertRuleIdParams },
  async ({ req, session, params }) => {
    await deleteAlertRule(params.id, { user: session, address: clientIpFrom(req.headers) });
    return new Response(null, { status: 204 });
  },
);
