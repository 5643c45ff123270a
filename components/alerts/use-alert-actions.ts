"use client";

// The /alerts page's writes: each refreshes the rules and the delivery log when it settles.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  alertKeys,
  createAlertRule,
  deleteAlertRule,
  testAlertRule,
  updateAlertRule,
  type CreateAlertRuleInput,
  type UpdateAlertRuleInput,
} from "@/lib/api-client/alerts";

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: alertKeys.all });
}

export function useCreateRule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: CreateAlertRuleInput) => createAlertRule(input),
    onSettled: refresh,
  });
}

export function useUpdateRule(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (patch: UpdateAlertRuleInput) => updateAlertRule(id, patch),
    onSettled: refresh,
  });
}

export function useDeleteRule(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => deleteAlertRule(id), onSettled: refresh });
}

export function useTestRule(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => testAlertRule(id), onSettled: refresh });
}
