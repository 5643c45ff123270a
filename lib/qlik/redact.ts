import "server-only";

// Keeps the client secret and access tokens out of every error message, cause and log line.
// The token module registers each secret value it handles; errors from lower layers (undici,
// JSON.parse: its message quotes the start of the text it failed on) are rebuilt with the values
// replaced before they are attached as a `cause`.

const MAX_TOKENS = 8;
const MASK = "[redacted]";

export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly tokens: string[] = [];

  /** `onValue` hears every new secret value too (the app passes lib/log's maskInLogs). */
  constructor(private readonly onValue?: (value: string) => void) {}

  /** A long-lived secret (the client secret). Values under 4 characters would mask noise: ignored. */
  addSecret(value: string | undefined | null): void {
    if (!value || value.length < 4 || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.onValue?.(value);
  }

  /** An access token; only the last few are remembered (older ones have expired long ago). */
  addToken(value: string | undefined | null): void {
    if (!value || value.length < 4 || this.tokens.includes(value)) return;
    this.tokens.push(value);
    if (this.tokens.length > MAX_TOKENS) this.tokens.shift();
    this.onValue?.(value);
  }

  redact(text: string): string {
    let out = text;
    for (const value of [...this.secrets, ...this.tokens]) {
      if (out.includes(value)) out = out.split(value).join(MASK);
    }
    return out;
  }

  /** `value` with every string inside (to a small depth) redacted; for log fields. */
  redactValue(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return this.redact(value);
    if (depth > 3 || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v, depth + 1));
    if (value instanceof Error) return this.sanitizeCause(value);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, this.redactValue(v, depth + 1)]),
    );
  }

  /**
   * Last line of defence before an error leaves the client: redacts its message, stack and string
   * fields in place (and those of its cause chain), in case any text came from a hostile upstream.
   */
  scrubError<E>(error: E, depth = 0): E {
    if (!(error instanceof Error) || depth > 4) return error;
    const target = error as Error & Record<string, unknown>;
    for (const key of ["message", "stack", ...Object.keys(target)]) {
      const current = target[key];
      const next = typeof current === "string" ? this.redact(current) : undefined;
      const cleaned =
        next ??
        (key !== "cause" && typeof current === "object" && current !== null
          ? this.redactValue(current)
          : current);
      if (cleaned !== current) {
        Object.defineProperty(target, key, {
          value: cleaned,
          writable: true,
          configurable: true,
          enumerable: Object.prototype.propertyIsEnumerable.call(target, key),
        });
      }
    }
    if (target.cause !== undefined) this.scrubError(target.cause, depth + 1);
    return error;
  }

  /**
   * A copy of `error` that is safe to attach and serialize: an Error with the same name, code and
   * (redacted) message, whose own cause is sanitized too. Non-errors become a short description.
   */
  sanitizeCause(error: unknown, depth = 0): Error | undefined {
    if (error === undefined || error === null) return undefined;
    if (!(error instanceof Error)) return new Error(this.redact(String(error)).slice(0, 500));
    const copy = new Error(this.redact(error.message).slice(0, 1000));
    copy.name = error.name;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" || typeof code === "number") {
      (copy as Error & { code?: string | number }).code = code;
    }
    // The copy's stack points here, not into undici; the original stack may repeat the message.
    copy.stack = `${copy.name}: ${copy.message}\n    (sanitized cause)`;
    if (depth < 3 && error.cause !== undefined) {
      Object.defineProperty(copy, "cause", {
        value: this.sanitizeCause(error.cause, depth + 1),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
}
