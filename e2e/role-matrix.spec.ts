// Every API handler (found in app/api/**/route.ts with the rule it declares) called as anonymous,
// viewer and admin against the running app. Denials must come from the guard with the error shape;
// allowed callers must get past it (whatever the handler then says about the made-up input).
// Share routes (/api/s/[token]/…) have a fourth caller, the link visitor: a made-up token is 404 for
// everyone, a real link opens for anyone holding it.
import {
  discoverApiHandlers,
  probeUrl,
  type DeclaredRole,
  type DiscoveredHandler,
} from "../tests/support/api-routes";
import { APP_URL } from "./support/env";
import { expect, test } from "./support/fixtures";
import { createLink } from "./support/shares";

const handlers = discoverApiHandlers();
let address = 0;
/** Each probe from its own (proxied) address: made-up tokens count as failed link lookups. */
const nextAddress = () => `10.9.0.${++address % 250}`;
type Caller = "anonymous" | "viewer" | "admin";

/** The status class each caller must get: a denial with its code, or anything but a denial. */
function expected(
  role: DeclaredRole,
  caller: Caller,
): { status: number; code: string } | "allowed" {
  if (role === "public") return "allowed";
  if (role === "share") return { status: 404, code: "not_found" }; // the probe token opens nothing
  if (caller === "anonymous") return { status: 401, code: "unauthorized" };
  if (role === "admin" && caller === "viewer") return { status: 403, code: "forbidden" };
  return "allowed";
}

test("every API handler declares its rule", () => {
  expect(handlers.length).toBeGreaterThan(0);
  expect(
    handlers.filter((h) => h.problem).map((h) => `${h.method} ${h.route}: ${h.problem}`),
  ).toEqual([]);
});

test("every API handler answers each caller as its rule says", async ({ apiAs }) => {
  test.setTimeout(180_000);
  const callers = {
    anonymous: await apiAs("anonymous"),
    viewer: await apiAs("viewer"),
    admin: await apiAs("admin"),
  };
  const results: string[] = [];
  const failures: string[] = [];
  for (const h of handlers as (DiscoveredHandler & { role: DeclaredRole })[]) {
    for (const caller of ["anonymous", "viewer", "admin"] as const) {
      const response = await callers[caller].fetch(probeUrl(h.route), {
        method: h.method,
        maxRedirects: 0,
        failOnStatusCode: false,
        headers: { origin: APP_URL, "x-forwarded-for": nextAddress() },
      });
      const status = response.status();
      const want = expected(h.role, caller);
      const line = `${h.method} ${h.route} [${h.role}] as ${caller}: ${status}`;
      results.push(line);
      if (want === "allowed") {
        if (status === 401 || status === 403)
          failures.push(`${line}, expected to get past the guard`);
        continue;
      }
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string };
      } | null;
      if (status !== want.status || body?.error?.code !== want.code)
        failures.push(`${line} ${JSON.stringify(body)}, expected ${want.status} ${want.code}`);
    }
  }
  test.info().annotations.push({ type: "matrix", description: results.join("\n") });
  expect(failures).toEqual([]);
});

test("a link visitor gets past the guard of every share route with a real link", async ({
  apiAs,
}) => {
  const admin = await apiAs("admin");
  const link = await createLink(admin, { view: "status=active", allowExport: true });
  const { rows } = (await (
    await admin.get("/api/tenants?status=active&limit=1", { headers: { origin: APP_URL } })
  ).json()) as { rows: { id: string }[] };
  const visitor = await apiAs("anonymous");
  const shareRoutes = handlers.filter((h) => h.role === "share");
  expect(shareRoutes.length).toBeGreaterThan(0);
  for (const h of shareRoutes) {
    const url = h.route.replace("[token]", link.token).replace("[id]", rows[0]!.id);
    const response = await visitor.fetch(url, { method: h.method, failOnStatusCode: false });
    expect(response.status(), `${h.method} ${h.route}`).toBe(200);
  }
});

test("POST /api/sessions/revoke is an admin's: 401, 403, and past the guard only for an admin", async ({
  apiAs,
}) => {
  const expectations = [
    ["anonymous", 401, "unauthorized"],
    ["viewer", 403, "forbidden"],
    // An empty body: past the guard, and nobody's sessions end.
    ["admin", 400, "bad_request"],
  ] as const;
  for (const [caller, status, code] of expectations) {
    const response = await (
      await apiAs(caller)
    ).post("/api/sessions/revoke", {
      // A write must say it comes from the app (cross-site writes are refused with 403).
      headers: { origin: APP_URL },
      data: {},
      failOnStatusCode: false,
    });
    expect(response.status(), caller).toBe(status);
    expect(((await response.json()) as { error?: { code?: string } }).error?.code, caller).toBe(
      code,
    );
  }
});
