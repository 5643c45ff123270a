import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/config/schema";

const demo = {
  ATLAS_DEMO: "true",
  QLIK_BASE_URL: "http://localhost:4010",
  QLIK_CLIENT_ID: "demo-client",
  QLIK_CLIENT_SECRET: "s",
};
const real = {
  QLIK_CLIENT_ID: "abc",
  QLIK_CLIENT_SECRET: "very-secret-value",
  NEXTAUTH_SECRET: "x".repeat(32),
  ATLAS_ADMIN_EMAIL: "ops@example.com",
  ATLAS_ADMIN_PASSWORD_HASH: "$2b$12$" + "a".repeat(53),
};

function errorOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(demo);
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("file:./data/atlas.db");
    expect(env.SYNC_INTERVAL_MINUTES).toBe(10);
    expect(env.SESSION_MAX_AGE_HOURS).toBe(8);
    expect(parseEnv(real).QLIK_BASE_URL).toBe("https://console.qlikcloud.com");
  });

  it("never returns the client secret", () => {
    const env = parseEnv(real);
    expect(JSON.stringify(env)).not.toContain("very-secret-value");
  });

  it("names the variable and the fix for a malformed value", () => {
    expect(errorOf({ ...demo, PORT: "eighty" })).toMatch(
      /^Invalid configuration: PORT must be a port number/,
    );
    expect(errorOf({ ...demo, QLIK_BASE_URL: "console.qlikcloud.com" })).toContain(
      "QLIK_BASE_URL must be an absolute URL",
    );
    expect(errorOf({ ...demo, DATABASE_URL: "mysql://x" })).toContain(
      "DATABASE_URL must be file:<path>",
    );
    expect(errorOf({ ...demo, SYNC_INTERVAL_MINUTES: "0" })).toContain(
      "SYNC_INTERVAL_MINUTES must be at least 1",
    );
  });

  it("requires the secret together with the client id", () => {
    const { QLIK_CLIENT_SECRET: _, ...withoutSecret } = real;
    expect(errorOf(withoutSecret)).toContain("QLIK_CLIENT_SECRET is not set");
  });

  it("requires Qlik credentials outside demo mode", () => {
    expect(errorOf({})).toContain("QLIK_CLIENT_ID is not set");
  });

  it("refuses demo mode against a non-local Organization API", () => {
    expect(errorOf({ ...demo, QLIK_BASE_URL: "https://console.qlikcloud.com" })).toContain(
      "ATLAS_DEMO is only allowed with the built-in simulator",
    );
  });

  it("with real credentials, requires a session secret and a sign-in method", () => {
    const { NEXTAUTH_SECRET: _s, ...noSecret } = real;
    expect(errorOf(noSecret)).toContain("NEXTAUTH_SECRET is not set");
    const { ATLAS_ADMIN_EMAIL: _e, ATLAS_ADMIN_PASSWORD_HASH: _h, ...noSignIn } = real;
    expect(errorOf(noSignIn)).toContain("no sign-in method");
  });

  it("accepts PostgreSQL URLs and trims a trailing slash from the base URL", () => {
    const env = parseEnv({
      ...real,
      DATABASE_URL: "postgres://atlas@db:5432/atlas",
      QLIK_BASE_URL: "https://console.qlikcloud.com/",
    });
    expect(env.DATABASE_URL).toBe("postgres://atlas@db:5432/atlas");
    expect(env.QLIK_BASE_URL).toBe("https://console.qlikcloud.com");
  });

  it("parses role lists of emails and @domains, case-insensitively", () => {
    const env = parseEnv({
      ...demo,
      ATLAS_ADMINS: "Ann@Example.com, @ops.example.com",
      ATLAS_VIEWERS: "",
    });
    expect(env.ATLAS_ADMINS).toEqual(["ann@example.com", "@ops.example.com"]);
    expect(env.ATLAS_VIEWERS).toEqual([]);
  });
});
