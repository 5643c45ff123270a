import "server-only";
import { getEnv } from "@/lib/config/env";
import type { ClientCredentials } from "./options";

// The only module that reads the organization OAuth client secrets. Nothing else may import
// process.env.QLIK_CLIENT_SECRET or QLIK_CLIENT_SECRET_NEXT; the token module asks this one when
// it needs a token. QLIK_CLIENT_SECRET_NEXT is the client's second secret during a rotation: tried
// only when Qlik refuses the first (see token.ts).
export function getClientCredentials(): ClientCredentials {
  const env = getEnv();
  const clientId = env.QLIK_CLIENT_ID;
  const clientSecret = process.env.QLIK_CLIENT_SECRET;
  // getEnv() already refused a start without them; this guards direct callers in tests.
  if (!clientId || !clientSecret)
    throw new Error("QLIK_CLIENT_ID and QLIK_CLIENT_SECRET must be set");
  const nextClientSecret = process.env.QLIK_CLIENT_SECRET_NEXT;
  if (!nextClientSecret?.trim()) return { clientId, clientSecret };
  return { clientId, clientSecret, nextClientSecret };
}
