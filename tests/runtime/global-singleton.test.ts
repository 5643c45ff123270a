// instrumentation.ts and the route handlers each get their own copy of every module they import
// (Next.js bundles them apart). What must be one per process — the database, the snapshot holder,
// the error classes route handlers test with `instanceof` — is kept by globalSingleton.
import { describe, expect, it, vi } from "vitest";
import { dropGlobalSingleton, globalSingleton } from "@/lib/runtime/global-singleton";

describe("globalSingleton", () => {
  it("creates once and hands the same value to every caller", () => {
    const create = vi.fn(() => ({ opened: true }));
    const a = globalSingleton("test:once", create);
    const b = globalSingleton("test:once", create);
    expect(a).toBe(b);
    expect(create).toHaveBeenCalledTimes(1);
    expect(dropGlobalSingleton("test:once")).toBe(a);
    expect(globalSingleton("test:once", create)).not.toBe(a);
    dropGlobalSingleton("test:once");
  });

  it("drops a value only if it is still the one given (a failed open is not dropped twice)", () => {
    const first = globalSingleton("test:only", () => "first");
    expect(dropGlobalSingleton("test:only", "other")).toBeUndefined();
    expect(globalSingleton("test:only", () => "second")).toBe(first);
    expect(dropGlobalSingleton("test:only", first)).toBe(first);
  });

  it("keeps one ApiError and one InvalidCursorError class when their modules load twice", async () => {
    const errors = await import("@/lib/api/errors");
    const rows = await import("@/lib/db/rows");
    vi.resetModules(); // as a second bundle would: the modules are evaluated again
    const errorsAgain = await import("@/lib/api/errors");
    const rowsAgain = await import("@/lib/db/rows");
    expect(errorsAgain).not.toBe(errors);
    expect(errorsAgain.ApiError).toBe(errors.ApiError);
    expect(new errorsAgain.ApiError(503, "upstream_unavailable", "x")).toBeInstanceOf(
      errors.ApiError,
    );
    expect(new rowsAgain.InvalidCursorError()).toBeInstanceOf(rows.InvalidCursorError);
  });
});
