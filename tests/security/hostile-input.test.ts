// Whatever arrives in a query string, a path segment or a JSON body, every API route answers with
// a status below 500 and, when it refuses, the one error shape with a message and no stack trace.
// Property-based: fast-check generates malformed, oversized, prototype-named and unicode-confusable
// input for every route the role matrix knows (tests/support/api-routes.ts), called in-process as
// Next.js calls it, signed in as an admin (so the input reaches the parsers) or through a valid
// share link for /api/s/[token]/….
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GuardedHandler } from "@/lib/api/with-route";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import { PEOPLE, fromAddress, request, sessionCookie, useEnv } from "../auth/support";
import { makeLink, useMemoryStorage } from "../shares/support/app";
import { useSnapshot } from "../shares/support/snapshot";
import { shareTenants } from "../shares/support/tenants";
import { discoverApiHandlers, type DiscoveredHandler } from "../support/api-routes";

vi.mock("@/lib/tenants/snapshot", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...(await import("../shares/support/snapshot")),
}));

const PROTOTYPE_NAMES = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "isPrototypeOf",
  "prototype",
];
/** Parameter names the routes know, so generated input also reaches their value parsers. */
const KNOWN_NAMES = [
  "q",
  "region",
  "country",
  "subscription",
  "status",
  "createdFrom",
  "createdTo",
  "sort",
  "group",
  "offset",
  "limit",
  "columns",
  "scope",
  "format",
  "bom",
  "cursor",
  "kind",
  "from",
  "to",
  "tenant",
  "mine",
  "tenantCols",
];
/** Look-alikes: Cyrillic, full-width, zero-width and combining characters, RTL override. */
const CONFUSABLES = [
  "ѕtatus",
  "ｓｔａｔｕｓ",
  "re\u200bgion",
  "group\u0301",
  "\u202esutats",
  "ｅｕ-ｃｅｎｔｒａｌ-１",
  "аctive",
  "𝐚𝐜𝐭𝐢𝐯𝐞",
  "%00",
  "\u0000",
  "\ud800",
];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    ...CONFUSABLES,
    ...PROTOTYPE_NAMES,
    "",
    ",",
    ",,,",
    "-",
    "--name",
    "NaN",
    "1e309",
  ),
  fc.integer().map(String),
  fc.constantFrom("x".repeat(5_000), "é".repeat(3_000), "%".repeat(2_000)),
);
const name = fc.oneof(fc.constantFrom(...KNOWN_NAMES, ...PROTOTYPE_NAMES, ...CONFUSABLES), text);
const queryString = fc
  .array(fc.tuple(name, text), { maxLength: 6 })
  .map((pairs) => new URLSearchParams(pairs).toString());
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.oneof(name, fc.constantFrom("name", "view", "columns", "expiresIn")),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{}}}',
    "{",
    "[]",
    "null",
    '"',
  ),
  fc.string({ maxLength: 60 }),
);
const segment = fc.oneof(text, fc.constantFrom("..", "%2e%2e", "A".repeat(43), "shr_x"));

const STACK = /\n\s+at\s|\.tsx?:\d+|node_modules|\/work\//;
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Would call Qlik Cloud (a refresh): its input is checked elsewhere, without the network. */
const SKIPPED = new Set(["POST /api/sync"]);

const handlers = discoverApiHandlers().filter(
  (h) => !h.route.startsWith("/api/auth") && !SKIPPED.has(`${h.method} ${h.route}`),
);

async function load(h: DiscoveredHandler): Promise<GuardedHandler> {
  const mod = (await import(/* @vite-ignore */ path.resolve(__dirname, "../..", h.file))) as Record<
    string,
    unknown
  >;
  return mod[h.method] as GuardedHandler;
}

let storage: Storage;
let admin: string;
let token: string;
let address = 0;

beforeAll(async () => {
  useEnv();
  storage = await useMemoryStorage();
  useSnapshot(shareTenants(30));
  admin = await sessionCookie(PEOPLE.admin);
  token = (
    await makeLink(
      { view: "status=active", columns: ["status", "regionCode"], allowExport: true },
      admin,
    )
  ).token;
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});

async function callWith(
  h: DiscoveredHandler,
  input: { qs: string; id: string; body: string | undefined },
): Promise<Response> {
  const params: Record<string, string> = { token, id: input.id };
  const url = h.route
    .replace("[token]", token)
    .replace(/\[[^\]]+\]/g, encodeURIComponent(input.id.replace(/[\ud800-\udfff]/g, "\ufffd")));
  const handler = await load(h);
  return handler(
    request(`${url}${input.qs ? `?${input.qs}` : ""}`, {
      method: h.method,
      cookie: admin,
      // Each call from its own address, so the limit on failed link lookups stays out of the way.
      headers: {
        ...fromAddress(`10.1.${(++address >> 8) & 255}.${address & 255}`),
        origin: "http://localhost:3000",
      },
      body: WITH_BODY.has(h.method) ? input.body : undefined,
    }),
    { params: Promise.resolve(params) },
  );
}

async function expectSaneAnswer(response: Response, what: string): Promise<void> {
  const text = await response.text();
  expect(response.status, `${what} → ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
  if (response.status >= 400) {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(Object.keys(body), what).toEqual(["error"]);
    expect(typeof body.error?.code, what).toBe("string");
    expect(typeof body.error?.message, what).toBe("string");
  }
  expect(STACK.test(text), `${what}: a stack trace or path in ${text.slice(0, 200)}`).toBe(false);
}

describe("hostile input on every API route", () => {
  it.each(handlers.map((h) => [`${h.method} ${h.route}`, h] as const))(
    "%s never answers 500 and always in the one error shape",
    async (label, h) => {
      await fc.assert(
        fc.asyncProperty(
          queryString,
          segment,
          fc.option(jsonBody, { nil: undefined }),
          async (qs, id, body) => {
            await expectSaneAnswer(
              await callWith(h, { qs, id, body }),
              `${label}?${qs} id=${id} body=${body}`,
            );
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});

describe("prototype-named parameters", () => {
  const all = discoverApiHandlers();
  it.each(all.map((h) => [`${h.method} ${h.route}`, h] as const))(
    "%s answers 400 naming each of them",
    async (_label, h) => {
      for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
        const response = await callWith(h, { qs: `${name}=x`, id: "e2e-probe", body: "{}" });
        expect(response.status, `${name}`).toBe(400);
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe("bad_request");
        expect(error.message).toContain(`"${name}"`);
      }
    },
  );
});
