import { Hourglass } from "lucide-react";
import { cardClass } from "@/components/auth/styles";

/** Too many unknown links tried from this address: every link waits, so guessing learns nothing. */
export function ShareRateLimited({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12 dark:bg-zinc-950">
      <div className={cardClass} data-testid="share-rate-limited">
        <Hourglass aria-hidden className="mb-3 size-8 text-zinc-600 dark:text-zinc-400" />
        <h1 className="mb-2 text-xl font-semibold">Too many attempts</h1>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Too many links that do not exist were opened from your network. Try again in{" "}
          {minutes === 1 ? "a minute" : `${minutes} minutes`}.
        </p>
      </div>
    </main>
  );
}
