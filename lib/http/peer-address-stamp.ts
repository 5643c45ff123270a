import "server-only";
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { globalSingleton } from "@/lib/runtime/global-singleton";
import { PEER_HEADER, peerStamp } from "./client-address";

// Records each request's socket address where route handlers can read it (clientIpFrom()).
// Node.js publishes "http.server.request.start" for every request its HTTP server parses, with
// the socket, synchronously before the server's "request" event, so before Next.js reads a header.
// The subscriber overwrites PEER_HEADER, whatever the client sent under that name, with a
// per-process token and the socket's address. Next.js passes request headers through unchanged to
// route handlers, pages (`headers()`), the proxy and next-auth's authorize(), so this needs
// neither a custom server nor a second code path. instrumentation.ts installs it at start-up.

const CHANNEL = "http.server.request.start";

type RequestStart = { request: IncomingMessage; socket: Socket };

/** Stamps `request` with its socket's address (what the subscriber does for every request). */
export function stampPeerAddress({ request, socket }: RequestStart): void {
  request.headers[PEER_HEADER] = peerStamp(socket.remoteAddress);
}

function onRequestStart(message: unknown): void {
  stampPeerAddress(message as RequestStart);
}

/** Subscribes once per process (instrumentation and dev reloads may call it again). */
export function installPeerAddressStamp(): void {
  globalSingleton("client-address:peer-stamp", () => {
    diagnosticsChannel.subscribe(CHANNEL, onRequestStart);
    return true;
  });
}
