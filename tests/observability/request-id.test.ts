// Request ids: taken from a well-formed X-Request-Id or made up, returned on every API answer
// (denials, errors and redirects included), set by the proxy on pages too, and carried by every log
// line written while the request is handled, however deep and however late under the handler.
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as getSync } from "@/app/api/sync/route";
import { withRoute } from "@/lib/api/with-route";
import { log, resetLoggerForTests } from "@/lib/log";
import { outsideRequest, runWithRequestContext } from "@/lib/observability/request-context";
import { isWellFormedRequestId } from "@/lib/observability/request-id";
import { proxy } from "@/proxy";
import { noParams, request, useEnv } from "../auth/support";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let written: string[];
beforeEach(() => {
  useEnv({ LOG_LEVEL: "info" });
  resetLoggerForTests();
  written = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  resetLoggerForTests();
});

/** The JSON log lines written so far. */
const lines = () =>
  written
    .join("")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const withId = (id: string) => ({ headers: { "x-request-id": id } });

describe("the request id of an API answer", () => {
  it("is the caller's own X-Request-Id when it is well-formed", async () => {
    for (const id of [
      "abc",
      "lb-7f3a.2:9_x",
      "A".repeat(128),
      "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    ]) {
      const response = await health(request("/api/health", withId(id)), noParams);
      expect(response.headers.get("x-request-id")).toBe(id);
    }
  });

  it("is made up when the caller sends none, different for every request", async () => {
    const a = (await health(request("/api/health"), noParams)).headers.get("x-request-id");
    const b = (await health(request("/api/health"), noParams)).headers.get("x-request-id");
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it("is made up when the caller's is malformed: too long, empty, or with characters a log line or header would carry badly", async () => {
    for (const bad of [
      "A".repeat(129),
      "has space",
      'quo"te',
      "new\\nline",
      "ümlaut",
      "a/b",
      "<x>",
    ]) {
      expect(isWellFormedRequestId(bad)).toBe(false);
      const response = await health(request("/api/health", withId(bad)), noParams);
      expect(response.headers.get("x-request-id")).toMatch(UUID);
    }
    expect(isWellFormedRequestId("")).toBe(false);
  });

  it("is on denials and errors too, in the one error shape", async () => {
    const denied = await getSync(request("/api/sync", withId("denied-1")), noParams);
    expect(denied.status).toBe(401);
    expect(denied.headers.get("x-request-id")).toBe("denied-1");

    const failing = withRoute({ role: "public" }, () => {
      throw new Error("boom");
    });
    const failed = await failing(request("/api/x", withId("failed-1")), noParams);
    expect(failed.status).toBe(500);
    expect(failed.headers.get("x-request-id")).toBe("failed-1");
    expect(await failed.json()).toEqual({
      error: { code: "internal_error", message: expect.any(String) },
    });
  });

  it("is on answers whose headers cannot be changed (Response.redirect)", async () => {
    const redirecting = withRoute({ role: "public" }, () =>
      Response.redirect("http://localhost:3000/elsewhere", 302),
    );
    const response = await redirecting(request("/api/x", withId("redirect-1")), noParams);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://localhost:3000/elsewhere");
    expect(response.headers.get("x-request-id")).toBe("redirect-1");
  });
});

describe("log lines written while a request is handled", () => {
  const handler = withRoute({ role: "public" }, async ({ req }) => {
    const which = req.nextUrl.searchParams.get("n");
    log("test").info({ which }, "before");
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
    await Promise.resolve().then(() => log("deeper").warn({ which }, "after a timer"));
    return Response.json({ ok: true });
  });

  it("carry the request's id, through timers and promises, and concurrent requests keep theirs", async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        handler(request(`/api/x?n=${n}`, n === 1 ? withId("given-id-1") : {}), noParams),
      ),
    );
    const ids = answers.map((a) => a.headers.get("x-request-id"));
    expect(ids[0]).toBe("given-id-1");
    const written = lines().filter((l) => l.msg === "before" || l.msg === "after a timer");
    expect(written).toHaveLength(8);
    for (const line of written) {
      const n = Number(line.which);
      expect(line.reqId, `line of request ${n}`).toBe(ids[n - 1]);
    }
  });

  it("carry it on the logged 500 of an unhandled error", async () => {
    const failing = withRoute({ role: "public" }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      throw new Error("boom");
    });
    await failing(request("/api/x", withId("boom-1")), noParams);
    const line = lines().find((l) => l.msg === "unhandled error in route handler");
    expect(line).toMatchObject({ reqId: "boom-1", module: "api", level: 50 });
  });

  it("carry it while a download streams, after the handler has returned", async () => {
    const download = withRoute({ role: "public" }, () => {
      let chunk = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          log("export").info({ chunk }, "chunk");
          if (chunk++ < 3) controller.enqueue(new TextEncoder().encode(`row ${chunk}\n`));
          else {
            log("export").info("export finished");
            controller.close();
          }
        },
      });
      return new Response(body, {
        headers: {
          "Content-Type": "text/csv",
          "Content-Disposition": 'attachment; filename="t.csv"',
        },
      });
    });
    const response = await download(request("/api/x", withId("download-1")), noParams);
    // Read later, from outside the request, as Next.js pipes it to the socket.
    const text = await new Promise<string>((resolve) =>
      setTimeout(() => resolve(response.text()), 5),
    );
    expect(text).toBe("row 1\nrow 2\nrow 3\n");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="t.csv"');
    const streamed = lines().filter((l) => l.module === "export");
    expect(streamed.length).toBeGreaterThanOrEqual(4);
    for (const line of streamed) expect(line.reqId, String(line.msg)).toBe("download-1");
  });

  it("outside a request, and in background work a request started, carry none", async () => {
    log("startup").info("no request here");
    await runWithRequestContext({ reqId: "starter" }, async () => {
      log("test").info("inside");
      await outsideRequest(async () => {
        await new Promise((r) => setTimeout(r, 1));
        log("loop").info("background");
      });
    });
    const byMsg = Object.fromEntries(lines().map((l) => [l.msg, l]));
    expect(byMsg["no request here"]).not.toHaveProperty("reqId");
    expect(byMsg.inside).toMatchObject({ reqId: "starter" });
    expect(byMsg.background).not.toHaveProperty("reqId");
  });
});

