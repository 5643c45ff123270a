// MongoDB-style ObjectIds (24 hex: 4-byte seconds, 5-byte machine, 3-byte counter) — the internal
// tenant ids the API uses as page cursors. Issued in strictly increasing order, so ObjectId order is
// creation (insertion) order; deterministic for a seed.
import { createRng } from "./data/random";

export const OBJECT_ID_RE = /^[0-9a-f]{24}$/i;

export function createObjectIdFactory(seed: number): (createdMs: number) => string {
  const rng = createRng(seed, "object-id");
  const machine = rng.chars(10, "0123456789abcdef");
  let lastSeconds = 0;
  let counter = rng.int(0, 0xfffff);
  return (createdMs) => {
    let seconds = Math.max(lastSeconds, Math.floor(createdMs / 1000), 0);
    counter++;
    if (counter > 0xffffff) {
      counter = 0;
      seconds = Math.max(seconds, lastSeconds + 1);
    }
    lastSeconds = Math.min(seconds, 0xffffffff);
    return (
      lastSeconds.toString(16).padStart(8, "0") + machine + counter.toString(16).padStart(6, "0")
    );
  };
}
