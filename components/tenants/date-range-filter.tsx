"use client";

import { CalendarRange, ChevronDown } from "lucide-react";
import { useId } from "react";
import { parseDateParam } from "@/lib/tenants/view-codec";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

export const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

export interface DateRange {
  from: string | null;
  to: string | null;
}

/** The two date fields (inclusive, UTC days): the body of the popover and of the phone sheet. */
export function DateRangeFields({
  from,
  to,
  onChange,
}: DateRange & { onChange: (range: DateRange) => void }) {
  const id = useId();
  const active = from !== null || to !== null;

  function set(which: "from" | "to", value: string) {
    const iso = value ? parseDateParam(value, which === "to") : null;
    if (value && iso === null) return; // half-typed date
    const next = { from, to, [which]: iso };
    if (next.from && next.to && next.from > next.to) return; // the inputs' min/max prevent this
    onChange(next);
  }

  return (
    <fieldset className="grid min-w-0 gap-3">
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
          className="w-full"
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
          className="w-full"
        />
      </div>
      {active ? (
        <Button variant="ghost" size="sm" onClick={() => onChange({ from: null, to: null })}>
          Clear dates
        </Button>
      ) : null}
    </fieldset>
  );
}

/** "2024-01-01–2024-12-31", "from 2024-01-01", "until 2024-12-31". */
export function rangeSummary({ from, to }: DateRange): string | null {
  if (from && to) return `${day(from)}–${day(to)}`;
  if (from) return `from ${day(from)}`;
  if (to) return `until ${day(to)}`;
  return null;
}

/** Created-date range (inclusive, UTC days). */
export function DateRangeFilter({
  from,
  to,
  onChange,
}: DateRange & { onChange: (range: DateRange) => void }) {
  const summary = rangeSummary({ from, to });
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button
          size="sm"
          variant="outline"
          data-testid="filter-created"
          title={summary ? `Created ${summary}` : undefined}
          className={cn(summary && "border-sky-600 dark:border-sky-500")}
        >
          <CalendarRange aria-hidden />
          Created
          {summary ? (
            <span className="max-w-[9rem] truncate rounded bg-sky-100 px-1.5 text-xs text-sky-900 dark:bg-sky-900 dark:text-sky-100">
              {summary}
            </span>
          ) : null}
          <ChevronDown aria-hidden className="opacity-70" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-72 p-3" aria-label="Filter by creation date">
        <DateRangeFields from={from} to={to} onChange={onChange} />
      </PopoverContent>
    </Popover>
  );
}
