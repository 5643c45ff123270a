// Test-only endpoints under /__sim/ (only with `admin: true` / --admin; otherwise they are 404s):
// faults, stats, token revocation, the client's secrets and tenant mutations. Not rate-limited, not counted in stats, no
// faults, no auth: the simulator only ever listens on loopback.
import type { RequestContext } from "../context";
import { ApiError } from "../errors";
import { parseFaults } from "../faults";
import { json, parseJsonBody, readBody, type Reply } from "../http";
import { publicTenant } from "../list-query";
import { parseMutation } from "../mutations";
import type { SimulatorHandle } from "../types";

export type AdminRoute = (ctx: RequestContext, handle: SimulatorHandle) => Promise<Reply>;

async function jsonBody(ctx: RequestContext): Promise<unknown> {
  return parseJsonBody(await readBody(ctx.req));
}

/** The `secret` of a `{"secret": "…"}` body. */
async function secretBody(ctx: RequestContext): Promise<string> {
  const body = await jsonBody(ctx);
  const secret = (body as { secret?: unknown } | null)?.secret;
  if (typeof secret !== "string" || secret === "")
    throw new ApiError(400, 'Send {"secret": "<client secret>"}.', { title: "Invalid secret" });
  return secret;
}

export const adminRoutes: Record<string, Partial<Record<string, AdminRoute>>> = {
  "/__sim/faults": {
    GET: async (ctx) => json(200, ctx.sim.faults.config()),
    POST: async (ctx, handle) => {
      handle.setFaults(parseFaults(await jsonBody(ctx)));
      return json(200, ctx.sim.faults.config());
    },
    DELETE: async (ctx) => {
      ctx.sim.faults.reset();
      return json(200, ctx.sim.faults.config());
    },
  },
  "/__sim/stats": {
    GET: async (_ctx, handle) => json(200, handle.stats()),
  },
  "/__sim/stats/reset": {
    POST: async (_ctx, handle) => {
      handle.resetStats();
      return json(200, handle.stats());
    },
  },
  "/__sim/revoke-tokens": {
    POST: async (_ctx, handle) => {
      handle.revokeAllTokens();
      return json(200, { revoked: true });
    },
  },
  "/__sim/client-secrets": {
    GET: async (ctx) =>
      json(200, { clientId: ctx.sim.options.clientId, ...ctx.sim.secrets.describe() }),
    POST: async (ctx, handle) => {
      handle.addClientSecret(await secretBody(ctx));
      return json(201, ctx.sim.secrets.describe());
    },
  },
  "/__sim/client-secrets/revoke": {
    POST: async (ctx, handle) => {
      if (!handle.revokeClientSecret(await secretBody(ctx)))
        throw new ApiError(404, "The client has no such secret.");
      return json(200, ctx.sim.secrets.describe());
    },
  },
  "/__sim/drift": {
    POST: async (_ctx, handle) => json(200, { applied: handle.drift() }),
  },
  "/__sim/tenants": {
    GET: async (ctx) =>
      json(200, { data: ctx.sim.store.all().map((r) => publicTenant(r.data, ctx.origin)) }),
    POST: async (ctx) => {
      const parsed = parseMutation(await jsonBody(ctx));
      if (!parsed.ok) throw new ApiError(400, parsed.message, { title: "Invalid mutation" });
      const record = ctx.sim.store.apply(parsed.mutation);
      return json(parsed.mutation.op === "add" ? 201 : 200, publicTenant(record.data, ctx.origin));
    },
  },
};
