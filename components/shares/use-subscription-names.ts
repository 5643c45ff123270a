"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { subscriptionsOptions } from "@/lib/api-client/annotations";
import type { SubscriptionNames } from "./view-summary";

/**
 * The team's subscription names by id (GET /api/subscriptions), fetched only when `wanted` (a view
 * that filters by subscription): named subscriptions then read as their names, as in the explorer.
 */
export function useSubscriptionNames(wanted: boolean): SubscriptionNames {
  const subscriptions = useQuery({ ...subscriptionsOptions(), enabled: wanted });
  return useMemo(
    () =>
      new Map((subscriptions.data ?? []).flatMap((s) => (s.name ? [[s.id, s.name] as const] : []))),
    [subscriptions.data],
  );
}
