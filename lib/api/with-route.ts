import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { accessContact } from "@/lib/auth/roles";
import { resolveSession } from "@/lib/auth/session";
import {
  roleAllows,
  type AccessRule,
  type Principal,
  type Role,
  type SharePrincipal,
  type UserPrincipal,
} from "@/lib/auth/principal";
import { log } from "@/lib/log";
import { observeRoute } from "@/lib/observability/observe-route";
import type { ShareRecord } from "@/lib/db/types";
import { authorizeShareRequest } from "@/lib/shares/guard";
import { withShareHeaders } from "@/lib/shares/headers";
import { readBodyCapped, refuseDeclaredOversize, withBody } from "./body";
import {
  ApiError,
  badRequest,
  errorResponse,
  forbidden,
  internalError,
  unauthorized,
} from "./errors";
import { refuseCrossSite } from "./same-origin";

// The one wrapper every route handler goes through (see docs/auth.md):
//
//   // GET /api/tenants/[id] – one tenant
//   export const GET = withRoute(
//     { role: "viewer", params: z.object({ id: z.string() }) },
//     async ({ session, params }) => Response.json(await getTenant(params.id)),
//   );
//
// In order: a write from another site (403, ./same-origin.ts) or with a declared body over 64 KB
// (413), who is asking (401 when nobody, 403 when their role is not enough), then path params and
// query through zod (400 naming the field), then the body, read with the 64 KB cap (./body.ts) and
// checked as JSON, then the handler, whose `req` carries that body. Whatever the handler
// throws becomes `{ "error": { "code", "message" } }`: ApiError with its own status, anything else
// a logged 500 with a generic message. The rule stays on the handler (`GET.rule`) so the role
// matrix test can check every route declares one. Around all of it, observeRoute gives every
// answer its X-Request-Id (and the log lines meanwhile their `reqId`) and counts it in the metrics.
//
// The "share" rule is for routes under /api/s/[token]: instead of a role it needs a share link that
// opens for this caller (lib/shares/guard.ts: 404, 410, 401 or 429 otherwise), hands the handler
// `share`, and every answer, errors included, gets the link headers (no referrer, no index, no store).

type Schema = z.ZodType;
type RawParams = Record<string, string | string[] | undefined>;
type Parsed<S, Otherwise> = S extends Schema ? z.output<S> : Otherwise;

export type RouteRule<
  R extends AccessRule = AccessRule,
  Q extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> = {
  /**
   * "public": anyone; "share": whoever holds a valid link (`[token]` path segment); "viewer":
   * signed in with any role; "admin": admins only.
   */
  role: R;
  /** Validates the URL's search params (repeated keys arrive as arrays). */
  query?: Q;
  /** Validates the dynamic path segments, e.g. `{ id }` for app/api/tenants/[id]/route.ts. */
  params?: P;
  /** Validates the JSON request body (every body is at most 64 KB, with or without a schema). */
  body?: B;
  /**
   * Raises the 64 KB body cap for this route only (e.g. a CSV upload); the handler reads the
   * body itself (`req.text()`) unless a `body` schema is given.
   */
  maxBodyBytes?: number;
};

export type RouteArgs<
  R extends AccessRule,
  Q extends Schema | undefined,
  P extends Schema | undefined,
  B extends Schema | undefined,
> = {
  req: NextRequest;
  /**
   * Public routes: whoever is signed in with a role, or null. Share routes: the link's visitor.
   * Other routes: the signed-in user.
   */
  session: R extends "public"
    ? Principal | null
    : R extends "share"
      ? SharePrincipal
      : UserPrincipal;
  /** Share routes: the link, as stored (checked: it opens for this caller); otherwise undefined. */
  share: R extends "share" ? ShareRecord : undefined;
  query: Parsed<Q, undefined>;
  /** The validated params; without a `params` schema, the raw segments. */
  params: Parsed<P, RawParams>;
  body: Parsed<B, undefined>;
};

type RouteContext = { params: Promise<RawParams> };

/** What withRoute returns: a Next.js route handler that also carries its rule. */
export type GuardedHandler = ((req: NextRequest, context?: RouteContext) => Promise<Response>) & {
  readonly rule: { readonly role: AccessRule };
};

