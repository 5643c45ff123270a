import "server-only";
import { globalSingleton } from "@/lib/runtime/global-singleton";

// "Deliveries were just enqueued": the evaluation tells the delivery worker of this process, which
// then looks at once instead of at its next poll. One registry per process (Next.js bundles this
// module more than once).

const listeners = () => globalSingleton("alerts:wake", () => new Set<() => void>());

export function onAlertsEnqueued(listener: () => void): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function alertsEnqueued(): void {
  for (const listener of listeners()) {
    try {
      listener();
    } catch {
      // a listener's failure is its own; the others still hear it
    }
  }
}
