"use client";

import { Columns3 } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { COLUMN_LABELS } from "./columns";
import { COLUMN_IDS, DEFAULT_COLUMNS, type ColumnId } from "./explorer-url";

/** Which columns the table shows, among those offered; the name column always stays. */
export function ViewOptions({
  columns,
  onChange,
  offered = COLUMN_IDS,
  defaults = DEFAULT_COLUMNS,
}: {
  columns: readonly ColumnId[];
  onChange: (columns: ColumnId[]) => void;
  offered?: readonly ColumnId[];
  defaults?: readonly ColumnId[];
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button size="sm" variant="outline" data-testid="column-menu">
          <Columns3 aria-hidden />
          Columns
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>Show columns</DropdownMenuLabel>
        {offered.map((id) => (
          <DropdownMenuCheckboxItem
            key={id}
            checked={columns.includes(id)}
            disabled={id === "name"}
            onSelect={(e) => e.preventDefault()}
            onCheckedChange={(on) =>
              onChange(on ? [...columns, id] : columns.filter((c) => c !== id))
            }
          >
            {COLUMN_LABELS[id]}
          </DropdownMenuCheckboxItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => onChange([...defaults])}>Reset columns</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
