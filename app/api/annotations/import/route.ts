import { badRequest } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";
import { importAnnotations } from "@/lib/annotations/import/run";
import { CSV_CONTENT_TYPES, IMPORT_MAX_BYTES, importQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

// POST /api/annotations/import – owners, tags, notes and subscription names from a CSV file (body text/csv, at most 8 MB); dryRun=true (the default) previews, dryRun=false applies in one transaction (admin; audited)
export const POST = withRoute(
  { role: "admin", query: importQuerySchema, maxBodyBytes: IMPORT_MAX_BYTES },
  async ({ req, session, query }) => {
    const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type && !CSV_CONTENT_TYPES.includes(type))
      throw badRequest(
        `Send the CSV file as the request body with Content-Type text/csv, not ${type}.`,
      );
    const bytes = new Uint8Array(await req.arrayBuffer());
    if (bytes.byteLength === 0)
      throw badRequest("The request needs a body: the CSV file to import.");
    const result = await importAnnotations(bytes, {
      dryRun: query.dryRun !== "false",
      skipInvalid: query.skipInvalid === "true",
      actor: session.email,
    });
    return Response.json(result);
  },
);