export function withRoute<
  R extends AccessRule,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(
  rule: RouteRule<R, Q, P, B>,
  handler: (args: RouteArgs<R, Q, P, B>) => Response | Promise<Response>,
): GuardedHandler {
  const seal = (response: Response) =>
    rule.role === "share" ? withShareHeaders(response) : response;
  const guarded = async (req: NextRequest, context?: RouteContext): Promise<Response> => {
    try {
      const env = getEnv();
      refuseCrossSite(req, env.NEXTAUTH_URL);
      refuseDeclaredOversize(req, rule.maxBodyBytes);
      const raw = (await context?.params) ?? {};
      const visit = rule.role === "share" ? await authorizeShareRequest(req, raw.token) : undefined;
      const session = visit ? visit.principal : await authorize(req, rule.role as "public" | Role);
      const share = visit?.share;
      refuseObjectMemberNames(req);
      const params = await parseParams(rule.params, raw);
      const query = rule.query
        ? parse(rule.query, searchParamsObject(req), "query parameter")
        : undefined;
      const bytes = await readBodyCapped(req, rule.maxBodyBytes);
      const body = rule.body ? parse(rule.body, parseJson(bytes), "body field") : undefined;
      const request = bytes === null ? req : withBody(req, bytes);
      const response = await handler({
        req: request,
        session,
        share,
        query,
        params,
        body,
      } as RouteArgs<R, Q, P, B>);
      if (rule.role !== "public") keepOutOfSharedCaches(response);
      return seal(response);
    } catch (error) {
      unstable_rethrow(error); // let Next's redirect()/notFound() through
      if (error instanceof ApiError) return seal(closingOn413(errorResponse(error)));
      log("api").error(
        { err: error, method: req.method, path: loggedPath(req.nextUrl.pathname) },
        "unhandled error in route handler",
      );
      return seal(errorResponse(internalError()));
    }
  };
  return Object.assign(observeRoute(guarded), { rule: { role: rule.role } });
}

/** A share link's token is a credential: it never reaches the log. */
function loggedPath(pathname: string): string {
  return pathname.replace(/^\/api\/s\/[^/]+/, "/api/s/[token]");
}

async function authorize(req: NextRequest, role: "public" | Role): Promise<Principal | null> {
  const env = getEnv();
  const { identity, user } = await resolveSession(req.cookies.getAll(), env);
  if (role === "public") return user;
  if (!identity) throw unauthorized();
  if (!user) {
    // ATLAS_ACCESS_CONTACT or a generic phrase, never the admins' addresses (lib/auth/roles.ts).
    const ask = `Ask ${accessContact(env.ATLAS_ACCESS_CONTACT)} for access.`;
    throw new ApiError(403, "no_access", `${identity.email} has no access to Tenant Atlas. ${ask}`);
  }
  if (!roleAllows(user.role, role))
    throw forbidden(`This needs the ${role} role; you are a ${user.role}.`);
  return user;
}

function parseParams(schema: Schema | undefined, raw: RawParams): unknown {
  return schema ? parse(schema, raw, "path parameter") : raw;
}

function parse(schema: Schema, input: unknown, what: string): unknown {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === "unrecognized_keys")
    throw badRequest(
      `Unknown ${what} ${issue.keys.map((k) => `"${[...issue.path, k].map(String).join(".")}"`).join(", ")}.`,
    );
  const field = issue?.path.map(String).join(".");
  const detail = issue?.message ?? "invalid";
  throw badRequest(
    field ? `Invalid ${what} "${field}": ${detail}` : `Invalid ${what.split(" ")[0]}: ${detail}`,
  );
}

/**
 * Names of Object.prototype's members: no route has a parameter called that, and code that keys a
 * plain object by parameter name would reach the member instead (a 500 at best). Refused on every
 * route, whether or not it reads its query itself.
 */
const OBJECT_MEMBER_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

function refuseObjectMemberNames(req: NextRequest): void {
  for (const key of req.nextUrl.searchParams.keys())
    if (OBJECT_MEMBER_NAMES.has(key)) throw badRequest(`Unknown query parameter "${key}".`);
}

/** Without a prototype: a parameter named `__proto__` or `constructor` is refused as unknown. */
function searchParamsObject(req: NextRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const key of new Set(req.nextUrl.searchParams.keys())) {
    const values = req.nextUrl.searchParams.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}

function parseJson(bytes: Uint8Array | null): unknown {
  const text = bytes ? new TextDecoder().decode(bytes) : "";
  if (text.trim() === "") throw badRequest("The request needs a JSON body.");
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}

/** A 413 leaves the rest of the body unread: the connection closes instead of draining it. */
function closingOn413(response: Response): Response {
  if (response.status === 413) response.headers.set("connection", "close");
  return response;
}

/** Answers for signed-in people must not be kept by a shared cache. */
function keepOutOfSharedCaches(response: Response): void {
  if (response.headers.has("Cache-Control")) return;
  try {
    response.headers.set("Cache-Control", "private, no-store");
  } catch {
    // Some responses (e.g. Response.redirect) have immutable headers; nothing to cache there.
  }
}
