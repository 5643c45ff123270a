// The one way the browser calls Tenant Atlas's own API. Errors become ApiRequestError carrying the
// API's `{ error: { code, message } }`, so the UI can say what happened and what to do next.

export class ApiRequestError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
  }
}

const UNREACHABLE =
  "Tenant Atlas could not be reached. Check your network connection, then try again.";

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  let code = "http_error";
  let message = `The server answered ${response.status} ${response.statusText}.`.trim();
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === "string") code = body.error.code;
    if (typeof body.error?.message === "string" && body.error.message) message = body.error.message;
  } catch {
    // Not our JSON (a proxy's error page): keep the status line.
  }
  return new ApiRequestError(response.status, code, message);
}

export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: "same-origin",
      ...init,
      headers: { accept: "application/json", ...init.headers },
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiRequestError(0, "network_error", UNREACHABLE);
  }
  if (!response.ok) throw await errorFrom(response);
  // 204 No Content (a DELETE): nothing to parse.
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** What to tell the person, beyond the server's own message. */
export function errorAdvice(error: unknown): {
  title: string;
  message: string;
  action: "retry" | "signin" | "reset" | "none";
} {
  if (error instanceof ApiRequestError) {
    switch (error.code) {
      case "unauthorized":
        return {
          title: "Your session has ended",
          message: "Sign in again to continue.",
          action: "signin",
        };
      case "forbidden":
      case "no_access":
        return { title: "No access", message: error.message, action: "none" };
      case "bad_request":
        return {
          title: "This link has a setting Tenant Atlas cannot read",
          message: `${error.message} Reset the view to start again.`,
          action: "reset",
        };
      case "not_found":
        return { title: "Not found", message: error.message, action: "none" };
      case "share_revoked":
        return {
          title: "This link has been revoked",
          message: "The person who shared it has turned it off. Ask them for a new link.",
          action: "none",
        };
      case "share_expired":
        return {
          title: "This link has expired",
          message: "Ask the person who shared it for a new link.",
          action: "none",
        };
      case "export_not_allowed":
        return { title: "Export is not allowed", message: error.message, action: "none" };
      case "rate_limited":
        return {
          title: "Too many requests",
          message: `${error.message} Wait a moment, then try again.`,
          action: "retry",
        };
      case "network_error":
        return { title: "Tenant Atlas is not reachable", message: error.message, action: "retry" };
      default:
        return {
          title: "Something went wrong",
          message: `${error.message} Try again in a minute.`,
          action: "retry",
        };
    }
  }
  return {
    title: "Something went wrong",
    message: "An unexpected error happened in the page. Try again; reload the page if it persists.",
    action: "retry",
  };
}
