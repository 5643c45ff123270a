import "server-only";
import { z } from "zod";
import type { Env } from "@/lib/config/schema";
import type { Role } from "./principal";
import { DEMO_UNAVAILABLE } from "./sign-in-errors";

// Demo mode: the app runs against the built-in simulator, and anyone who can open it may try it as
// a demo admin or viewer. Checked again here on the server, not only by hiding the buttons.

export function isDemoMode(env: Pick<Env, "ATLAS_DEMO" | "QLIK_BASE_URL">): boolean {
  if (!env.ATLAS_DEMO) return false;
  const host = new URL(env.QLIK_BASE_URL).hostname;
  return ["localhost", "127.0.0.1", "::1", "[::1]"].includes(host);
}

export const DEMO_USERS: Record<Role, { email: string; name: string }> = {
  admin: { email: "demo-admin@demo.invalid", name: "Demo admin" },
  viewer: { email: "demo-viewer@demo.invalid", name: "Demo viewer" },
};

const demoInput = z.object({ role: z.enum(["admin", "viewer"]) });

export type DemoUser = { id: string; email: string; name: string; demoRole: Role };

/** The demo credentials provider's authorize(): a demo user, or an error outside demo mode. */
export function authorizeDemo(
  credentials: unknown,
  env: Pick<Env, "ATLAS_DEMO" | "QLIK_BASE_URL">,
): DemoUser | null {
  if (!isDemoMode(env)) throw new Error(DEMO_UNAVAILABLE);
  const parsed = demoInput.safeParse(credentials);
  if (!parsed.success) return null;
  const role = parsed.data.role;
  return { id: `demo-${role}`, ...DEMO_USERS[role], demoRole: role };
}
