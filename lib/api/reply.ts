// A route's answer as plain data: what withRoute turns into a web Response for Next.js, and what
// the direct routes of server.mjs write straight to the socket (lib/http/direct-routes.ts) without
// building a Response at all. Route handlers may return either; hot JSON routes return a Reply.

export type Reply = {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array | string;
};

export function isReply(value: Response | Reply): value is Reply {
  return !(value instanceof Response);
}

/** A JSON reply; `body` already serialized (bytes or text) is sent as is. */
export function jsonReply(
  body: Uint8Array | string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Reply {
  return {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", ...init.headers },
    body,
  };
}

export function replyToResponse(reply: Reply): Response {
  const body = typeof reply.body === "string" ? reply.body : new Uint8Array(reply.body);
  return new Response(body, { status: reply.status, headers: reply.headers });
}
