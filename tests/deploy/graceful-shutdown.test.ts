// What SIGTERM does in the server (lib/runtime/graceful-shutdown.ts), on a plain node:http server:
// no new connections, the request in flight finishes, then the app's clean-up, then exit 0; a
// request that outlives the deadline has its connection closed and the clean-up still runs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type * as ShutdownModuleNamespace from "@/lib/runtime/graceful-shutdown";
import { dropGlobalSingleton } from "@/lib/runtime/global-singleton";

type ShutdownModule = typeof ShutdownModuleNamespace;

let mod: ShutdownModule;
let server: http.Server;
let port: number;
let release: () => void;
const events: string[] = [];

beforeEach(async () => {
  events.length = 0;
  // A fresh module and state for each case (shutdown() runs once per process).
  dropGlobalSingleton("graceful-shutdown");
  dropGlobalSingleton("graceful-shutdown:watching");
  vi.resetModules();
  mod = await import("@/lib/runtime/graceful-shutdown");
  mod.watchHttpServers();
  const held = new Promise<void>((resolve) => (release = resolve));
  server = http.createServer((req, res) => {
    if (req.url === "/slow")
      void held.then(() => {
        events.push("slow request answered");
        res.end("done");
      });
    else res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => {
  release();
  server.closeAllConnections();
  server.close();
});

const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const logger = {
  info: (_o: Record<string, unknown>, msg?: string) => events.push(`info ${msg}`),
  warn: (_o: Record<string, unknown>, msg?: string) => events.push(`warn ${msg}`),
  error: (_o: Record<string, unknown>, msg?: string) => events.push(`error ${msg}`),
};

describe("graceful shutdown", () => {
  it("refuses new connections, finishes the request in flight, cleans up, then exits 0", async () => {
    // Keep-alive connection that served a request: must not hold the shutdown up.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      http.get(url("/"), { agent }, (res) => res.resume().on("end", resolve)),
    );
    const slow = fetch(url("/slow")).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50)); // the slow request has reached the handler

    const exit = vi.fn();
    const done = mod.shutdown("SIGTERM", {
      logger,
      exit,
      cleanup: async () => {
        events.push("cleanup");
      },
    });
    await vi.waitFor(() => expect(server.listening).toBe(false));
    await expect(fetch(url("/"))).rejects.toThrow();
    expect(exit).not.toHaveBeenCalled();

    release();
    expect(await slow).toBe("done");
    await done;
    expect(events).toEqual([
      "info stopping: finishing the requests in flight",
      "slow request answered",
      "cleanup",
      "info stopped",
    ]);
    expect(exit).toHaveBeenCalledWith(0);
    // A second signal joins the first.
    await mod.shutdown("SIGINT", { logger, exit, cleanup: async () => {} });
    expect(exit).toHaveBeenCalledTimes(1);
    agent.destroy();
  });

  it("closes connections still busy at the deadline and still cleans up", async () => {
    await fetch(url("/")); // the server is known from its first request
    const slow = fetch(url("/slow")).catch(() => "connection closed");
    await new Promise((r) => setTimeout(r, 50));
    const exit = vi.fn();
    await mod.shutdown("SIGTERM", {
      logger,
      exit,
      drainMs: 200,
      cleanup: async () => {
        events.push("cleanup");
      },
    });
    expect(await slow).toBe("connection closed");
    expect(events).toEqual([
      "info stopping: finishing the requests in flight",
      "warn requests still running at the deadline: closing their connections",
      "cleanup",
      "info stopped",
    ]);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it("exits even when the clean-up hangs or fails", async () => {
    const exit = vi.fn();
    await mod.shutdown("SIGTERM", {
      logger,
      exit,
      cleanupMs: 100,
      cleanup: () => new Promise(() => {}),
    });
    expect(events).toContain("warn clean-up did not finish in time");
    expect(exit).toHaveBeenCalledWith(0);
  });
});
