import { AlertCircle } from "lucide-react";
import { ApiRequestError, errorAdvice } from "@/lib/api-client/fetch-json";

/** What the server said about a failed change, in plain words; the server names a bad field. */
export function plainError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return "Your session has ended. Sign in again, then try once more.";
    if (error.status === 400 || error.status === 403 || error.status === 404) return error.message;
  }
  return errorAdvice(error).message;
}

/** A failed submit inside a dialog: "Could not <action>. <why>". */
export function FormError({ error, action }: { error: unknown; action: string }) {
  if (!error) return null;
  return (
    <p
      role="alert"
      className="flex items-start gap-2 rounded-md border border-rose-300 bg-rose-50 p-2 text-sm text-rose-950 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100"
      data-testid="form-error"
    >
      <AlertCircle aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>
        Could not {action}. {plainError(error)}
      </span>
    </p>
  );
}
