import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { BASE_ENV } from "../auth/support";

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

// Sign-in settings: with real Qlik credentials the start stops, naming the setting, when sign-in
// is not set up; demo mode needs no auth settings at all.
const realWith = (overrides: Record<string, string | undefined>) => {
  const env: Record<string, string | undefined> = { ...BASE_ENV, ...overrides };
  return () => parseEnv(env);
};
const demoAuth = { QLIK_BASE_URL: "http://localhost:4610", ATLAS_DEMO: "true" };

describe("auth settings", () => {
  it("accepts a complete production configuration", () => {
    const env = parseEnv(BASE_ENV);
    expect(env.ATLAS_ADMINS).toEqual(["ada@example.com"]);
    expect(env.SESSION_MAX_AGE_HOURS).toBe(8);
    expect(env).not.toHaveProperty("QLIK_CLIENT_SECRET");
  });

  it("stops without NEXTAUTH_SECRET when using real credentials", () => {
    expect(realWith({ NEXTAUTH_SECRET: undefined })).toThrow(EnvError);
    expect(realWith({ NEXTAUTH_SECRET: undefined })).toThrow(
      /NEXTAUTH_SECRET is not set: generate one/,
    );
  });

  it("stops with a too-short NEXTAUTH_SECRET", () => {
    expect(realWith({ NEXTAUTH_SECRET: "short" })).toThrow(
      /NEXTAUTH_SECRET must be at least 32 characters/,
    );
  });

  it("stops when no sign-in method is configured", () => {
    const none = {
      AUTH_OIDC_ISSUER: undefined,
      AUTH_OIDC_CLIENT_ID: undefined,
      AUTH_OIDC_CLIENT_SECRET: undefined,
      ATLAS_ADMIN_EMAIL: undefined,
      ATLAS_ADMIN_PASSWORD_HASH: undefined,
    };
    expect(realWith(none)).toThrow(/AUTH_OIDC_ISSUER no sign-in method/);
  });

  it("accepts either sign-in method alone", () => {
    expect(
      realWith({
        AUTH_OIDC_ISSUER: undefined,
        AUTH_OIDC_CLIENT_ID: undefined,
        AUTH_OIDC_CLIENT_SECRET: undefined,
      }),
    ).not.toThrow();
    expect(
      realWith({ ATLAS_ADMIN_EMAIL: undefined, ATLAS_ADMIN_PASSWORD_HASH: undefined }),
    ).not.toThrow();
  });

  it("needs the OIDC client id and secret with an issuer", () => {
    expect(realWith({ AUTH_OIDC_CLIENT_SECRET: "" })).toThrow(/AUTH_OIDC_CLIENT_SECRET is not set/);
    expect(realWith({ AUTH_OIDC_CLIENT_ID: "" })).toThrow(/AUTH_OIDC_CLIENT_ID is not set/);
    expect(realWith({ AUTH_OIDC_ISSUER: "login.example.com" })).toThrow(
      /AUTH_OIDC_ISSUER must be the issuer URL/,
    );
  });

  it("needs both halves of the local admin", () => {
    expect(realWith({ ATLAS_ADMIN_PASSWORD_HASH: undefined })).toThrow(
      /ATLAS_ADMIN_PASSWORD_HASH is not set/,
    );
    expect(realWith({ ATLAS_ADMIN_EMAIL: undefined })).toThrow(/ATLAS_ADMIN_EMAIL is not set/);
    expect(realWith({ ATLAS_ADMIN_EMAIL: "root" })).toThrow(
      /ATLAS_ADMIN_EMAIL must be an email address/,
    );
  });

  it("refuses a password instead of a hash, and accepts our scrypt format", () => {
    expect(realWith({ ATLAS_ADMIN_PASSWORD_HASH: "hunter2" })).toThrow(
      /must be a bcrypt or scrypt hash/,
    );
    expect(
      realWith({ ATLAS_ADMIN_PASSWORD_HASH: "scrypt$131072$8$1$c2FsdA$aGFzaA" }),
    ).not.toThrow();
  });

  it("refuses list entries that are neither an email nor an @domain", () => {
    expect(realWith({ ATLAS_VIEWERS: "bob@example.com, example.com" })).toThrow(
      /ATLAS_VIEWERS has "example.com", which is neither an email/,
    );
    expect(
      parseEnv({ ...BASE_ENV, ATLAS_VIEWERS: " Bob@Example.com ,@Corp.Test " }).ATLAS_VIEWERS,
    ).toEqual(["bob@example.com", "@corp.test"]);
  });

  it("checks SESSION_MAX_AGE_HOURS", () => {
    expect(parseEnv({ ...BASE_ENV, SESSION_MAX_AGE_HOURS: "12" }).SESSION_MAX_AGE_HOURS).toBe(12);
    expect(realWith({ SESSION_MAX_AGE_HOURS: "0" })).toThrow(
      /SESSION_MAX_AGE_HOURS must be at least 1/,
    );
  });

  it("needs no auth settings in demo mode", () => {
    expect(() => parseEnv(demoAuth)).not.toThrow();
  });

  it("refuses demo mode against a non-local Qlik URL", () => {
    expect(() => parseEnv({ ...BASE_ENV, ATLAS_DEMO: "true" })).toThrow(
      /ATLAS_DEMO is only allowed with the built-in simulator/,
    );
  });
});
