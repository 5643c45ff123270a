import "server-only";
import { getEnv } from "@/lib/config/env";
import { log, maskInLogs } from "@/lib/log";
import { dropGlobalSingleton, globalSingleton } from "@/lib/runtime/global-singleton";
import { createQlikClient, type QlikClient } from "./client";
import { getClientCredentials } from "./credentials";

// The app's Organization API client: one per process, configured from the environment, cached on
// globalThis so Next.js dev reloads reuse it (and its token, budget and rate-limit hold).

export { createQlikClient } from "./client";
export type {
  ListTenantsOptions,
  OperationOptions,
  QlikClient,
  TenantPage,
  TenantSort,
  TenantSortField,
} from "./client";
export { TENANT_SORT_FIELDS } from "./client";
export * from "./errors";
export type {
  ClientCredentials,
  FetchLike,
  QlikClientOptions,
  QlikLimitOptions,
  QlikLogger,
  QlikRetryOptions,
  QlikTimeoutOptions,
} from "./options";
export { DEFAULT_LIMITS, DEFAULT_RETRY, DEFAULT_TIMEOUTS } from "./options";
export type { BudgetLimit, Tier } from "./rate-limit";
export { scim, SCIM_ATTRIBUTES, SCIM_OPERATORS, isScimFilter } from "./scim";
export type { ScimAttribute, ScimFilter, ScimOperator, ScimValue } from "./scim";
export { createRequestStats } from "./stats";
export type { QlikClientStats, QlikOperation, RequestStats } from "./stats";

const KEY = "qlik-client";

export function getQlikClient(): QlikClient {
  return globalSingleton(KEY, () => {
    const env = getEnv();
    return createQlikClient({
      baseUrl: env.QLIK_BASE_URL,
      credentials: getClientCredentials,
      logger: log("qlik"),
      maskSecret: maskInLogs,
    });
  });
}

/** For tests that change the environment between cases. */
export async function resetQlikClientForTests(): Promise<void> {
  await dropGlobalSingleton<QlikClient>(KEY)?.close();
}
