// The OAuth client's secrets. Qlik lets one client hold several secrets at a time (five at most),
// which is how a secret is rotated without downtime: create a second one, give it to the app,
// delete the first. The simulator keeps the same rules; /__sim/client-secrets adds and revokes
// secrets while it runs, so the app's switch to QLIK_CLIENT_SECRET_NEXT can be watched live.
import { createHash, timingSafeEqual } from "node:crypto";
import { ApiError } from "./errors";

/** As many secrets as Qlik lets one OAuth client hold. */
export const MAX_CLIENT_SECRETS = 5;

const digest = (s: string) => createHash("sha256").update(s).digest();

export class ClientSecrets {
  private readonly secrets: Buffer[] = [];
  /** The last four characters of each secret, for the admin listing (never the secret itself). */
  private readonly hints: string[] = [];

  constructor(initial: readonly string[]) {
    for (const secret of initial) this.add(secret);
  }

  /** True when `secret` is one of the live secrets; compares against every one in constant time. */
  matches(secret: string): boolean {
    const presented = digest(secret);
    let found = false;
    for (const known of this.secrets) found = timingSafeEqual(presented, known) || found;
    return found;
  }

  /** Adds a secret; 400 past MAX_CLIENT_SECRETS or for an empty one, 409 when it is already live. */
  add(secret: string): void {
    if (typeof secret !== "string" || secret.length === 0)
      throw new ApiError(400, "secret must be a non-empty string.", { title: "Invalid secret" });
    if (this.matches(secret))
      throw new ApiError(409, "The client already has this secret.", { title: "Conflict" });
    if (this.secrets.length >= MAX_CLIENT_SECRETS)
      throw new ApiError(
        400,
        `An OAuth client can have at most ${MAX_CLIENT_SECRETS} secrets; revoke one first.`,
        { title: "Too many secrets" },
      );
    this.secrets.push(digest(secret));
    this.hints.push(`…${secret.slice(-4)}`);
  }

  /** Revokes a secret: token requests with it answer 401 from now on. False when it is not live. */
  revoke(secret: string): boolean {
    const presented = digest(secret);
    const index = this.secrets.findIndex((known) => timingSafeEqual(presented, known));
    if (index < 0) return false;
    this.secrets.splice(index, 1);
    this.hints.splice(index, 1);
    return true;
  }

  /** `{count, hints}` for GET /__sim/client-secrets. */
  describe(): { count: number; hints: string[] } {
    return { count: this.secrets.length, hints: [...this.hints] };
  }
}
