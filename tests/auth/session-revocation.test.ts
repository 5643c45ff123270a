// Sessions can end before their cookie does: signing out puts the session on a deny-list in the
// database (so a kept copy of the cookie stops working, on every instance within a second), an
// admin can end every session of a person, a cookie without a sign-in time is refused, sessions
// last at most 24 hours, and over https the cookie is __Host- prefixed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decode, encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withRoute } from "@/lib/api/with-route";
import { createSignInLimiters } from "@/lib/auth/local-admin";
import { buildAuthOptions } from "@/lib/auth/options";
import { resolveSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { parseEnv } from "@/lib/config/schema";
import { openStorage, setStorageForTests, type Storage } from "@/lib/db/storage";
import { POST as revokeRoute } from "@/app/api/sessions/revoke/route";
import {
  BASE_ENV,
  PEOPLE,
  TEST_SECRET,
  newSession,
  noParams,
  request,
  sessionCookie,
  useEnv,
  type TestIdentity,
} from "./support";

let dir: string;
/** The app's database, and a second connection to it standing for another app instance. */
let storage: Storage;
let otherInstance: Storage;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-revocation-"));
  const url = `file:${path.join(dir, "atlas.db")}`;
  storage = await openStorage({ url });
  otherInstance = await openStorage({ url });
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
  await otherInstance.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  useEnv();
  setStorageForTests(storage);
});
afterEach(() => vi.useRealTimers());

const viewerRoute = withRoute({ role: "viewer" }, ({ session }) =>
  Response.json({ email: session.email }),
);
const get = (cookie: string) => viewerRoute(request("/api/x", { cookie }), noParams);
const tokenOf = async (cookie: string) =>
  decode({ token: cookie.slice(cookie.indexOf("=") + 1), secret: TEST_SECRET });
const cookiesOf = (cookie: string) => [
  { name: "next-auth.session-token", value: cookie.slice(cookie.indexOf("=") + 1) },
];
const options = () => buildAuthOptions(getEnv(), { signInLimiters: createSignInLimiters() });

/** What next-auth does on POST /api/auth/signout: decode the cookie, fire signOut, clear it. */
async function signOut(cookie: string) {
  await options().events!.signOut!({ token: (await tokenOf(cookie))!, session: null as never });
}

describe("signing out", () => {
  it("ends the session on the server: the same cookie, replayed, gets 401", async () => {
    const cookie = await sessionCookie(PEOPLE.viewer);
    expect((await get(cookie)).status).toBe(200);
    await signOut(cookie);
    const replayed = await get(cookie);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect(await resolveSession(cookiesOf(cookie))).toEqual({ identity: null, user: null });
  });

  it("ends that session only: the person's other sessions go on", async () => {
    const laptop = await sessionCookie(PEOPLE.viewer);
    const phone = await sessionCookie(PEOPLE.viewer);
    await signOut(laptop);
    expect((await get(laptop)).status).toBe(401);
    expect((await get(phone)).status).toBe(200);
  });

  it("is seen by every instance within a second (the deny-list is in the database)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cookie = await sessionCookie(PEOPLE.viewer);
    expect((await get(cookie)).status).toBe(200);
    // Another instance signs this session out: nothing in this process is told.
    const token = (await tokenOf(cookie)) as { sid: string };
    await otherInstance.revokeSession({
      sessionId: token.sid,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    vi.setSystemTime(Date.now() + 1001);
    expect((await get(cookie)).status).toBe(401);
  });

  it("refuses, rather than passes, while the database does not answer", async () => {
    const cookie = await sessionCookie(PEOPLE.viewer);
    setStorageForTests({
      ...storage,
      isSessionRevoked: () => Promise.reject(new Error("database is down")),
    });
    const response = await get(cookie);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: "upstream_unavailable" } });
  });

  it("gives an ended session no fresh cookie from /api/auth/session", async () => {
    const cookie = await sessionCookie(PEOPLE.viewer);
    const token = (await tokenOf(cookie))!;
    const jwt = options().callbacks!.jwt!;
    // A session read: next-auth calls jwt() with the decoded token alone; an error makes it
    // answer {} and clear the cookie.
    const read = () => jwt({ token } as never);
    await expect(read()).resolves.toEqual(token);
    await signOut(cookie);
    await expect(read()).rejects.toThrow("SessionRevoked");
    const { sid: _sid, ...withoutId } = token;
    await expect(jwt({ token: withoutId } as never)).rejects.toThrow();
  });
});

