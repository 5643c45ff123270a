// A tenant's owner, tags and note, read-only (viewers, share links): no edit controls at all.
import type { TenantAnnotation } from "@/lib/annotations/types";
import { TagChips } from "@/components/tenants/tag-chips";

export function AnnotationView({
  annotation,
  show = { owner: true, tags: true, note: true },
}: {
  annotation: TenantAnnotation;
  /** Which of the three the source shows (a share link may leave any out). */
  show?: { owner: boolean; tags: boolean; note: boolean };
}) {
  const row = "grid grid-cols-[9rem_minmax(0,1fr)] items-start gap-3 py-2";
  return (
    <dl className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="annotation-view">
      {show.owner ? (
        <div className={row} data-testid="annotation-owner">
          <dt className="text-sm text-zinc-700 dark:text-zinc-300">Owner</dt>
          <dd className="min-w-0 text-sm break-words">{annotation.owner ?? "—"}</dd>
        </div>
      ) : null}
      {show.tags ? (
        <div className={row} data-testid="annotation-tags">
          <dt className="text-sm text-zinc-700 dark:text-zinc-300">Tags</dt>
          <dd className="min-w-0 text-sm">
            <TagChips tags={annotation.tags} className="flex-wrap" />
          </dd>
        </div>
      ) : null}
      {show.note ? (
        <div className={row} data-testid="annotation-note">
          <dt className="text-sm text-zinc-700 dark:text-zinc-300">Note</dt>
          <dd className="min-w-0 text-sm break-words whitespace-pre-wrap">
            {annotation.note ?? "—"}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
