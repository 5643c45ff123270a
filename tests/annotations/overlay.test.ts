// The in-process annotation overlay: one immutable value per version, no database round trip while
// the last check is under 500 ms old, another instance's write noticed after that, this process's
// writes seen at once (applied in place, no reload), and listeners told of each new version.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  currentOverlay,
  onOverlayChanged,
  OVERLAY_CHECK_INTERVAL_MS,
  resetOverlayForTests,
  type AnnotationOverlay,
} from "@/lib/annotations/overlay";
import { updateAnnotations } from "@/lib/annotations/write";
import { setStorageForTests, type Storage } from "@/lib/db/storage";
import { useEnv } from "../auth/support";
import { sqliteDatabase } from "../db/support/databases";

const db = sqliteDatabase();
let storage: Storage;
let otherInstance: Storage;
const calls = { version: 0, load: 0 };
let failing = false;

/** The storage as the app sees it, counting the overlay's reads (and failing them on demand). */
function counted(inner: Storage): Storage {
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key === "getAnnotationsVersion")
        return async () => {
          calls.version++;
          if (failing) throw new Error("database down");
          return target.getAnnotationsVersion();
        };
      if (key === "loadAnnotations")
        return async () => {
          calls.load++;
          return target.loadAnnotations();
        };
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

let now = Date.parse("2026-12-05T12:00:00.000Z");
const advance = (ms: number) => {
  now += ms;
  vi.setSystemTime(now);
};

beforeAll(async () => {
  useEnv();
  storage = await db.open();
  otherInstance = await db.openAgain();
  setStorageForTests(counted(storage));
});
afterAll(async () => {
  setStorageForTests(null);
  await db.cleanup();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now);
  resetOverlayForTests();
  calls.version = 0;
  calls.load = 0;
  failing = false;
});
afterEach(() => {
  vi.useRealTimers();
});

const ADA = "ada@example.com";

describe("currentOverlay", () => {
  it("loads once, then answers from memory without a database round trip for 500 ms", async () => {
    const first = await currentOverlay();
    expect(first.version).toBe("0");
    expect(calls).toEqual({ version: 1, load: 1 });
    for (let i = 0; i < 50; i++) expect(await currentOverlay()).toBe(first);
    advance(OVERLAY_CHECK_INTERVAL_MS - 1);
    expect(await currentOverlay()).toBe(first);
    expect(calls).toEqual({ version: 1, load: 1 });
  });

  it("checks the version again after 500 ms and reloads only when it moved", async () => {
    const first = await currentOverlay();
    advance(OVERLAY_CHECK_INTERVAL_MS);
    expect(await currentOverlay()).toBe(first); // same version: same value
    expect(calls).toEqual({ version: 2, load: 1 });

    await otherInstance.updateAnnotations({
      actor: ADA,
      source: "api",
      tenants: [{ tenantId: "t-other", owner: "team-b" }],
    });
    // Still within the interval: another instance's write is not seen yet.
    expect(await currentOverlay()).toBe(first);
    advance(OVERLAY_CHECK_INTERVAL_MS);
    const second = await currentOverlay();
    expect(second).not.toBe(first);
    expect(Number(second.version)).toBe(Number(first.version) + 1);
    expect(second.tenants.get("t-other")).toEqual({ owner: "team-b", tags: [], note: null });
    expect(first.tenants.has("t-other")).toBe(false); // the old value is untouched
    expect(calls).toEqual({ version: 3, load: 2 });
  });

  it("sees a write of this process at once, applied in place without a reload", async () => {
    const before = await currentOverlay();
    const changed: AnnotationOverlay[] = [];
    const stop = onOverlayChanged((o) => changed.push(o));
    await updateAnnotations({
      actor: ADA,
      source: "api",
      tenants: [{ tenantId: "t-here", tags: ["prod"] }],
      subscriptions: [{ subscriptionId: "4100000000000001", name: "Acme" }],
    });
    const after = await currentOverlay();
    expect(Number(after.version)).toBe(Number(before.version) + 1);
    expect(after.tenants.get("t-here")?.tags).toEqual(["prod"]);
    expect(after.subscriptions.get("4100000000000001")).toEqual({
      name: "Acme",
      customerRef: null,
    });
    expect(before.tenants.has("t-here")).toBe(false);
    expect(calls.load).toBe(1); // only the first load
    expect(changed).toEqual([after]);
    stop();
    await updateAnnotations({
      actor: ADA,
      source: "api",
      tenants: [{ tenantId: "t-here", tags: [] }],
    });
    expect((await currentOverlay()).tenants.has("t-here")).toBe(false);
    expect(changed).toHaveLength(1); // stopped listening
  });

  it("re-reads on the next call when another write came in between", async () => {
    const before = await currentOverlay();
    await otherInstance.updateAnnotations({
      actor: ADA,
      source: "api",
      tenants: [{ tenantId: "t-gap", owner: "gap" }],
    });
    await updateAnnotations({
      actor: ADA,
      source: "api",
      tenants: [{ tenantId: "t-gap2", owner: "here" }],
    });
    // No time passed, but this process wrote: the next call checks (and finds both writes).
    const after = await currentOverlay();
    expect(Number(after.version)).toBe(Number(before.version) + 2);
    expect(after.tenants.get("t-gap")?.owner).toBe("gap");
    expect(after.tenants.get("t-gap2")?.owner).toBe("here");
  });

  it("shares one check between concurrent callers", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => currentOverlay()));
    expect(new Set(results).size).toBe(1);
    expect(calls).toEqual({ version: 1, load: 1 });
  });

  it("keeps serving the last overlay when the version check fails", async () => {
    const first = await currentOverlay();
    failing = true;
    advance(OVERLAY_CHECK_INTERVAL_MS);
    expect(await currentOverlay()).toBe(first);
    expect(await currentOverlay()).toBe(first); // backs off: no second failing check at once
    expect(calls.version).toBe(2);
  });

  it("fails when there is nothing to serve yet", async () => {
    failing = true;
    await expect(currentOverlay()).rejects.toThrow("database down");
  });

  it("hands out values that cannot be changed", async () => {
    await updateAnnotations({
      actor: ADA,
      source: "api",
      tenants: [{ tenantId: "t-frozen", tags: ["a"] }],
    });
    const overlay = await currentOverlay();
    const annotation = overlay.tenants.get("t-frozen")!;
    expect(Object.isFrozen(annotation)).toBe(true);
    expect(Object.isFrozen(annotation.tags)).toBe(true);
    expect(Object.isFrozen(overlay)).toBe(true);
  });
});
