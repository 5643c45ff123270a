"use client";

// The manage page's writes: each refreshes the list and says what happened in a toast.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { revokeShare, shareKeys, updateShare, type ShareUpdate } from "@/lib/api-client/shares";

export function useUpdateShare(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ShareUpdate) => updateShare(id, patch),
    onSettled: () => queryClient.invalidateQueries({ queryKey: shareKeys.all }),
  });
}

export function useRevokeShare(id: string, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => revokeShare(id),
    onSuccess: () => toast.success(`“${name}” is revoked: the link no longer opens.`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: shareKeys.all }),
  });
}
