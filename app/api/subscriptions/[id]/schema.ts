import { z } from "zod";
import { subscriptionIdSchema } from "@/lib/annotations/ids";
import { clearable, customerRefSchema, subscriptionNameSchema } from "@/lib/annotations/values";

// PUT /api/subscriptions/[id]: the whole label. `name` null or "" clears it (and its customer
// reference); `customerRef` left out or null means none. Unknown fields are refused.

export const subscriptionParams = z.object({ id: subscriptionIdSchema });

export const putSubscriptionSchema = z.strictObject({
  name: clearable(subscriptionNameSchema),
  customerRef: clearable(customerRefSchema).optional(),
});
