// The read routes through the built app and Next.js's own pipeline: an ETag on each answer, and a
// 304 with no body when the browser (or a script) already holds it. The in-process tests cover the
// rules; this proves nothing between the route and the socket (compression, headers) breaks them.
import { expect, test } from "./support/fixtures";

const VIEW = "/api/tenants?region=eu-central-1&group=region,subscription&limit=50";

test("GET /api/tenants answers 304 with no body to its own ETag", async ({ apiAs }) => {
  const viewer = await apiAs("viewer");
  const first = await viewer.get(VIEW, { headers: { "accept-encoding": "gzip" } });
  expect(first.status()).toBe(200);
  const etag = first.headers().etag;
  expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
  expect(first.headers()["cache-control"]).toBe("private, no-cache");
  const again = await viewer.get(VIEW, {
    headers: { "if-none-match": etag!, "accept-encoding": "gzip" },
  });
  expect(again.status()).toBe(304);
  expect(again.headers().etag).toBe(etag);
  expect((await again.body()).length).toBe(0);

  const admin = await apiAs("admin");
  expect((await admin.get(VIEW, { headers: { "if-none-match": etag! } })).status()).toBe(200);
});

test("GET /api/tenants/{id} answers 304 to its own ETag", async ({ apiAs }) => {
  const viewer = await apiAs("viewer");
  const { rows } = (await (await viewer.get("/api/tenants?limit=1")).json()) as {
    rows: { id: string }[];
  };
  const url = `/api/tenants/${rows[0]!.id}`;
  const first = await viewer.get(url);
  const etag = first.headers().etag!;
  expect(first.status()).toBe(200);
  const again = await viewer.get(url, { headers: { "if-none-match": etag } });
  expect(again.status()).toBe(304);
  expect((await again.body()).length).toBe(0);
});

test("the explorer's own requests are revalidated by the browser", async ({ page, signIn }) => {
  await signIn("viewer");
  await page.goto("/");
  const fetched = await page.evaluate(async (url) => {
    const first = await fetch(url);
    await first.arrayBuffer();
    const second = await fetch(url);
    const body = await second.arrayBuffer();
    const timings = performance.getEntriesByName(new URL(url, location.href).href);
    const last = timings[timings.length - 1] as PerformanceResourceTiming;
    return {
      status: second.status,
      bytes: body.byteLength,
      body: last.encodedBodySize,
      transfer: last.transferSize,
    };
  }, VIEW);
  // The browser got a 304 and handed the cached answer over: same bytes, only headers transferred.
  expect(fetched.status).toBe(200);
  expect(fetched.bytes).toBeGreaterThan(1000);
  expect(fetched.transfer).toBeLessThan(fetched.body);
});
