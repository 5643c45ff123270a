"use client";

// The "Share view" form: name, expiry, access, export, columns and what the link is locked to.
import { Link2 } from "lucide-react";
import { useId, useRef, useState } from "react";
import type { ExportColumnId } from "@/lib/tenants/export/columns";
import type { TenantView } from "@/lib/tenants/types";
import { viewToSearchParams } from "@/lib/tenants/view-codec";
import type { CreateShareInput, ShareAccess } from "@/lib/api-client/shares";
import { exportColumnsForVisible } from "@/components/export/column-map";
import { useNow } from "@/components/providers/now-provider";
import { Button } from "@/components/ui/button";
import { DialogClose } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { ExpiryField } from "./expiry-field";
import { FormError } from "@/components/ui/form-error";
import { DEFAULT_EXPIRY, expiryPayload, type ExpiryChoice } from "./share-expiry";
import { ALWAYS_SHARED, ShareColumnsField } from "./share-columns-field";
import { ShareScopeSummary } from "./share-scope-summary";
import { useSubscriptionNames } from "./use-subscription-names";
import { suggestedName } from "./view-summary";

const ACCESS: readonly { value: ShareAccess; label: string; hint: string }[] = [
  { value: "anyone", label: "Anyone with the link", hint: "No sign-in needed." },
  {
    value: "signed-in",
    label: "Signed-in users only",
    hint: "Anyone who can sign in to Tenant Atlas, with or without a role.",
  },
];

export const NAME_MAX = 100;

export function ShareForm({
  view,
  visibleColumns,
  tenantCount,
  canNeverExpire,
  pending,
  error,
  onSubmit,
}: {
  view: TenantView;
  visibleColumns: readonly string[];
  tenantCount: number | null;
  canNeverExpire: boolean;
  pending: boolean;
  /** The last attempt's failure, from the server. */
  error: unknown;
  onSubmit: (input: CreateShareInput) => void;
}) {
  const id = useId();
  const now = useNow();
  const nameRef = useRef<HTMLInputElement>(null);
  // The suggested name follows the view (and the subscriptions' names, once known) until typed over.
  const names = useSubscriptionNames(view.subscription.length > 0);
  const [typedName, setName] = useState<string | null>(null);
  const name = typedName ?? suggestedName(view, names);
  const [expiry, setExpiry] = useState<{ choice: ExpiryChoice; day: string }>({
    choice: DEFAULT_EXPIRY,
    day: "",
  });
  const [access, setAccess] = useState<ShareAccess>("anyone");
  const [allowExport, setAllowExport] = useState(false);
  const [columns, setColumns] = useState<ExportColumnId[]>(() => [
    ...ALWAYS_SHARED,
    ...exportColumnsForVisible(visibleColumns).filter((c) => !ALWAYS_SHARED.includes(c)),
  ]);
  const [problems, setProblems] = useState<{ name?: string; expiry?: string }>({});

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (pending) return;
    const expiryFields = expiryPayload(expiry.choice, expiry.day, Date.now());
    const found = {
      name: name.trim() ? undefined : "Give the link a name, so you can find it later.",
      expiry: expiryFields ? undefined : "Choose a date from today to 90 days ahead.",
    };
    setProblems(found);
    if (found.name) {
      nameRef.current?.focus();
      return;
    }
    if (!expiryFields) return;
    onSubmit({
      name: name.trim(),
      view: viewToSearchParams(view).toString(),
      columns: [...new Set([...ALWAYS_SHARED, ...columns])],
      access,
      allowExport,
      ...expiryFields,
    });
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate data-testid="share-form">
      <div className="grid gap-1.5">
        <label htmlFor={`${id}-name`} className="text-sm font-medium">
          Name
        </label>
        <Input
          ref={nameRef}
          id={`${id}-name`}
          value={name}
          maxLength={NAME_MAX}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problems.name ? true : undefined}
          aria-describedby={problems.name ? `${id}-name-error` : undefined}
          required
        />
        {problems.name ? (
          <p id={`${id}-name-error`} className="text-xs text-red-700 dark:text-red-400">
            {problems.name}
          </p>
        ) : null}
      </div>

      <ShareScopeSummary view={view} tenantCount={tenantCount} />

      <ExpiryField
        choice={expiry.choice}
        day={expiry.day}
        onChange={setExpiry}
        allowNever={canNeverExpire}
        now={now}
        error={problems.expiry}
      />

      <fieldset className="grid gap-1.5">
        <legend className="mb-1 text-sm font-medium">Who can open it</legend>
        {ACCESS.map((a) => (
          <label key={a.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-access`}
              value={a.value}
              className="mt-0.5 accent-sky-700"
              checked={access === a.value}
              onChange={() => setAccess(a.value)}
            />
            <span>
              {a.label}
              <span className="block text-xs text-zinc-700 dark:text-zinc-300">{a.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-sky-700"
          checked={allowExport}
          onChange={(e) => setAllowExport(e.target.checked)}
        />
        <span>
          Allow CSV export
          <span className="block text-xs text-zinc-700 dark:text-zinc-300">
            Visitors can download the rows they see, with the link&apos;s columns only.
          </span>
        </span>
      </label>

      <ShareColumnsField selected={columns} onChange={setColumns} />

      <FormError error={error} action="create the link" />

      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={pending} data-testid="share-submit">
          <Link2 aria-hidden />
          {pending ? "Creating link…" : "Create link"}
        </Button>
      </div>
    </form>
  );
}
