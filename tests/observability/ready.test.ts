// GET /api/ready: 200 while the database answers and a snapshot is loaded, with its age and the
// last sync's outcome; 503 in the one error shape naming what is missing otherwise. Public, and it
// tells nothing about the settings.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { openStorage, setStorageForTests, type Storage } from "@/lib/db/storage";
import type { SnapshotInfo } from "@/lib/tenants/types";
import { BASE_ENV, PEOPLE, noParams, request, sessionCookie, useEnv } from "../auth/support";

const info = vi.hoisted(() => ({ current: null as SnapshotInfo | null }));
vi.mock("@/lib/tenants/snapshot", () => ({ getSnapshotInfo: () => info.current }));

const TAKEN_AT = new Date(Date.now() - 90_000).toISOString();
const loaded = (over: Partial<SnapshotInfo> = {}): SnapshotInfo => ({
  takenAt: TAKEN_AT,
  tenantCount: 300,
  syncing: false,
  progress: null,
  lastRun: {
    id: 4,
    startedAt: TAKEN_AT,
    finishedAt: TAKEN_AT,
    outcome: "success",
    tenants: 300,
    requests: 4,
    retries: 0,
    rateLimited: 0,
    error: null,
  },
  lastError: null,
  ...over,
});
const empty = (over: Partial<SnapshotInfo> = {}) =>
  loaded({ takenAt: null, tenantCount: 0, lastRun: null, ...over });

let storage: Storage;
beforeAll(async () => {
  storage = await openStorage({ url: "file::memory:" });
});
afterAll(async () => {
  setStorageForTests(null);
  await storage.close();
});
beforeEach(() => {
  useEnv();
  setStorageForTests(storage);
  info.current = loaded();
});

const get = async (cookie?: string) => {
  const response = await ready(request("/api/ready", { cookie }), noParams);
  return { response, body: (await response.json()) as Record<string, unknown> };
};

describe("GET /api/ready", () => {
  it("is 200 with the snapshot's age and the last sync's outcome, for anyone", async () => {
    const { response, body } = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(body).toEqual({
      status: "ready",
      snapshot: { takenAt: TAKEN_AT, ageSeconds: expect.any(Number) },
      lastSync: { outcome: "success", finishedAt: TAKEN_AT },
      syncing: false,
    });
    const age = (body.snapshot as { ageSeconds: number }).ageSeconds;
    expect(age).toBeGreaterThanOrEqual(89);
    expect(age).toBeLessThan(120);
    expect((await get(await sessionCookie(PEOPLE.viewer))).response.status).toBe(200);
  });

  it("stays 200 after a failed sync: the last good snapshot is still served", async () => {
    info.current = loaded({
      lastRun: { ...loaded().lastRun!, outcome: "failed", error: "Qlik at https://x said no" },
      lastError: "Qlik at https://x said no",
    });
    const { response, body } = await get();
    expect(response.status).toBe(200);
    expect(body.lastSync).toEqual({ outcome: "failed", finishedAt: TAKEN_AT });
    expect(JSON.stringify(body)).not.toContain("said no");
  });

  it("is 503 before the first snapshot, saying whether a sync is running", async () => {
    info.current = empty({ syncing: true, progress: { tenantsRead: 100, expected: 300 } });
    let { response, body } = await get();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(body).toEqual({
      error: {
        code: "not_ready",
        message: "Not ready: no snapshot loaded yet (the first sync is running).",
      },
    });
    info.current = empty({ lastRun: { ...loaded().lastRun!, outcome: "failed" } });
    ({ response, body } = await get());
    expect(response.status).toBe(503);
    expect((body.error as { message: string }).message).toContain("no sync has succeeded");
  });

  it("is 503 when the database does not answer, even with a snapshot in memory", async () => {
    const down = {
      ping: () => Promise.reject(new Error("connect ECONNREFUSED db.internal:5432")),
    } as unknown as Storage;
    setStorageForTests(down);
    const { response, body } = await get();
    expect(response.status).toBe(503);
    expect(body).toEqual({
      error: { code: "not_ready", message: "Not ready: the database did not answer within 2 s." },
    });
    expect(JSON.stringify(body)).not.toContain("db.internal");
  });

  it("is 503 within a few seconds when the database hangs, naming every missing piece", async () => {
    setStorageForTests({ ping: () => new Promise(() => {}) } as unknown as Storage);
    info.current = empty();
    const started = Date.now();
    const { response, body } = await get();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response.status).toBe(503);
    expect((body.error as { message: string }).message).toBe(
      "Not ready: the database did not answer within 2 s; no snapshot loaded yet (no sync has succeeded).",
    );
  });

  it("reveals no setting: no URL, host, email, client id or version", async () => {
    const texts = [JSON.stringify((await get()).body)];
    info.current = empty();
    texts.push(JSON.stringify((await get()).body));
    const settings = Object.values(BASE_ENV).filter((v) => v.length > 4);
    for (const text of texts) {
      expect(text).not.toMatch(/https?:\/\/|@|version/i);
      for (const value of settings) expect(text).not.toContain(value);
    }
  });
});
