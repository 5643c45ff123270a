"use client";

// One facet's values as checkboxes, with a "find" box when the list is long: the body of a filter
// popover (wide screens) and of a section of the filter sheet (phones). Keyboard: ArrowDown from the
// find box goes to the first option (Enter picks the only match), ArrowUp/ArrowDown/Home/End move between options (ArrowUp on
// the first goes back to the box), Space and Enter toggle the focused option, typing goes back to
// the box. Only one option is in the tab order, so Tab leaves the list.
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { FacetCount, FacetDimension } from "@/lib/tenants/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { DIMENSION_LABELS, facetLabel, formatCount } from "./format";

const SHOW_FIND_ABOVE = 8;
const MAX_SHOWN = 200;
/** Facets listed by count (most tenants first); the others alphabetically. */
const BY_COUNT = new Set<FacetDimension>(["status", "subscription", "owner", "tag"]);

export interface FacetOption {
  value: string;
  count: number;
  label: string;
}

/** The facet's values with their counts; values selected but matching nothing stay (with 0). */
export function facetOptions(
  dimension: FacetDimension,
  facets: readonly FacetCount[],
  selected: readonly string[],
): FacetOption[] {
  const byValue = new Map(facets.map((f) => [f.value, f]));
  for (const v of selected) if (!byValue.has(v)) byValue.set(v, { value: v, count: 0 });
  return [...byValue.values()]
    .map((f) => ({
      value: f.value,
      count: f.count,
      label: facetLabel(dimension, f.value, f.label),
    }))
    .sort((a, b) =>
      BY_COUNT.has(dimension)
        ? b.count - a.count || a.label.localeCompare(b.label)
        : a.label.localeCompare(b.label),
    );
}

export function FacetOptions({
  dimension,
  facets,
  selected,
  onChange,
  listClassName,
}: {
  dimension: FacetDimension;
  facets: readonly FacetCount[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** Sizing of the scrolling list (the popover and the sheet differ). */
  listClassName?: string;
}) {
  const title = DIMENSION_LABELS[dimension];
  const noun = title.toLowerCase();
  const [filter, setFilter] = useState("");
  const [focused, setFocused] = useState<string | null>(null);
  const listId = useId();
  const findRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLFieldSetElement>(null);

  const options = useMemo(
    () => facetOptions(dimension, facets, selected),
    [dimension, facets, selected],
  );
  const needle = filter.trim().toLowerCase();
  const matching = needle ? options.filter((o) => o.label.toLowerCase().includes(needle)) : options;
  const shown = matching.slice(0, MAX_SHOWN);
  // The option in the tab order: the last one focused while it is still listed, else the first.
  const tabStop = shown.some((o) => o.value === focused) ? focused : (shown[0]?.value ?? null);

  function toggle(value: string) {
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  }

  function focusOption(index: number) {
    const boxes = listRef.current?.querySelectorAll<HTMLInputElement>("input[type=checkbox]");
    if (!boxes || boxes.length === 0) return;
    boxes[Math.max(0, Math.min(index, boxes.length - 1))]?.focus();
  }

  function onFindKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      focusOption(0);
    } else if (e.key === "Enter" && shown.length === 1 && shown[0]) {
      // One match left: Enter picks it.
      e.preventDefault();
      toggle(shown[0].value);
    }
  }

  function onOptionKeyDown(e: KeyboardEvent<HTMLInputElement>, index: number, value: string) {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        focusOption(index + 1);
        return;
      case "ArrowUp":
        e.preventDefault();
        if (index === 0 && findRef.current) findRef.current.focus();
        else focusOption(index - 1);
        return;
      case "Home":
        e.preventDefault();
        focusOption(0);
        return;
      case "End":
        e.preventDefault();
        focusOption(shown.length - 1);
        return;
      case "Enter":
        // A checkbox toggles on Space by itself; Enter does the same here.
        e.preventDefault();
        toggle(value);
        return;
      default:
        // Typing a letter on an option searches: back to the find box, which takes the key.
        if (e.key.length === 1 && e.key !== " " && !e.ctrlKey && !e.metaKey && !e.altKey)
          findRef.current?.focus();
    }
  }

  return (
    <div className="flex min-h-0 min-w-0 flex-col">
      {options.length > SHOW_FIND_ABOVE ? (
        <div className="border-b border-zinc-200 p-2 dark:border-zinc-700">
          <Input
            ref={findRef}
            aria-label={`Find a ${noun}`}
            aria-controls={listId}
            placeholder={`Find a ${noun}…`}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={onFindKeyDown}
            className="h-8 w-full"
            data-testid={`facet-find-${dimension}`}
          />
        </div>
      ) : null}
      <fieldset
        ref={listRef}
        id={listId}
        // A fieldset is at least as wide as its content by default: min-w-0 lets long labels
        // truncate inside the panel instead of pushing the counts out of it.
        className={cn("min-h-0 min-w-0 overflow-x-hidden overflow-y-auto p-1", listClassName)}
        data-testid={`facet-options-${dimension}`}
      >
        <legend className="sr-only">{title}</legend>
        {shown.length === 0 ? (
          <p className="px-2 py-3 text-zinc-700 dark:text-zinc-300">No {noun} matches.</p>
        ) : null}
        {shown.map((o, index) => (
          <label
            key={o.value}
            className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 hover:bg-zinc-100 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-sky-500 dark:hover:bg-zinc-800"
            data-value={o.value}
          >
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              tabIndex={o.value === tabStop ? 0 : -1}
              onChange={() => toggle(o.value)}
              onFocus={() => setFocused(o.value)}
              onKeyDown={(e) => onOptionKeyDown(e, index, o.value)}
              className="size-4 shrink-0 accent-sky-700 outline-none dark:accent-sky-500"
            />
            <span className="min-w-0 flex-1 truncate" title={o.label}>
              {o.label}
            </span>
            <span
              className="shrink-0 text-xs text-zinc-700 tabular-nums dark:text-zinc-300"
              data-count
            >
              {formatCount(o.count)}
            </span>
          </label>
        ))}
        {matching.length > MAX_SHOWN ? (
          <p className="px-2 py-2 text-xs text-zinc-700 dark:text-zinc-300">
            {formatCount(matching.length - MAX_SHOWN)} more: type to narrow the list.
          </p>
        ) : null}
      </fieldset>
      {selected.length > 0 ? (
        <div className="border-t border-zinc-200 p-1 dark:border-zinc-700">
          <Button
            variant="ghost"
            size="sm"
            className="w-full justify-center"
            onClick={() => onChange([])}
          >
            Clear {noun} filter
          </Button>
        </div>
      ) : null}
    </div>
  );
}