describe("POST /api/sessions/revoke", () => {
  /** A viewer of this block alone: ending all of someone's sessions ends them for the whole file. */
  const VAL: TestIdentity = { email: "val@viewers.example.com", provider: "oidc" };
  const revoke = (body: unknown, cookie?: string) =>
    revokeRoute(
      request("/api/sessions/revoke", { method: "POST", cookie, body: JSON.stringify(body) }),
      noParams,
    );

  it("ends every session of the person, at once, audited; a new sign-in works", async () => {
    const admin = await sessionCookie(PEOPLE.admin);
    const sessions = [await sessionCookie(VAL), await sessionCookie(VAL)];
    for (const s of sessions) expect((await get(s)).status).toBe(200);

    const response = await revoke({ email: " VAL@Viewers.Example.com " }, admin);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { email: string; revokedAt: string };
    expect(answer).toEqual({ email: VAL.email, revokedAt: expect.any(String) });

    for (const s of sessions) expect((await get(s)).status).toBe(401);
    expect((await get(admin)).status).toBe(200); // the admin's own session is untouched
    // Signed in again afterwards (a cut-off in the same second as a sign-in ends it too).
    const later: TestIdentity = {
      ...VAL,
      signedInAt: Math.floor(Date.parse(answer.revokedAt) / 1000) + 1,
    };
    expect((await get(await sessionCookie(later))).status).toBe(200);

    const audit = await storage.listAudit({ action: "sessions.revoke" });
    expect(audit.items[0]).toMatchObject({
      actor: PEOPLE.admin.email,
      details: { email: VAL.email },
      at: answer.revokedAt,
    });
  });

  it("is for admins only", async () => {
    const viewer = await sessionCookie(PEOPLE.viewer);
    expect((await revoke({ email: PEOPLE.admin.email }, viewer)).status).toBe(403);
    expect((await revoke({ email: PEOPLE.admin.email })).status).toBe(401);
    expect((await get(await sessionCookie(PEOPLE.admin))).status).toBe(200);
  });

  it("answers 400 naming the field for anything but one email", async () => {
    const admin = await sessionCookie(PEOPLE.admin);
    for (const [body, message] of [
      [{}, /"email"/],
      [{ email: "not an email" }, /"email": must be an email address/],
      [{ email: `${"a".repeat(320)}@example.com` }, /"email"/],
      [{ email: PEOPLE.viewer.email, all: true }, /Unknown body field "all"/],
    ] as const) {
      const response = await revoke(body, admin);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        message,
      );
    }
  });
});

describe("what a session must carry", () => {
  const sealed = (token: Record<string, unknown>) =>
    encode({ token, secret: TEST_SECRET }).then((value) => [
      { name: "next-auth.session-token", value },
    ]);
  const viewer = { name: "Vic", emailVerified: true, ...PEOPLE.viewer };

  it("is refused without a sign-in time or a session id", async () => {
    const { sid, signedInAt } = newSession();
    expect((await resolveSession(await sealed({ ...viewer, sid, signedInAt }))).user?.role).toBe(
      "viewer",
    );
    expect(await resolveSession(await sealed({ ...viewer, sid }))).toEqual({
      identity: null,
      user: null,
    });
    expect(await resolveSession(await sealed({ ...viewer, signedInAt }))).toEqual({
      identity: null,
      user: null,
    });
  });

  it("lasts at most 24 hours: SESSION_MAX_AGE_HOURS over 24 stops the start", () => {
    expect(parseEnv({ ...BASE_ENV, SESSION_MAX_AGE_HOURS: "24" }).SESSION_MAX_AGE_HOURS).toBe(24);
    for (const hours of ["25", "720"])
      expect(() => parseEnv({ ...BASE_ENV, SESSION_MAX_AGE_HOURS: hours })).toThrow(
        /SESSION_MAX_AGE_HOURS must be at most 24/,
      );
  });

  it("over https, is read only from the __Host- cookie, not one a sibling subdomain could set", async () => {
    const env = parseEnv({ ...BASE_ENV, NEXTAUTH_URL: "https://atlas.example.com" });
    const [cookie] = cookiesOf(await sessionCookie(PEOPLE.viewer));
    const as = (name: string) => resolveSession([{ name, value: cookie!.value }], env);
    expect((await as("__Host-next-auth.session-token")).user?.role).toBe("viewer");
    expect((await as("__Secure-next-auth.session-token")).user).toBeNull();
    expect((await as("next-auth.session-token")).user).toBeNull();
  });
});