describe("the proxy", () => {
  const call = (path: string, headers: Record<string, string> = {}) =>
    proxy(new NextRequest(`http://localhost:3000${path}`, { headers }));
  const session = { cookie: "next-auth.session-token=x" };

  it("gives pages and API requests an id, on the answer and on the request withRoute reads", () => {
    for (const [path, headers] of [
      ["/", session],
      ["/api/tenants", {}],
      ["/s/some-link", {}],
    ] as const) {
      const response = call(path, headers);
      const id = response.headers.get("x-request-id");
      expect(id, path).toMatch(UUID);
      expect(response.headers.get("x-middleware-request-x-request-id"), path).toBe(id);
    }
  });

  it("keeps a well-formed id and replaces a malformed one, on the sign-in redirect too", () => {
    expect(call("/api/health", withId("lb-42").headers).headers.get("x-request-id")).toBe("lb-42");
    const redirect = call("/changes", withId("bad id").headers);
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("x-request-id")).toMatch(UUID);
  });

  it("keeps its security headers and the other request headers", () => {
    const response = call("/", { ...session, "x-forwarded-for": "10.1.2.3" });
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-/);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toMatch(/'nonce-/);
    expect(response.headers.get("x-middleware-request-x-forwarded-for")).toBe("10.1.2.3");
    expect(call("/api/tenants").headers.get("content-security-policy")).toContain(
      "default-src 'none'",
    );
  });

  it("hands withRoute the same id it returns", async () => {
    const forwarded = call("/api/health").headers.get("x-middleware-request-x-request-id")!;
    const answer = await health(request("/api/health", withId(forwarded)), noParams);
    expect(answer.headers.get("x-request-id")).toBe(forwarded);
  });
});
