"use client";

// Admins: one change for many tenants at once (POST /api/tenants/annotations): add a tag, remove a
// tag or set the owner, for the selected rows or for every tenant of the current view. Afterwards it
// says how many tenants changed, clears the selection and refreshes the explorer's data.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Tag, TagsIcon, UserRound, X } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { checkOwner } from "@/lib/annotations/value-checks";
import {
  annotationKeys,
  bulkAnnotate,
  type BulkChange,
  type BulkResult,
  type BulkTarget,
} from "@/lib/api-client/annotations";
import { tenantKeys } from "@/lib/api-client/tenants";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { formatCount, plural } from "@/components/tenants/format";
import { checkTag, TagField } from "./tag-input";

type Action = "addTag" | "removeTag" | "owner";

const ACTIONS: Record<Action, { label: string; icon: ReactNode; field: string; apply: string }> = {
  addTag: { label: "Add tag", icon: <Tag aria-hidden />, field: "Tag to add", apply: "Add" },
  removeTag: {
    label: "Remove tag",
    icon: <TagsIcon aria-hidden />,
    field: "Tag to remove",
    apply: "Remove",
  },
  owner: { label: "Set owner", icon: <UserRound aria-hidden />, field: "Owner", apply: "Set" },
};

/** The change one form asks for, or why it cannot be made. */
function changeOf(action: Action, text: string): { change: BulkChange } | { error: string } {
  if (action === "owner") {
    if (text.trim() === "") return { change: { owner: null } };
    const checked = checkOwner(text);
    return "value" in checked ? { change: { owner: checked.value } } : checked;
  }
  const checked = checkTag(text);
  if ("error" in checked) return checked;
  return {
    change: action === "addTag" ? { addTags: [checked.tag] } : { removeTags: [checked.tag] },
  };
}

function ActionForm({
  action,
  targetLabel,
  pending,
  onApply,
}: {
  action: Action;
  targetLabel: string;
  pending: boolean;
  onApply: (change: BulkChange) => void;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const spec = ACTIONS[action];
  const ownerId = useId();
  const submit = () => {
    const result = changeOf(action, text);
    if ("error" in result) setError(result.error);
    else onApply(result.change);
  };
  return (
    <form
      className="grid gap-2 p-1"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid={`bulk-form-${action}`}
    >
      <p className="text-sm font-medium">
        {spec.label}: {targetLabel}
      </p>
      <div className="flex gap-2">
        {action === "owner" ? (
          <>
            <label htmlFor={ownerId} className="sr-only">
              {spec.field}
            </label>
            <Input
              id={ownerId}
              value={text}
              placeholder="An email or a team name"
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
              className="h-8 min-w-0 flex-1"
              data-testid="bulk-owner-input"
            />
          </>
        ) : (
          <TagField
            value={text}
            onChange={(v) => {
              setText(v);
              setError(null);
            }}
            onEnter={submit}
            label={spec.field}
            testId="bulk-tag-input"
          />
        )}
        <Button
          type="submit"
          variant="primary"
          size="sm"
          disabled={pending || (action !== "owner" && text.trim() === "")}
          data-testid="bulk-apply"
        >
          {spec.apply}
        </Button>
      </div>
      {action === "owner" ? (
        <p className="text-xs text-zinc-700 dark:text-zinc-300">
          Leave it empty to remove the owner.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-rose-800 dark:text-rose-300">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function BulkActionBar({
  selectedIds,
  viewQuery,
  viewTotal,
  onClear,
}: {
  selectedIds: readonly string[];
  /** The current view as a query string (what "all in this view" applies to). */
  viewQuery: string;
  /** Tenants in the current view. */
  viewTotal: number;
  onClear: () => void;
}) {
  const queryClient = useQueryClient();
  const [wholeView, setWholeView] = useState(false);
  const [open, setOpen] = useState<Action | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const target: BulkTarget = wholeView ? { view: viewQuery } : { ids: [...selectedIds] };
  const targetLabel = wholeView
    ? `all ${plural(viewTotal, "tenant")} in this view`
    : plural(selectedIds.length, "selected tenant");

  const apply = useMutation({
    mutationFn: (change: BulkChange) => bulkAnnotate(target, change),
    onSuccess: (answer: BulkResult) => {
      const text = `Changed ${plural(answer.changed, "tenant")}`;
      setResult(text);
      toast.success(
        answer.changed === answer.matched
          ? text
          : `${text} (${formatCount(answer.matched)} matched)`,
      );
      setOpen(null);
      setWholeView(false);
      void queryClient.invalidateQueries({ queryKey: tenantKeys.all });
      void queryClient.invalidateQueries({ queryKey: annotationKeys.all });
      onClear();
    },
  });

  // Nothing selected: only what the last change did, for screen readers (a toast shows it too).
  if (selectedIds.length === 0)
    return (
      <p aria-live="polite" className="sr-only" data-testid="bulk-result">
        {result}
      </p>
    );

  return (
    <div
      role="region"
      aria-label="Bulk changes"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-sky-300 bg-sky-50 px-3 py-1.5 text-sm dark:border-sky-800 dark:bg-sky-950"
      data-testid="bulk-bar"
    >
      <p className="font-medium" data-testid="bulk-target">
        {wholeView
          ? `All ${formatCount(viewTotal)} in this view`
          : `${formatCount(selectedIds.length)} selected`}
      </p>
      {(Object.keys(ACTIONS) as Action[]).map((action) => (
        <Popover
          key={action}
          open={open === action}
          onOpenChange={(next) => {
            setOpen(next ? action : null);
            if (next) apply.reset();
          }}
        >
          <PopoverTrigger asChild>
            <Button size="sm" variant="outline" data-testid={`bulk-${action}`}>
              {ACTIONS[action].icon}
              {ACTIONS[action].label}
            </Button>
          </PopoverTrigger>
          <PopoverContent className="w-[22rem]" aria-label={ACTIONS[action].label}>
            <ActionForm
              action={action}
              targetLabel={targetLabel}
              pending={apply.isPending}
              onApply={(change) => apply.mutate(change)}
            />
            <FormError error={apply.error} action={ACTIONS[action].label.toLowerCase()} />
          </PopoverContent>
        </Popover>
      ))}
      {viewTotal > selectedIds.length ? (
        <Button
          variant="link"
          size="sm"
          onClick={() => setWholeView(!wholeView)}
          aria-pressed={wholeView}
          data-testid="bulk-whole-view"
          className={cn("px-1")}
        >
          {wholeView
            ? `Only the ${formatCount(selectedIds.length)} selected`
            : `Apply to all ${formatCount(viewTotal)} in this view`}
        </Button>
      ) : null}
      <Button
        variant="ghost"
        size="sm"
        onClick={onClear}
        className="ml-auto"
        data-testid="bulk-clear"
      >
        <X aria-hidden />
        Clear selection
      </Button>
      <p aria-live="polite" className="sr-only" data-testid="bulk-result">
        {result}
      </p>
    </div>
  );
}
