import { Ban, Clock } from "lucide-react";
import { cardClass } from "@/components/auth/styles";

/** An expired or revoked link: what happened and whom to ask; nothing else of the app. */
export function ShareUnavailable({
  reason,
  contact,
}: {
  reason: "expired" | "revoked";
  /** The person who shared the link. */
  contact: string;
}) {
  const Icon = reason === "expired" ? Clock : Ban;
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12 dark:bg-zinc-950">
      <div className={cardClass} data-testid="share-unavailable" data-reason={reason}>
        <Icon aria-hidden className="mb-3 size-8 text-zinc-600 dark:text-zinc-400" />
        <h1 className="mb-2 text-xl font-semibold">
          {reason === "expired" ? "This link has expired" : "This link has been revoked"}
        </h1>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {reason === "expired"
            ? "It was shared for a limited time, and that time is over."
            : "The person who shared it has turned it off."}{" "}
          To see these tenants again, ask{" "}
          <strong className="font-semibold" data-testid="share-contact">
            {contact}
          </strong>{" "}
          for a new link.
        </p>
      </div>
    </main>
  );
}
