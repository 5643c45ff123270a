"use client";

// Tags as removable chips plus a box to add one, with the known tags (GET /api/tags) offered as
// the browser's own autocomplete list. Enter, "," or ";" adds what was typed; Backspace in an empty
// box removes the last chip. A tag is checked with the same rules as the API (lower-case words
// joined by "-"), so a bad one is explained here rather than refused by the server.
import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useId, useState, type KeyboardEvent } from "react";
import { checkTag as checkTagValue, normalizeTags } from "@/lib/annotations/value-checks";
import { tagsOptions } from "@/lib/api-client/annotations";
import { cn } from "@/components/ui/cn";
import { focusRing } from "@/components/ui/focus";
import { Input } from "@/components/ui/input";

/** The tag typed, normalized, or why it is not one. */
export function checkTag(text: string): { tag: string } | { error: string } {
  const checked = checkTagValue(text);
  return "value" in checked ? { tag: checked.value } : checked;
}

/** The box and its suggestion list only (bulk "Add tag" / "Remove tag" use it for one tag). */
export function TagField({
  value,
  onChange,
  onEnter,
  label,
  exclude = [],
  suggestions,
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  /** Enter (or "," / ";") in the box. */
  onEnter?: () => void;
  label: string;
  /** Tags not to suggest (already on the tenant). */
  exclude?: readonly string[];
  /** Tags to suggest instead of every known tag. */
  suggestions?: readonly string[];
  testId?: string;
}) {
  const listId = useId();
  const known = useQuery({ ...tagsOptions(), enabled: suggestions === undefined });
  const offered = (suggestions ?? known.data?.map((t) => t.tag) ?? []).filter(
    (t) => !exclude.includes(t),
  );
  return (
    <>
      <Input
        aria-label={label}
        list={listId}
        value={value}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="e.g. eu-prod"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if ((e.key === "Enter" || e.key === "," || e.key === ";") && onEnter) {
            e.preventDefault();
            onEnter();
          }
        }}
        className="h-8 min-w-0 flex-1"
        data-testid={testId}
      />
      <datalist id={listId}>
        {offered.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
    </>
  );
}

export function TagInput({
  tags,
  onChange,
  disabled,
  label = "Add a tag",
}: {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  disabled?: boolean;
  label?: string;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  function add() {
    if (text.trim() === "") return;
    const checked = checkTag(text);
    if ("error" in checked) {
      setError(checked.error);
      return;
    }
    onChange(normalizeTags([...tags, checked.tag]));
    setText("");
    setError(null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === "Backspace" && text === "" && tags.length > 0) {
      e.preventDefault();
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div className="grid gap-1" onKeyDown={onKeyDown}>
      {tags.length > 0 ? (
        <ul className="flex flex-wrap gap-1" aria-label="Tags" data-testid="tag-chips">
          {tags.map((tag) => (
            <li
              key={tag}
              data-tag={tag}
              className="inline-flex items-center gap-0.5 rounded-full bg-zinc-100 py-0.5 pr-0.5 pl-2 text-xs text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
            >
              {tag}
              <button
                type="button"
                disabled={disabled}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
                aria-label={`Remove tag ${tag}`}
                className={cn(
                  "inline-flex size-5 items-center justify-center rounded-full hover:bg-zinc-200 dark:hover:bg-zinc-700",
                  focusRing,
                )}
              >
                <X aria-hidden className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-2" aria-describedby={error ? errorId : undefined}>
        <TagField
          value={text}
          onChange={(v) => {
            setText(v);
            setError(null);
          }}
          onEnter={add}
          label={label}
          exclude={tags}
          testId="tag-input"
        />
        <button
          type="button"
          onClick={add}
          disabled={disabled || text.trim() === ""}
          className={cn(
            "h-8 shrink-0 rounded-md border border-zinc-300 px-2.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800",
            focusRing,
          )}
        >
          Add
        </button>
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-xs text-rose-800 dark:text-rose-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
