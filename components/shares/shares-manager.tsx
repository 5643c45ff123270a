"use client";

// /shares: the list with its loading, error and empty states; admins choose all links or their own.
import { useQuery } from "@tanstack/react-query";
import { Link2 } from "lucide-react";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { sharesListOptions } from "@/lib/api-client/shares";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { selectClass } from "./expiry-field";
import { SharesTable } from "./shares-table";

function Empty({ mine }: { mine: boolean }) {
  return (
    <div
      className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-zinc-300 px-4 py-16 text-center dark:border-zinc-700"
      data-testid="shares-empty"
    >
      <Link2 aria-hidden className="size-8 text-zinc-600 dark:text-zinc-400" />
      <p className="font-semibold">{mine ? "You have no share links yet" : "No share links yet"}</p>
      <p className="max-w-md text-sm text-zinc-700 dark:text-zinc-300">
        To share a read-only view with a colleague, open Tenants, set the filters, grouping and
        columns you want them to see, and choose <strong>Share view</strong>. The link appears here,
        where you can change or revoke it.
      </p>
      <Button asChild variant="primary" size="sm">
        <Link href="/">Go to Tenants</Link>
      </Button>
    </div>
  );
}

export function SharesManager({ isAdmin }: { isAdmin: boolean }) {
  const id = useId();
  const [mine, setMine] = useState(false);
  const list = useQuery(sharesListOptions(isAdmin && mine));
  const shares = useMemo(
    () => [...(list.data?.shares ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [list.data],
  );

  let body;
  if (list.error && !list.data)
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (!list.data)
    body = (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading share links">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-10" />
        ))}
      </div>
    );
  else if (shares.length === 0) body = <Empty mine={!isAdmin || mine} />;
  else body = <SharesTable shares={shares} canNeverExpire={isAdmin} />;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {isAdmin
            ? "Every read-only link made in Tenant Atlas. Revoking one stops it at once."
            : "The read-only links you made. Revoking one stops it at once."}
        </p>
        {isAdmin ? (
          <div className="ml-auto flex items-center gap-2">
            <label htmlFor={id} className="text-sm text-zinc-700 dark:text-zinc-300">
              Show
            </label>
            <select
              id={id}
              className={selectClass}
              value={mine ? "mine" : "all"}
              onChange={(e) => setMine(e.target.value === "mine")}
            >
              <option value="all">Everyone&apos;s links</option>
              <option value="mine">My links</option>
            </select>
          </div>
        ) : null}
      </div>
      {list.error && list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} compact />
      ) : null}
      {body}
    </div>
  );
}
