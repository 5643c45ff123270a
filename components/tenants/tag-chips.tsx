// A tenant's tags as small chips on one line (a table cell, a card): plain text, no handlers, so a
// row with tags costs a few spans more than one without.
import { cn } from "@/components/ui/cn";

export function TagChips({ tags, className }: { tags: readonly string[]; className?: string }) {
  if (tags.length === 0) return <>—</>;
  return (
    <span className={cn("inline-flex min-w-0 gap-1", className)} title={tags.join(", ")}>
      {tags.map((tag) => (
        <span
          key={tag}
          data-tag={tag}
          className="shrink-0 rounded-full bg-zinc-100 px-1.5 text-xs leading-5 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
        >
          {tag}
        </span>
      ))}
    </span>
  );
}
