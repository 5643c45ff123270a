// A route's answer as plain data: what withRoute turns into a web Response for Next.js, and what
// the direct routes of server.mjs write straight to the socket (lib/http/direct-routes.ts) without
// building a Response at all. Route handlers may return either; hot JSON routes return a Reply.

export type Reply = {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Text, bytes, or byte chunks sent one after the other. */
  body: string | Uint8Array | readonly Uint8Array[];
};

export function isReply(value: Response | Reply): value is Reply {
  return !(value instanceof Response);
}

/** A JSON reply; `body` already serialized (bytes or text) is sent as is. */
export function jsonReply(
  body: Reply["body"],
  init: { status?: number; headers?: Record<string, string> } = {},
): Reply {
  return {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", ...init.headers },
    body,
  };
}

/** The body as one buffer (chunks joined). */
export function replyBytes(reply: Reply): Buffer {
  const { body } = reply;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.concat(body);
}

export function replyToResponse(reply: Reply): Response {
  const body = typeof reply.body === "string" ? reply.body : new Uint8Array(replyBytes(reply));
  return new Response(body, { status: reply.status, headers: reply.headers });
}
