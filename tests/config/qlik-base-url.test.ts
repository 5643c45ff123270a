// QLIK_BASE_URL receives the client secret with every token request: http:// is refused unless the
// host is this machine, however the host is spelled. The Qlik client repeats the check, so a caller
// that bypasses the settings cannot send the secret in clear text either.
import { describe, expect, it } from "vitest";
import { isLoopbackHostname, isSafeTransportUrl } from "@/lib/config/loopback";
import { EnvError, parseEnv } from "@/lib/config/schema";
import { createQlikClient } from "@/lib/qlik";

const real = {
  QLIK_CLIENT_ID: "abc",
  QLIK_CLIENT_SECRET: "very-secret-value",
  NEXTAUTH_SECRET: "x".repeat(32),
  ATLAS_ADMIN_EMAIL: "ops@example.com",
  ATLAS_ADMIN_PASSWORD_HASH: "$2b$12$" + "a".repeat(53),
};

function refusal(url: string): string | null {
  try {
    parseEnv({ ...real, QLIK_BASE_URL: url });
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
}

const CLEAR_TEXT_ELSEWHERE = [
  "http://console.qlikcloud.com",
  "http://acme.eu.qlikcloud.com",
  "HTTP://console.qlikcloud.com",
  "http://10.0.0.5:4010",
  "http://192.168.1.20",
  "http://0.0.0.0:4010",
  "http://127.0.0.1.nip.io",
  "http://localhost.example.com",
  "http://[::ffff:10.0.0.1]",
  "http://[2001:db8::1]",
];

const LOOPBACK = [
  "http://localhost:4010",
  "http://LOCALHOST:4010",
  "http://127.0.0.1:4010",
  "http://127.1:4010",
  "http://127.255.255.254",
  "http://2130706433:4010",
  "http://[::1]:4010",
  "http://[0:0:0:0:0:0:0:1]:4010",
];

describe("QLIK_BASE_URL", () => {
  it.each(CLEAR_TEXT_ELSEWHERE)("refuses http:// to a host off this machine: %s", (url) => {
    const message = refusal(url);
    expect(message).toContain("QLIK_BASE_URL must start with https://");
    expect(message).toContain("http:// only on this machine");
  });

  it.each(LOOPBACK)("accepts http:// on loopback: %s", (url) => {
    expect(refusal(url)).toBeNull();
  });

  it("accepts https:// anywhere and keeps the default", () => {
    expect(
      parseEnv({ ...real, QLIK_BASE_URL: "https://acme.eu.qlikcloud.com/" }).QLIK_BASE_URL,
    ).toBe("https://acme.eu.qlikcloud.com");
    expect(parseEnv(real).QLIK_BASE_URL).toBe("https://console.qlikcloud.com");
  });

  it("refuses other schemes", () => {
    expect(refusal("ftp://localhost/")).toContain("QLIK_BASE_URL must start with https://");
  });
});

describe("the loopback test", () => {
  it("knows localhost, 127.0.0.0/8 and ::1 only", () => {
    expect(isLoopbackHostname("localhost")).toBe(true);
    expect(isLoopbackHostname("127.0.0.1")).toBe(true);
    expect(isLoopbackHostname("127.10.20.30")).toBe(true);
    expect(isLoopbackHostname("[::1]")).toBe(true);
    expect(isLoopbackHostname("127.0.0.256")).toBe(false);
    expect(isLoopbackHostname("128.0.0.1")).toBe(false);
    expect(isLoopbackHostname("localhost.")).toBe(false);
    expect(isLoopbackHostname("xlocalhost")).toBe(false);
    expect(isSafeTransportUrl("not a url")).toBe(false);
  });
});

describe("the Qlik client", () => {
  const credentials = () => ({ clientId: "c", clientSecret: "s".repeat(16) });

  it.each(CLEAR_TEXT_ELSEWHERE)("will not be created for %s", (baseUrl) => {
    expect(() => createQlikClient({ baseUrl, credentials })).toThrow(/must be https:\/\//);
  });

  it.each(LOOPBACK)("talks http:// to %s", async (baseUrl) => {
    const client = createQlikClient({ baseUrl, credentials });
    await client.close();
  });
});
