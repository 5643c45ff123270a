// The alert email settings: SMTP_URL must be an smtp:// or smtps:// URL and needs ALERTS_FROM;
// each mistake stops start-up with a message naming the setting and what to write instead.
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { BASE_ENV } from "../auth/support";

function errorOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("alert email settings", () => {
  it("are optional: without SMTP_URL email channels report that email is not configured", () => {
    const env = parseEnv(BASE_ENV);
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.ALERTS_FROM).toBeUndefined();
  });

  it("take an SMTP URL with credentials and a sender, plain or with a display name", () => {
    for (const from of ["alerts@example.com", "Tenant Atlas <alerts@example.com>"]) {
      const env = parseEnv({
        ...BASE_ENV,
        SMTP_URL: "smtps://user:p%40ss@mail.example.com:465",
        ALERTS_FROM: from,
      });
      expect(env.SMTP_URL).toBe("smtps://user:p%40ss@mail.example.com:465");
      expect(env.ALERTS_FROM).toBe(from);
    }
  });

  it("refuse a wrong scheme, a missing sender and a malformed sender", () => {
    expect(
      errorOf({ ...BASE_ENV, SMTP_URL: "https://mail.example.com", ALERTS_FROM: "a@example.com" }),
    ).toContain("SMTP_URL must be smtp://user:password@host:587 or smtps://user:password@host:465");
    expect(errorOf({ ...BASE_ENV, SMTP_URL: "smtp://mail.example.com:587" })).toContain(
      "ALERTS_FROM is not set: SMTP_URL needs a sender address",
    );
    expect(errorOf({ ...BASE_ENV, ALERTS_FROM: "alerts at example" })).toContain(
      "ALERTS_FROM must be an email address",
    );
  });
});
