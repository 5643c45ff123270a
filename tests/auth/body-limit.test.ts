// Request bodies are capped at 64 KB on every route and every method with a body, next-auth's
// /api/auth/* included: counted while the bytes arrive, with or without Content-Length; past the
// cap the answer is 413 in the one error shape, and the rest of the body is not read.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { withRoute } from "@/lib/api/with-route";
import { POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { PEOPLE, noParams, request, sessionCookie, useEnv } from "./support";

// next-auth itself is replaced by a recorder: what matters here is what reaches it, if anything.
const reached = vi.hoisted(() => [] as { method: string; body: string }[]);
vi.mock("next-auth", () => ({
  default: () => async (req: Request) => {
    reached.push({ method: req.method, body: await req.text() });
    return Response.json({ url: "http://localhost:3000/" });
  },
}));

const KB = 1024;
let admin: string;

beforeEach(async () => {
  useEnv();
  reached.length = 0;
  admin = await sessionCookie(PEOPLE.admin);
});

/** A body that arrives in `chunk`-byte pieces, without Content-Length, counting what was pulled. */
function trickle(total: number, chunk = 8 * KB) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        const n = Math.min(chunk, total - sent);
        sent += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, sent: () => sent };
}

/** `{"name":"aaa…"}` of exactly `bytes` bytes. */
const jsonOf = (bytes: number) => JSON.stringify({ name: "a".repeat(bytes - 11) });

const named = withRoute({ role: "admin", body: z.object({ name: z.string() }) }, ({ body }) =>
  Response.json({ length: body.name.length }),
);
const echo = withRoute({ role: "admin" }, async ({ req }) =>
  Response.json({ received: (await req.text()).length }),
);

async function expect413(response: Response) {
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({
    error: { code: "payload_too_large", message: "The request body is over 64 KB." },
  });
  expect(response.headers.get("connection")).toBe("close");
}

describe("request bodies on withRoute routes", () => {
  it("accepts a JSON body of exactly 64 KB and refuses one byte more", async () => {
    expect(jsonOf(MAX_BODY_BYTES).length).toBe(64 * KB);
    const send = (body: string) =>
      named(request("/api/x", { method: "POST", cookie: admin, body }), noParams);
    expect((await send(jsonOf(MAX_BODY_BYTES))).status).toBe(200);
    await expect413(await send(jsonOf(MAX_BODY_BYTES + 1)));
  });

  it("refuses a 65 KB body on every method that has one, schema or not", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const body = jsonOf(65 * KB);
      await expect413(await named(request("/api/x", { method, cookie: admin, body }), noParams));
      await expect413(await echo(request("/api/x", { method, cookie: admin, body }), noParams));
    }
  });

  it("counts a body sent without Content-Length while it streams, and reads no further", async () => {
    const oneMegabyte = trickle(1024 * KB);
    const req = request("/api/x", { method: "POST", cookie: admin, body: oneMegabyte.stream });
    expect(req.headers.get("content-length")).toBeNull();
    await expect413(await echo(req, noParams));
    // 64 KB in 8 KB pieces, the piece that went over, and at most one read ahead.
    expect(oneMegabyte.sent()).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * 8 * KB);
  });

  it("refuses a declared Content-Length over 64 KB before reading a byte, or asking who calls", async () => {
    const body = trickle(1024 * KB);
    const req = request("/api/x", {
      method: "POST",
      body: body.stream,
      headers: { "content-length": String(1024 * KB) },
    });
    await expect413(await echo(req, noParams));
    expect(body.sent()).toBe(0);
  });

  it("hands the handler the body it was sent, read once", async () => {
    const small = trickle(10 * KB);
    const req = request("/api/x", { method: "POST", cookie: admin, body: small.stream });
    const response = await echo(req, noParams);
    expect(await response.json()).toEqual({ received: 10 * KB });
  });
});

describe("request bodies on next-auth's /api/auth/*", () => {
  const context = { params: Promise.resolve({ nextauth: ["callback", "local"] }) };
  const form = (password: string) =>
    new URLSearchParams({ csrfToken: "t", email: "root@example.com", password }).toString();
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    nextAuthPost(
      request("/api/auth/callback/local", {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      }),
      context,
    );

  it("passes a sign-in form within the cap to next-auth, intact", async () => {
    const body = form("p".repeat(10 * KB));
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(reached).toEqual([{ method: "POST", body }]);
  });

  it("answers a 65 KB sign-in form with 413 and never lets next-auth read it", async () => {
    await expect413(await post(form("p".repeat(65 * KB))));
    const streamed = trickle(10 * 1024 * KB);
    await expect413(await post(streamed.stream));
    expect(streamed.sent()).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * 8 * KB);
    expect(reached).toEqual([]);
  });
});
