// The view params as the tests read them: parsed, or the 400 message a refusal carries.
import { parseViewParams, viewParamsSchema } from "@/lib/tenants/view-params";

export const parse = (qs: string) => parseViewParams(new URLSearchParams(qs));

/** Every issue's message of a refused query string, joined as the API joins them. */
export const message = (qs: string) => {
  const result = viewParamsSchema.safeParse(new URLSearchParams(qs));
  if (result.success) throw new Error(`expected "${qs}" to be refused`);
  return result.error.issues.map((i) => i.message).join("; ");
};
