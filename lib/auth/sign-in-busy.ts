import { describeSignInError, signInBusyRetryAt } from "./sign-in-errors";

// next-auth turns an error thrown by authorize() into a redirect (or, for its own fetch, JSON
// `{ url }`) to the sign-in page with `?error=<message>`, always with the same status. When the
// local sign-in was turned away because every password check slot was busy (`SignInBusy:<when>`),
// the answer becomes a real 429 with Retry-After instead, keeping `url` so next-auth's signIn()
// in the browser still reads the error code from it.

/** True for next-auth's credentials callback of the local admin (POST /api/auth/callback/local). */
export function isLocalSignInCallback(method: string, segments: unknown): boolean {
  return (
    method === "POST" &&
    Array.isArray(segments) &&
    segments[0] === "callback" &&
    segments[1] === "local"
  );
}

/** `response` as a 429 when it reports SignInBusy; otherwise unchanged. */
export async function busyAsTooManyRequests(response: Response, origin: string): Promise<Response> {
  const target = response.headers.get("location") ?? (await jsonUrl(response));
  if (!target) return response;
  let code: string | null;
  try {
    code = new URL(target, origin).searchParams.get("error");
  } catch {
    return response;
  }
  const retryAt = signInBusyRetryAt(code);
  if (retryAt === null) return response;
  const headers = new Headers({
    "cache-control": "no-store",
    "retry-after": String(Math.max(1, Math.ceil((retryAt - Date.now()) / 1000))),
  });
  for (const cookie of response.headers.getSetCookie()) headers.append("set-cookie", cookie);
  const message = describeSignInError(code) ?? "Try again in a few seconds.";
  return Response.json(
    { error: { code: "rate_limited", message }, url: new URL(target, origin).toString() },
    { status: 429, headers },
  );
}

async function jsonUrl(response: Response): Promise<string | null> {
  if (!response.headers.get("content-type")?.includes("application/json")) return null;
  try {
    const body = (await response.clone().json()) as { url?: unknown };
    return typeof body.url === "string" ? body.url : null;
  } catch {
    return null;
  }
}
