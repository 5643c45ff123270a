// POST /oauth/token – client-credentials grant. JSON (documented) and form-encoded (accepted by the
// tenant-level endpoint, so accepted here too) bodies; 400 for malformed requests, 401 for wrong
// credentials, both in Qlik's error shape.
import { credentialsMatch } from "../auth";
import type { RequestContext } from "../context";
import { ApiError } from "../errors";
import { HANG, json, mediaType, parseJsonBody, readBody, type RouteResult } from "../http";

export const TOKEN_SCOPE = "cloud-console.tenants:read";

const invalid = (detail: string, pointer?: string) =>
  new ApiError(400, detail, {
    title: "Invalid token request",
    source: pointer ? { pointer } : undefined,
  });

function formFields(text: string): Record<string, unknown> {
  const params = new URLSearchParams(text);
  const fields: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    if (params.getAll(key).length > 1) throw invalid(`${key} is given more than once.`, `/${key}`);
    fields[key] = params.get(key);
  }
  return fields;
}

export async function tokenRoute(ctx: RequestContext): Promise<RouteResult> {
  const { sim } = ctx;
  sim.stats.tokenRequests++;
  const failure = sim.faults.tokenFailure;
  if (failure) {
    sim.stats.faultsInjected++;
    if (failure === "timeout") return HANG;
    throw new ApiError(Number(failure), "The token service is unavailable (simulated fault).");
  }

  const body = await readBody(ctx.req);
  const type = mediaType(ctx.req);
  let fields: Record<string, unknown>;
  if (type === "application/json") {
    const parsed = parseJsonBody(body);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw invalid("Request body must be a JSON object.");
    fields = parsed as Record<string, unknown>;
  } else if (type === "application/x-www-form-urlencoded") {
    fields = formFields(body.toString("utf8"));
  } else {
    throw invalid(
      `Unsupported Content-Type ${JSON.stringify(type || "(none)")}; send application/json or application/x-www-form-urlencoded.`,
    );
  }

  for (const name of ["grant_type", "client_id", "client_secret"] as const) {
    const value = fields[name];
    if (value === undefined || value === null || value === "")
      throw invalid(`${name} is required.`, `/${name}`);
    if (typeof value !== "string") throw invalid(`${name} must be a string.`, `/${name}`);
  }
  if (fields.grant_type !== "client_credentials")
    throw invalid(
      `grant_type ${JSON.stringify(fields.grant_type)} is not supported; use client_credentials.`,
      "/grant_type",
    );
  if (fields.scope !== undefined) {
    if (typeof fields.scope !== "string") throw invalid("scope must be a string.", "/scope");
    const unknown = fields.scope.split(" ").filter((s) => s !== "" && s !== TOKEN_SCOPE);
    if (unknown.length > 0)
      throw invalid(`scope ${unknown.join(" ")} is not available to this client.`, "/scope");
  }
  if (!credentialsMatch(sim, fields.client_id as string, fields.client_secret as string))
    throw new ApiError(401, "Invalid client credentials.", { title: "Unauthorized" });

  const issued = sim.tokens.issue(sim.options.clientId);
  sim.stats.tokensIssued++;
  return json(200, {
    access_token: issued.token,
    token_type: "Bearer",
    scope: TOKEN_SCOPE,
    expires_in: sim.options.tokenTtlSeconds,
    expires_at: new Date(issued.expiresAt).toISOString(),
  });
}
