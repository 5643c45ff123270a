// Every API handler (found in app/api/**/route.ts with the rule it declares) called as anonymous,
// viewer and admin against the running app. Denials must come from the guard with the error shape;
// allowed callers must get past it (whatever the handler then says about the made-up input).
import {
  discoverApiHandlers,
  probeUrl,
  type DeclaredRole,
  type DiscoveredHandler,
} from "../tests/support/api-routes";
import { expect, test } from "./support/fixtures";

const handlers = discoverApiHandlers();
type Caller = "anonymous" | "viewer" | "admin";

/** The status class each caller must get: a denial with its code, or anything but a denial. */
function expected(
  role: DeclaredRole,
  caller: Caller,
): { status: number; code: string } | "allowed" {
  if (role === "public") return "allowed";
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
