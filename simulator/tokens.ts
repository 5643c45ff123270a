// Issued access tokens: random, unguessable strings mapped to their client and expiry. Expired
// tokens are forgotten when seen or when the table grows.
import { randomBytes } from "node:crypto";

export interface IssuedToken {
  token: string;
  clientId: string;
  expiresAt: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  constructor(private readonly ttlSeconds: number) {}

  issue(clientId: string, now = Date.now()): IssuedToken {
    if (this.tokens.size > 10_000) this.prune(now);
    const issued = {
      token: randomBytes(32).toString("base64url"),
      clientId,
      expiresAt: now + this.ttlSeconds * 1000,
    };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  /** The live token, or why it is refused. */
  check(token: string, now = Date.now()): IssuedToken | "unknown" | "expired" {
    const found = this.tokens.get(token);
    if (!found) return "unknown";
    if (found.expiresAt <= now) {
      this.tokens.delete(token);
      return "expired";
    }
    return found;
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  private prune(now: number): void {
    for (const [key, t] of this.tokens) if (t.expiresAt <= now) this.tokens.delete(key);
  }
}
