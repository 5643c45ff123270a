"use client";

import { CalendarRange, ChevronDown } from "lucide-react";
import { useId } from "react";
import { parseDateParam } from "@/lib/tenants/view-params";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

/** Created-date range (inclusive, UTC days). */
export function DateRangeFilter({
  from,
  to,
  onChange,
}: {
  from: string | null;
  to: string | null;
  onChange: (range: { from: string | null; to: string | null }) => void;
}) {
  const id = useId();
  const active = from !== null || to !== null;
  const summary = active ? `${day(from) || "…"} – ${day(to) || "…"}` : null;

  function set(which: "from" | "to", value: string) {
    const iso = value ? parseDateParam(value, which === "to") : null;
    if (value && iso === null) return; // half-typed date
    const next = { from, to, [which]: iso };
    if (next.from && next.to && next.from > next.to) return; // the inputs' min/max prevent this
    onChange(next);
  }

  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button
          size="sm"
          variant="outline"
          data-testid="filter-created"
          className={cn(active && "border-sky-600 dark:border-sky-500")}
        >
          <CalendarRange aria-hidden />
          Created
          {summary ? (
            <span className="rounded bg-sky-100 px-1.5 text-xs text-sky-900 dark:bg-sky-900 dark:text-sky-100">
              {summary}
            </span>
          ) : null}
          <ChevronDown aria-hidden className="opacity-70" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-72 p-3" aria-label="Filter by creation date">
        <fieldset className="grid gap-3">
          <legend className="mb-1 text-sm font-medium">Created between (UTC)</legend>
          <div className="grid gap-1">
            <label htmlFor={`${id}-from`} className="text-xs text-zinc-700 dark:text-zinc-300">
              From
            </label>
            <Input
              id={`${id}-from`}
              type="date"
              value={day(from)}
              max={day(to) || undefined}
              onChange={(e) => set("from", e.target.value)}
              data-testid="created-from"
            />
          </div>
          <div className="grid gap-1">
            <label htmlFor={`${id}-to`} className="text-xs text-zinc-700 dark:text-zinc-300">
              To (inclusive)
            </label>
            <Input
              id={`${id}-to`}
              type="date"
              value={day(to)}
              min={day(from) || undefined}
              onChange={(e) => set("to", e.target.value)}
              data-testid="created-to"
            />
          </div>
          {active ? (
            <Button variant="ghost" size="sm" onClick={() => onChange({ from: null, to: null })}>
              Clear dates
            </Button>
          ) : null}
        </fieldset>
      </PopoverContent>
    </Popover>
  );
}
