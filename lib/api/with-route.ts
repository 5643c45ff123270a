import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { accessContacts } from "@/lib/auth/roles";
import { resolveSession } from "@/lib/auth/session";
import {
  roleAllows,
  type AccessRule,
  type Principal,
  type UserPrincipal,
} from "@/lib/auth/principal";
import { log } from "@/lib/log";
import {
  ApiError,
  badRequest,
  errorResponse,
  forbidden,
  internalError,
  unauthorized,
} from "./errors";

// The one wrapper every route handler goes through (see docs/auth.md):
//
//   // GET /api/tenants/[id] – one tenant
//   export const GET = withRoute(
//     { role: "viewer", params: z.object({ id: z.string() }) },
//     async ({ session, params }) => Response.json(await getTenant(params.id)),
//   );
//
// In order: who is asking (401 when nobody, 403 when their role is not enough), then path params,
// query and JSON body through zod (400 naming the field), then the handler. Whatever the handler
// throws becomes `{ "error": { "code", "message" } }`: ApiError with its own status, anything else
// a logged 500 with a generic message. The rule stays on the handler (`GET.rule`) so the role
// matrix test can check every route declares one.

type Schema = z.ZodType;
type RawParams = Record<string, string | string[] | undefined>;
type Parsed<S, Otherwise> = S extends Schema ? z.output<S> : Otherwise;

export type RouteRule<
  R extends AccessRule = AccessRule,
  Q extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> = {
  /** "public": anyone; "viewer": signed in with any role; "admin": admins only. */
  role: R;
  /** Validates the URL's search params (repeated keys arrive as arrays). */
  query?: Q;
  /** Validates the dynamic path segments, e.g. `{ id }` for app/api/tenants/[id]/route.ts. */
  params?: P;
  /** Validates the JSON request body (at most 1 MB). */
  body?: B;
};

export type RouteArgs<
  R extends AccessRule,
  Q extends Schema | undefined,
  P extends Schema | undefined,
  B extends Schema | undefined,
> = {
  req: NextRequest;
  /** Public routes: whoever is signed in with a role, or null. Other routes: the signed-in user. */
  session: R extends "public" ? Principal | null : UserPrincipal;
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

const MAX_BODY_BYTES = 1024 * 1024;
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function withRoute<
  R extends AccessRule,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(
  rule: RouteRule<R, Q, P, B>,
  handler: (args: RouteArgs<R, Q, P, B>) => Response | Promise<Response>,
): GuardedHandler {
  const guarded = async (req: NextRequest, context?: RouteContext): Promise<Response> => {
    try {
      const session = await authorize(req, rule.role);
      const params = await parseParams(rule.params, (await context?.params) ?? {});
      const query = rule.query
        ? parse(rule.query, searchParamsObject(req), "query parameter")
        : undefined;
      const body = rule.body ? parse(rule.body, await readJson(req), "body field") : undefined;
      const response = await handler({ req, session, query, params, body } as RouteArgs<
        R,
        Q,
        P,
        B
      >);
      if (rule.role !== "public") keepOutOfSharedCaches(response);
      return response;
    } catch (error) {
      unstable_rethrow(error); // let Next's redirect()/notFound() through
      if (error instanceof ApiError) return errorResponse(error);
      log("api").error(
        { err: error, method: req.method, path: req.nextUrl.pathname },
        "unhandled error in route handler",
      );
      return errorResponse(internalError());
    }
  };
  return Object.assign(guarded, { rule: { role: rule.role } });
}

async function authorize(req: NextRequest, role: AccessRule): Promise<Principal | null> {
  const env = getEnv();
  const { identity, user } = await resolveSession(req.cookies.getAll(), env);
  if (role === "public") return user;
  if (!identity) throw unauthorized();
  if (!user) {
    const contacts = accessContacts({
      admins: env.ATLAS_ADMINS,
      viewers: env.ATLAS_VIEWERS,
      localAdminEmail: env.ATLAS_ADMIN_EMAIL,
      contact: env.ATLAS_ACCESS_CONTACT,
    });
    const ask = contacts.length > 0 ? ` Ask ${contacts.join(" or ")} for access.` : "";
    throw new ApiError(403, "no_access", `${identity.email} has no access to Tenant Atlas.${ask}`);
  }
  if (!roleAllows(user.role, role))
    throw forbidden(`This needs the ${role} role; you are a ${user.role}.`);
  // Browsers send Origin on cross-site writes; SameSite=Lax already drops the cookie on most of
  // them, this refuses the rest (e.g. from a sibling subdomain).
  const origin = req.headers.get("origin");
  if (UNSAFE_METHODS.has(req.method) && origin && env.NEXTAUTH_URL)
    if (origin !== new URL(env.NEXTAUTH_URL).origin) throw forbidden("Cross-site request refused.");
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

function searchParamsObject(req: NextRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(req.nextUrl.searchParams.keys())) {
    const values = req.nextUrl.searchParams.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}

async function readJson(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES)
    throw new ApiError(413, "payload_too_large", "The request body is over 1 MB.");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new ApiError(413, "payload_too_large", "The request body is over 1 MB.");
  if (text.trim() === "") throw badRequest("The request needs a JSON body.");
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
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
