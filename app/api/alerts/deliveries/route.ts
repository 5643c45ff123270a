import { badRequest } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { listAlertDeliveries } from "@/lib/alerts/delivery-log";
import { InvalidCursorError } from "@/lib/db/storage";
import { listDeliveriesQuerySchema } from "../schema";

// GET /api/alerts/deliveries – the delivery log, newest first: every message with its status, tries and last error (filters: rule, status; cursor paging) (admins)
export const GET = withRoute(
  { role: "admin", query: listDeliveriesQuerySchema },
  async ({ query }) => {
    try {
      return Response.json(await listAlertDeliveries(query));
    } catch (error) {
      if (error instanceof InvalidCursorError)
        throw badRequest(
          'Invalid query parameter "cursor": use the nextCursor of a previous page.',
        );
      throw error;
    }
  },
);
