import { notFound } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { currentOverlay } from "@/lib/annotations/overlay";
import { updateAnnotations } from "@/lib/annotations/write";
import { getSnapshot } from "@/lib/tenants/snapshot";
import { putSubscriptionSchema, subscriptionParams } from "./schema";

export const dynamic = "force-dynamic";

// PUT /api/subscriptions/[id] – name a subscription (and its customer reference); name null or "" clears it (admin; audited)
export const PUT = withRoute(
  { role: "admin", params: subscriptionParams, body: putSubscriptionSchema },
  async ({ session, params, body }) => {
    const [snapshot, overlay] = await Promise.all([getSnapshot(), currentOverlay()]);
    const known =
      overlay.subscriptions.has(params.id) ||
      snapshot.tenants.some((t) => t.subscriptionId === params.id);
    if (!known) throw notFound(`No subscription with id "${params.id}" in the current snapshot.`);
    const result = await updateAnnotations({
      actor: session.email,
      source: "api",
      subscriptions: [
        { subscriptionId: params.id, name: body.name, customerRef: body.customerRef ?? null },
      ],
    });
    const [change] = result.subscriptions;
    const label = change ? change.after : (overlay.subscriptions.get(params.id) ?? null);
    return Response.json({
      subscription: {
        id: params.id,
        name: label?.name ?? null,
        customerRef: label?.customerRef ?? null,
        tenants: snapshot.tenants.reduce((n, t) => n + (t.subscriptionId === params.id ? 1 : 0), 0),
      },
      changed: result.subscriptions.length > 0,
    });
  },
);
