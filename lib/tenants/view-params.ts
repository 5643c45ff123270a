// The view params as a zod schema, for the API's routes and the export's own params: the parser
// itself is lib/tenants/view-codec.ts (no schema library, so the explorer's first load does not
// ship one); everything it exports is exported here too.
import { z } from "zod";
import {
  checkViewParams,
  viewParamsMessage as issuesMessage,
  type ViewParamsOptions,
  type ViewQuery,
} from "./view-codec";

export * from "./view-codec";

/**
 * The schema: URLSearchParams (or a `searchParams` record) → `ViewQuery`. Issues carry the param
 * name as their path and a message that names it; `viewParamsMessage()` joins them for a 400.
 */
export function createViewParamsSchema(options: ViewParamsOptions = {}) {
  return z.unknown().transform((input, ctx): ViewQuery => {
    const result = checkViewParams(input, options);
    if (result.success) return result.data;
    for (const issue of result.issues)
      ctx.addIssue({
        code: "custom",
        path: issue.unknownKeys || issue.param === undefined ? [] : [issue.param],
        message: issue.message,
      });
    return z.NEVER;
  });
}

/** The schema GET /api/tenants uses (no extra params). */
export const viewParamsSchema = createViewParamsSchema();

/** One line for a 400: every issue's message, in param order (a zod error or the codec's issues). */
export function viewParamsMessage(error: z.ZodError | readonly { message: string }[]): string {
  return issuesMessage(error instanceof z.ZodError ? error.issues : error);
}
