import { withRoute } from "@/lib/api/with-route";
import { sendTestAlert } from "@/lib/alerts/send-test";
import { clientIpFrom } from "@/lib/http/client-address";
import { alertRuleIdParams } from "../../../schema";

// POST /api/alerts/rules/[id]/test – send a sample message to each channel of the rule now; answers each channel's result, also kept in the delivery log (admins)
export const POST = withRoute(
  { role: "admin", params: alertRuleIdParams },
  async ({ req, session, params }) =>
    Response.json(
      await sendTestAlert(params.id, { user: session, address: clientIpFrom(req.headers) }),
    ),
);
