"use client";

import { Search, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";

export const SEARCH_DEBOUNCE_MS = 100;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Search by name, hostname or id; `/` focuses it from anywhere on the page. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  // The URL changed under us (clear filters, back button): show what it says.
  if (value !== synced) {
    setSynced(value);
    if (value !== text.trim()) setText(value);
  }

  // Debounced with a leading edge: the first keystroke after a pause searches at once; keystrokes
  // that follow within SEARCH_DEBOUNCE_MS wait until typing pauses. The timer starts in the input
  // handler itself (an effect would start it a frame later).
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastInput = useRef(-Infinity);
  useEffect(() => () => clearTimeout(timer.current), []);
  function change(next: string, immediately = false) {
    setText(next);
    clearTimeout(timer.current);
    const trimmed = next.trim();
    const now = performance.now();
    const afterPause = now - lastInput.current > SEARCH_DEBOUNCE_MS;
    lastInput.current = now;
    if (immediately || afterPause) onSearch(trimmed);
    else timer.current = setTimeout(() => onSearch(trimmed), SEARCH_DEBOUNCE_MS);
  }

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    // On wider screens it gives up width (down to 8rem) before the toolbar would wrap.
    <div className="relative w-full sm:w-auto sm:max-w-72 sm:min-w-32 sm:flex-[1_1_8rem]">
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-600 dark:text-zinc-400"
      />
      <Input
        ref={inputRef}
        type="search"
        aria-label="Search tenants by name, hostname or ID"
        aria-keyshortcuts="/"
        placeholder="Search name, hostname or ID"
        value={text}
        maxLength={200}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && text) {
            e.preventDefault();
            change("", true);
          }
        }}
        className="w-full pr-9 pl-8 [&::-webkit-search-cancel-button]:hidden"
        data-testid="tenant-search"
      />
      {!text ? (
        <kbd
          aria-hidden
          className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-zinc-300 px-1.5 font-mono text-xs text-zinc-700 dark:border-zinc-600 dark:text-zinc-300"
        >
          /
        </kbd>
      ) : null}
      {text ? (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => {
            change("", true);
            inputRef.current?.focus();
          }}
          className="absolute top-1/2 right-1.5 inline-flex size-6 -translate-y-1/2 items-center justify-center rounded text-zinc-700 hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          <X aria-hidden className="size-4" />
        </button>
      ) : null}
    </div>
  );
}
