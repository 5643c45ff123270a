import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { BASE_ENV } from "./support";

// Item 7 of the auth issue: with real Qlik credentials the start stops, naming the setting, when
// sign-in is not set up; demo mode needs no auth settings at all.
const real = (overrides: Record<string, string | undefined>) => {
  const env: Record<string, string | undefined> = { ...BASE_ENV, ...overrides };
  return () => parseEnv(env);
};
const demo = { QLIK_BASE_URL: "http://localhost:4610", ATLAS_DEMO: "true" };

describe("auth settings", () => {
  it("accepts a complete production configuration", () => {
    const env = parseEnv(BASE_ENV);
    expect(env.ATLAS_ADMINS).toEqual(["ada@example.com"]);
    expect(env.SESSION_MAX_AGE_HOURS).toBe(8);
    expect(env).not.toHaveProperty("QLIK_CLIENT_SECRET");
  });

  it("stops without NEXTAUTH_SECRET when using real credentials", () => {
    expect(real({ NEXTAUTH_SECRET: undefined })).toThrow(EnvError);
    expect(real({ NEXTAUTH_SECRET: undefined })).toThrow(
      /NEXTAUTH_SECRET is not set: generate one/,
    );
  });

  it("stops with a too-short NEXTAUTH_SECRET", () => {
    expect(real({ NEXTAUTH_SECRET: "short" })).toThrow(
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
    expect(real(none)).toThrow(/AUTH_OIDC_ISSUER no sign-in method/);
  });

  it("accepts either sign-in method alone", () => {
    expect(
      real({
        AUTH_OIDC_ISSUER: undefined,
        AUTH_OIDC_CLIENT_ID: undefined,
        AUTH_OIDC_CLIENT_SECRET: undefined,
      }),
    ).not.toThrow();
    expect(
      real({ ATLAS_ADMIN_EMAIL: undefined, ATLAS_ADMIN_PASSWORD_HASH: undefined }),
    ).not.toThrow();
  });

  it("needs the OIDC client id and secret with an issuer", () => {
    expect(real({ AUTH_OIDC_CLIENT_SECRET: "" })).toThrow(/AUTH_OIDC_CLIENT_SECRET is not set/);
    expect(real({ AUTH_OIDC_CLIENT_ID: "" })).toThrow(/AUTH_OIDC_CLIENT_ID is not set/);
    expect(real({ AUTH_OIDC_ISSUER: "login.example.com" })).toThrow(
      /AUTH_OIDC_ISSUER must be the issuer URL/,
    );
  });

  it("needs both halves of the local admin", () => {
    expect(real({ ATLAS_ADMIN_PASSWORD_HASH: undefined })).toThrow(
      /ATLAS_ADMIN_PASSWORD_HASH is not set/,
    );
    expect(real({ ATLAS_ADMIN_EMAIL: undefined })).toThrow(/ATLAS_ADMIN_EMAIL is not set/);
    expect(real({ ATLAS_ADMIN_EMAIL: "root" })).toThrow(
      /ATLAS_ADMIN_EMAIL must be an email address/,
    );
  });

  it("refuses a password instead of a hash, and accepts our scrypt format", () => {
    expect(real({ ATLAS_ADMIN_PASSWORD_HASH: "hunter2" })).toThrow(
      /must be a bcrypt or scrypt hash/,
    );
    expect(real({ ATLAS_ADMIN_PASSWORD_HASH: "scrypt$131072$8$1$c2FsdA$aGFzaA" })).not.toThrow();
  });

  it("refuses list entries that are neither an email nor an @domain", () => {
    expect(real({ ATLAS_VIEWERS: "bob@example.com, example.com" })).toThrow(
      /ATLAS_VIEWERS has "example.com", which is neither an email/,
    );
    expect(
      parseEnv({ ...BASE_ENV, ATLAS_VIEWERS: " Bob@Example.com ,@Corp.Test " }).ATLAS_VIEWERS,
    ).toEqual(["bob@example.com", "@corp.test"]);
  });

  it("checks SESSION_MAX_AGE_HOURS", () => {
    expect(parseEnv({ ...BASE_ENV, SESSION_MAX_AGE_HOURS: "12" }).SESSION_MAX_AGE_HOURS).toBe(12);
    expect(real({ SESSION_MAX_AGE_HOURS: "0" })).toThrow(
      /SESSION_MAX_AGE_HOURS must be at least 1/,
    );
  });

  it("needs no auth settings in demo mode", () => {
    expect(() => parseEnv(demo)).not.toThrow();
  });

  it("refuses demo mode against a non-local Qlik URL", () => {
    expect(() => parseEnv({ ...BASE_ENV, ATLAS_DEMO: "true" })).toThrow(
      /ATLAS_DEMO is only allowed with the built-in simulator/,
    );
  });
});
