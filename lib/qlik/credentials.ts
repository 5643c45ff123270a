import "server-only";
import { getEnv } from "@/lib/config/env";

// The only module that reads the organization OAuth client secret. Nothing else may import
// process.env.QLIK_CLIENT_SECRET; the token module asks this one when it needs a token.
export function getClientCredentials(): { clientId: string; clientSecret: string } {
  const env = getEnv();
  const clientId = env.QLIK_CLIENT_ID;
  const clientSecret = process.env.QLIK_CLIENT_SECRET;
  // getEnv() already refused a start without them; this guards direct callers in tests.
  if (!clientId || !clientSecret)
    throw new Error("QLIK_CLIENT_ID and QLIK_CLIENT_SECRET must be set");
  return { clientId, clientSecret };
}
