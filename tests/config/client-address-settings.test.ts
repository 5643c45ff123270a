import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { BASE_ENV } from "../auth/support";

// TRUSTED_PROXY_HOPS (how far X-Forwarded-For is believed) and AUTH_OIDC_TRUST_EMAIL (vouching
// for IdPs that send no email_verified claim): safe defaults, and a bad value stops the start.

const parse = (more: Record<string, string>) => parseEnv({ ...BASE_ENV, ...more });

function errorOf(more: Record<string, string>): string {
  try {
    parse(more);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("TRUSTED_PROXY_HOPS", () => {
  it("is 0 by default: X-Forwarded-For is not believed", () => {
    expect(parseEnv(BASE_ENV).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parse({ TRUSTED_PROXY_HOPS: "" }).TRUSTED_PROXY_HOPS).toBe(0);
  });

  it("takes a small whole number", () => {
    expect(parse({ TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    expect(parse({ TRUSTED_PROXY_HOPS: "3" }).TRUSTED_PROXY_HOPS).toBe(3);
  });

  it.each(["-1", "1.5", "two", "11", "true"])("refuses %s, naming the setting", (value) => {
    expect(errorOf({ TRUSTED_PROXY_HOPS: value })).toMatch(/TRUSTED_PROXY_HOPS must be/);
  });
});

describe("AUTH_OIDC_TRUST_EMAIL", () => {
  it("is off by default", () => {
    expect(parseEnv(BASE_ENV).AUTH_OIDC_TRUST_EMAIL).toBe(false);
  });

  it("takes true or false", () => {
    expect(parse({ AUTH_OIDC_TRUST_EMAIL: "true" }).AUTH_OIDC_TRUST_EMAIL).toBe(true);
    expect(parse({ AUTH_OIDC_TRUST_EMAIL: "false" }).AUTH_OIDC_TRUST_EMAIL).toBe(false);
    expect(errorOf({ AUTH_OIDC_TRUST_EMAIL: "sure" })).toMatch(
      /AUTH_OIDC_TRUST_EMAIL use true or false/,
    );
  });
});
