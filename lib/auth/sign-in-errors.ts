// The error codes the sign-in flow can end with, and the sentence a person sees for each. Shared by
// the server (which produces the codes) and the sign-in form (which shows the sentences).
// next-auth passes an authorize() error's message through as `?error=<code>`.

const RATE_LIMITED = "RateLimited";
export const SIGN_IN_BUSY = "SignInBusy";
export const DEMO_UNAVAILABLE = "DemoUnavailable";

/** `RateLimited:<epoch seconds when a retry is allowed>` */
export function rateLimitedCode(retryAtMs: number): string {
  return `${RATE_LIMITED}:${Math.ceil(retryAtMs / 1000)}`;
}

/** `SignInBusy:<epoch seconds>`: every password check slot was taken; try again then. */
export function signInBusyCode(retryAtMs: number): string {
  return `${SIGN_IN_BUSY}:${Math.ceil(retryAtMs / 1000)}`;
}

/** When a `SignInBusy:<…>` code says to retry (epoch ms), or null for any other code. */
export function signInBusyRetryAt(code: string | null | undefined): number | null {
  if (!code?.startsWith(`${SIGN_IN_BUSY}:`)) return null;
  const seconds = Number(code.slice(SIGN_IN_BUSY.length + 1));
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

function retryText(code: string, now: number): string {
  const retryAt = Number(code.split(":")[1]) * 1000;
  if (!Number.isFinite(retryAt) || retryAt <= now) return "Try again now.";
  if (retryAt - now < 60_000) {
    const seconds = Math.ceil((retryAt - now) / 1000);
    return `Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  }
  const minutes = Math.max(1, Math.round((retryAt - now) / 60_000));
  const clock = new Date(retryAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return `Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (at ${clock}).`;
}

/** The message for `?error=<code>`, or null when there is no error. */
export function describeSignInError(
  code: string | null | undefined,
  context: { idpName?: string | undefined; now?: number } = {},
): string | null {
  if (!code) return null;
  const idp = context.idpName ?? "your identity provider";
  if (code.startsWith(RATE_LIMITED))
    return `Too many failed sign-in attempts. ${retryText(code, context.now ?? Date.now())}`;
  if (code.startsWith(SIGN_IN_BUSY))
    return `Too many sign-ins are being checked right now. ${retryText(code, context.now ?? Date.now())}`;
  switch (code) {
    case "CredentialsSignin":
      return "Wrong email or password.";
    case DEMO_UNAVAILABLE:
      return "Demo sign-in is only available when Tenant Atlas runs on its built-in simulator.";
    case "OAuthSignin":
      return `Could not reach ${idp}. Try again in a moment, or use another sign-in option.`;
    case "OAuthCallback":
    case "Callback":
      return `Signing in with ${idp} did not complete. Try again; if it keeps failing, ask your administrator to check the Tenant Atlas log.`;
    case "AccessDenied":
      return `${idp} did not share a verified email address, which Tenant Atlas needs to decide your access.`;
    case "OAuthAccountNotLinked":
    case "OAuthCreateAccount":
      return `Signing in with ${idp} was refused.`;
    case "SessionRequired":
      return "Sign in to continue.";
    case "Configuration":
      return "Sign-in is not set up correctly on the server. Ask your administrator to check the Tenant Atlas log.";
    default:
      return "Sign-in failed. Try again.";
  }
}
