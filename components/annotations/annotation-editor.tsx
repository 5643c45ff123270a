"use client";

// An admin's editor for one tenant's owner, tags and note (the details panel): saved together with
// PATCH /api/tenants/{id}/annotations, with a plain saving / saved / error state, then every tenants
// query is refreshed so the table, facets and groups show the change.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, LoaderCircle } from "lucide-react";
import { useId, useState } from "react";
import type { TenantAnnotation } from "@/lib/annotations/types";
import { NOTE_MAX_LENGTH, noteSchema, ownerSchema } from "@/lib/annotations/values";
import {
  annotationKeys,
  patchTenantAnnotation,
  type AnnotationPatch,
} from "@/lib/api-client/annotations";
import { tenantKeys } from "@/lib/api-client/tenants";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { Input } from "@/components/ui/input";
import { formatCount } from "@/components/tenants/format";
import { annotationPatch } from "./annotation-patch";
import { TagInput } from "./tag-input";

export function AnnotationEditor({
  tenantId,
  saved,
}: {
  tenantId: string;
  saved: TenantAnnotation;
}) {
  const queryClient = useQueryClient();
  const [owner, setOwner] = useState(saved.owner ?? "");
  const [tags, setTags] = useState<readonly string[]>(saved.tags);
  const [note, setNote] = useState(saved.note ?? "");
  const ownerId = useId();
  const noteId = useId();
  const counterId = useId();

  const save = useMutation({
    mutationFn: (patch: AnnotationPatch) => patchTenantAnnotation(tenantId, patch),
    onSuccess: (annotation) => {
      queryClient.setQueryData(annotationKeys.tenant(tenantId), annotation);
      setOwner(annotation.owner ?? "");
      setTags(annotation.tags);
      setNote(annotation.note ?? "");
      void queryClient.invalidateQueries({ queryKey: tenantKeys.all });
      void queryClient.invalidateQueries({ queryKey: annotationKeys.tags });
    },
  });

  const patch = annotationPatch(saved, { owner, tags, note });
  const dirty = Object.keys(patch).length > 0;
  const ownerError =
    owner.trim() === "" ? null : (ownerSchema.safeParse(owner).error?.issues[0]?.message ?? null);
  const noteError = noteSchema.safeParse(note).error?.issues[0]?.message ?? null;
  const invalid = ownerError !== null || noteError !== null;
  const editing = () => save.isSuccess && save.reset();

  return (
    <form
      className="grid gap-3"
      data-testid="annotation-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty && !invalid) save.mutate(patch);
      }}
    >
      <div className="grid gap-1">
        <label htmlFor={ownerId} className="text-sm font-medium">
          Owner
        </label>
        <Input
          id={ownerId}
          value={owner}
          placeholder="An email or a team name"
          onChange={(e) => {
            setOwner(e.target.value);
            editing();
          }}
          aria-invalid={ownerError !== null || undefined}
          data-testid="owner-input"
        />
        {ownerError ? (
          <p role="alert" className="text-xs text-rose-800 dark:text-rose-300">
            {ownerError}
          </p>
        ) : null}
      </div>
      <fieldset className="grid min-w-0 gap-1">
        <legend className="mb-1 text-sm font-medium">Tags</legend>
        <TagInput
          tags={tags}
          onChange={(next) => {
            setTags(next);
            editing();
          }}
        />
      </fieldset>
      <div className="grid gap-1">
        <div className="flex items-baseline justify-between gap-2">
          <label htmlFor={noteId} className="text-sm font-medium">
            Note
          </label>
          <span
            id={counterId}
            className={cn(
              "text-xs tabular-nums",
              note.length > NOTE_MAX_LENGTH
                ? "font-semibold text-rose-800 dark:text-rose-300"
                : "text-zinc-700 dark:text-zinc-300",
            )}
            data-testid="note-counter"
          >
            {formatCount(note.length)} / {formatCount(NOTE_MAX_LENGTH)}
          </span>
        </div>
        <textarea
          id={noteId}
          value={note}
          rows={4}
          maxLength={NOTE_MAX_LENGTH}
          aria-describedby={counterId}
          onChange={(e) => {
            setNote(e.target.value);
            editing();
          }}
          className={cn(
            "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
            focusRing,
          )}
          data-testid="note-input"
        />
        {noteError ? (
          <p role="alert" className="text-xs text-rose-800 dark:text-rose-300">
            {noteError}
          </p>
        ) : null}
      </div>
      <FormError error={save.error} action="save the annotations" />
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          variant="primary"
          size="sm"
          disabled={!dirty || invalid || save.isPending}
          data-testid="save-annotations"
        >
          {save.isPending ? (
            <LoaderCircle aria-hidden className="animate-spin motion-reduce:animate-none" />
          ) : null}
          Save
        </Button>
        {dirty && !save.isPending ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setOwner(saved.owner ?? "");
              setTags(saved.tags);
              setNote(saved.note ?? "");
              save.reset();
            }}
          >
            Discard changes
          </Button>
        ) : null}
        <p
          aria-live="polite"
          className="text-sm text-zinc-700 dark:text-zinc-300"
          data-testid="annotation-status"
        >
          {save.isPending ? (
            "Saving…"
          ) : save.isSuccess && !dirty ? (
            <span className="inline-flex items-center gap-1 text-emerald-800 dark:text-emerald-300">
              <Check aria-hidden className="size-4" />
              Saved
            </span>
          ) : dirty ? (
            "Unsaved changes"
          ) : null}
        </p>
      </div>
    </form>
  );
}
