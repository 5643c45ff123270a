import "server-only";
import type { UserPrincipal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { log } from "@/lib/log";

// What alert rule changes leave in the audit log ("alert.rule.create", "alert.rule.update",
// "alert.rule.delete", "alert.rule.test"): the rule and where its channels send, never a secret.
// A failed audit write is logged, never the request's end.

export interface Actor {
  user: UserPrincipal;
  /** The client address, for the audit log. */
  address: string;
}

export async function auditAlertRule(
  action: string,
  actor: Actor,
  details: Record<string, unknown>,
) {
  try {
    await recordAudit({
      actor: actor.user.email,
      action,
      details: { ...details, address: actor.address },
    });
  } catch (err) {
    log("alerts").error({ err, action }, "could not record an alert rule change in the audit log");
  }
}
