"use client";

import { ChartNoAxesColumn } from "lucide-react";
import { Button } from "@/components/ui/button";

/** "Summary": shows or hides the summary charts (`controls`: their wrapper's id). */
export function SummaryToggle({
  open,
  onToggle,
  controls,
  where,
  className,
}: {
  open: boolean;
  onToggle: () => void;
  controls: string;
  /** Phones and wider screens each have their own (CSS shows one). */
  where: "phone" | "wide";
  className?: string;
}) {
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      className={className}
      data-testid={`summary-toggle-${where}`}
      title={open ? "Hide the summary charts" : "Show the summary charts"}
    >
      <ChartNoAxesColumn aria-hidden />
      Summary
    </Button>
  );
}
