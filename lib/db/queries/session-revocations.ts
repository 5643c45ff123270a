import "server-only";
import { and, eq, gt, gte, lte, or } from "drizzle-orm";
import { toMs } from "../rows";
import type { Storage } from "../types";
import type { QueryDb } from "./db";

// The session deny-list. Sessions are JWT cookies that no server keeps, so ending one early means
// remembering it here until it would have ended anyway; every instance reads the same rows.
// "session" rows name one session by its id (sign-out); "person" rows cut off every session of an
// email that signed in at or before `revoked_at` (an admin ending all of them).

type RevocationMethods = Pick<
  Storage,
  "revokeSession" | "revokeSessionsOf" | "isSessionRevoked" | "purgeSessionRevocations"
>;

const now = (at: string | undefined) => (at ? toMs(at) : Date.now());

export function sessionRevocationQueries({ db, t }: QueryDb): RevocationMethods {
  const revocations = t.sessionRevocations;
  return {
    async revokeSession({ sessionId, expiresAt, at }) {
      await db
        .insert(revocations)
        .values({
          kind: "session",
          subject: sessionId,
          revokedAt: now(at),
          expiresAt: toMs(expiresAt),
        })
        .onConflictDoNothing();
    },

    async revokeSessionsOf({ email, expiresAt, at }) {
      const when = now(at);
      const until = toMs(expiresAt);
      await db
        .insert(revocations)
        .values({ kind: "person", subject: email, revokedAt: when, expiresAt: until })
        .onConflictDoUpdate({
          target: [revocations.kind, revocations.subject],
          set: { revokedAt: when, expiresAt: until },
          // Two instances, a clock apart: the later cut-off wins whichever arrives last.
          setWhere: lte(revocations.revokedAt, when),
        });
    },

    async isSessionRevoked({ sessionId, email, signedInAt }, at) {
      const [hit] = await db
        .select({ kind: revocations.kind })
        .from(revocations)
        .where(
          and(
            gt(revocations.expiresAt, now(at)),
            or(
              and(eq(revocations.kind, "session"), eq(revocations.subject, sessionId)),
              and(
                eq(revocations.kind, "person"),
                eq(revocations.subject, email),
                gte(revocations.revokedAt, toMs(signedInAt)),
              ),
            ),
          ),
        )
        .limit(1);
      return hit !== undefined;
    },

    async purgeSessionRevocations(at) {
      const gone = await db
        .delete(revocations)
        .where(lte(revocations.expiresAt, now(at)))
        .returning({ kind: revocations.kind });
      return gone.length;
    },
  };
}
