import "server-only";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "../signature";
import { clip, type SendResult } from "./result";

// One webhook request: POST the rendered body with the signature headers, at most `timeoutMs`
// (10 s by default), no redirects followed (a 3xx is a failure: the receiver's URL is what an
// admin configured). Only http(s) URLs are ever requested. The error sentences name the host
// only: a Slack or Teams webhook URL carries its credential in the path.

export const WEBHOOK_TIMEOUT_MS = 10_000;
const USER_AGENT = "TenantAtlas-Alerts/1";

export interface WebhookRequest {
  url: string;
  body: string;
  secret: string;
  deliveryId: number;
  timeoutMs?: number;
  /** Unix seconds; default now. */
  timestamp?: number;
  signal?: AbortSignal;
}

function hostOf(url: URL): string {
  return url.host;
}

function networkError(error: unknown, host: string, timeoutMs: number): string {
  const err = error as {
    name?: string;
    cause?: { code?: string; message?: string };
    code?: string;
  };
  if (err?.name === "TimeoutError") return `${host} did not answer within ${timeoutMs / 1000} s`;
  if (err?.name === "AbortError") return `the request to ${host} was interrupted (server stopping)`;
  const code = err?.cause?.code ?? err?.code;
  switch (code) {
    case "ECONNREFUSED":
      return `${host} refused the connection`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${host} could not be resolved (DNS)`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return `${host} closed the connection`;
    case "CERT_HAS_EXPIRED":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `${host}'s TLS certificate was not accepted (${code})`;
    default:
      return `could not reach ${host}${code ? ` (${code})` : ""}`;
  }
}

export async function sendWebhook(req: WebhookRequest): Promise<SendResult> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { ok: false, error: "the webhook URL is not a valid URL", permanent: true };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return {
      ok: false,
      error: "only http:// and https:// webhook URLs are allowed",
      permanent: true,
    };
  const host = hostOf(url);
  const timeoutMs = req.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const timestamp = req.timestamp ?? Math.floor(Date.now() / 1000);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  try {
    const response = await fetch(url, {
      method: "POST",
      redirect: "manual",
      signal,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "user-agent": USER_AGENT,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(req.secret, timestamp, req.body),
        [DELIVERY_HEADER]: String(req.deliveryId),
      },
      body: req.body,
    });
    const status = response.status;
    if (status >= 200 && status < 300) {
      await response.body?.cancel().catch(() => {});
      return { ok: true, httpStatus: status };
    }
    let excerpt = "";
    if (status < 300 || status >= 400) {
      excerpt = await response
        .text()
        .then((t) => clip(t, 200))
        .catch(() => "");
    } else {
      await response.body?.cancel().catch(() => {});
    }
    const what =
      status >= 300 && status < 400
        ? `${host} answered with a redirect (HTTP ${status}); use the final URL`
        : `${host} answered HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`;
    return { ok: false, httpStatus: status, error: excerpt ? `${what}: ${excerpt}` : what };
  } catch (error) {
    // A timeout is reported as such even when the signal wraps it.
    const reason = timeout.aborted ? { name: "TimeoutError" } : error;
    return { ok: false, error: networkError(reason, host, timeoutMs) };
  }
}
