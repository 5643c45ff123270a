// The id that ties an answer to the log lines written while it was made: the caller's own
// `X-Request-Id` when it is well-formed (a load balancer's or a client's, so one id follows the
// request through every hop), a new one otherwise. Used by proxy.ts (pages and API) and by withRoute
// (API answers, also without the proxy), so it stays free of Node.js-only imports.

export const REQUEST_ID_HEADER = "x-request-id";

/** 1–128 characters a log line and a header carry as they are: no spaces, quotes or newlines. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

export function isWellFormedRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && WELL_FORMED.test(value);
}

/** The request's own well-formed id, or a new random one. */
export function requestIdOf(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return isWellFormedRequestId(given) ? given : crypto.randomUUID();
}
