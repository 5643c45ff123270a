import { afterEach, describe, expect, it, vi } from "vitest";
import { getLogger, maskInLogs } from "@/lib/log";
import { useEnv } from "./support";

afterEach(() => vi.restoreAllMocks());

function capture(): string[] {
  const written: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return written;
}

describe("the server log", () => {
  it("redacts fields named like credentials, at any of the first levels", () => {
    useEnv({ LOG_LEVEL: "debug" });
    const written = capture();
    getLogger().info(
      {
        headers: { authorization: "Bearer eyJ-access", cookie: "next-auth.session-token=abc" },
        password: "hunter2-hunter2",
        upstream: { response: { access_token: "at-1", client_secret: "cs-1" } },
        tenant: { id: "t-1" },
      },
      "request",
    );
    const line = written.join("");
    for (const secret of ["eyJ-access", "session-token=abc", "hunter2", "at-1", "cs-1"])
      expect(line).not.toContain(secret);
    expect(line).toContain('"id":"t-1"');
  });

  it("replaces registered secret values wherever they appear", () => {
    useEnv({ LOG_LEVEL: "debug" });
    const written = capture();
    maskInLogs("tok_4f9a8b7c6d5e");
    getLogger().warn(
      { detail: "retrying with tok_4f9a8b7c6d5e" },
      "token tok_4f9a8b7c6d5e refused",
    );
    expect(written.join("")).not.toContain("tok_4f9a8b7c6d5e");
    expect(written.join("")).toContain("token [redacted] refused");
  });
});
