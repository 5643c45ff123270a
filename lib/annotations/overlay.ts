import "server-only";
import { getStorage } from "@/lib/db/storage";
import type { AnnotationsState, UpdateAnnotationsResult } from "@/lib/db/types";
import { log } from "@/lib/log";
import { globalSingleton } from "@/lib/runtime/global-singleton";
import type { SubscriptionLabel, TenantAnnotation } from "./types";

// The annotations every read joins onto the snapshot: one immutable value per version, kept in
// this process. GET /api/tenants asks for it on every request, so the hot path is a timestamp
// comparison: the database's one-row version counter is read at most every 500 ms (to notice
// another instance's writes), and all labels and annotations are read again only when it moved.
// A write made through this process (./write.ts) is applied at once, so the next call sees it.

export interface AnnotationOverlay {
  /** Changes whenever a subscription name or a tenant annotation changes (part of every ETag). */
  version: string;
  subscriptions: ReadonlyMap<string, SubscriptionLabel>;
  tenants: ReadonlyMap<string, TenantAnnotation>;
}

export const EMPTY_OVERLAY: AnnotationOverlay = Object.freeze({
  version: "0",
  subscriptions: new Map(),
  tenants: new Map(),
});

/** How long a checked version is trusted before the database is asked again. */
export const OVERLAY_CHECK_INTERVAL_MS = 500;

type Listener = (overlay: AnnotationOverlay) => void;

interface OverlayCache {
  overlay: AnnotationOverlay | null;
  /** `overlay.version` as a number (versions only grow). */
  version: number;
  /** When the version was last confirmed against the database (ms). */
  checkedAt: number;
  /** A write of this process could not be applied in place: check before answering. */
  stale: boolean;
  /** Bumped by every such write; a check that started before it does not clear `stale`. */
  writes: number;
  pending: Promise<AnnotationOverlay> | null;
  /** `writes` when `pending` started. */
  pendingWrites: number;
  listeners: Set<Listener>;
}

const KEY = "annotation-overlay";

function cache(): OverlayCache {
  return globalSingleton<OverlayCache>(KEY, () => ({
    overlay: null,
    version: -1,
    checkedAt: 0,
    stale: false,
    writes: 0,
    pending: null,
    pendingWrites: 0,
    listeners: new Set(),
  }));
}

const freezeAnnotation = (a: TenantAnnotation): TenantAnnotation =>
  Object.freeze({ owner: a.owner, tags: Object.freeze([...a.tags]) as string[], note: a.note });

const freezeLabel = (l: SubscriptionLabel): SubscriptionLabel =>
  Object.freeze({ name: l.name, customerRef: l.customerRef });

function fromState(state: AnnotationsState): AnnotationOverlay {
  return Object.freeze({
    version: String(state.version),
    subscriptions: new Map(state.subscriptions.map((r) => [r.subscriptionId, freezeLabel(r)])),
    tenants: new Map(state.tenants.map((r) => [r.tenantId, freezeAnnotation(r)])),
  });
}

function install(c: OverlayCache, overlay: AnnotationOverlay, version: number): void {
  c.overlay = overlay;
  c.version = version;
  for (const listener of c.listeners) {
    try {
      listener(overlay);
    } catch (error) {
      log("annotations").error({ err: error }, "overlay listener failed");
    }
  }
}

async function check(c: OverlayCache): Promise<AnnotationOverlay> {
  const writesAtStart = c.writes;
  try {
    const storage = await getStorage();
    const version = await storage.getAnnotationsVersion();
    if (!c.overlay || version > c.version) {
      const state = await storage.loadAnnotations();
      // A write of this process may have been applied meanwhile: never go back to an older one.
      if (!c.overlay || state.version > c.version) install(c, fromState(state), state.version);
    }
    c.checkedAt = Date.now();
    if (c.writes === writesAtStart) c.stale = false;
    return c.overlay!;
  } catch (error) {
    if (!c.overlay) throw error;
    // Serve the last known overlay rather than fail every read; try again after the interval.
    log("annotations").warn({ err: error }, "annotation version check failed");
    c.checkedAt = Date.now();
    return c.overlay;
  }
}

/** The current overlay of this process (at most ~500 ms behind writes made by another instance). */
export function currentOverlay(): Promise<AnnotationOverlay> {
  const c = cache();
  if (c.overlay && !c.stale && Date.now() - c.checkedAt < OVERLAY_CHECK_INTERVAL_MS)
    return Promise.resolve(c.overlay);
  // Join a check in flight, unless a write of this process came after it started.
  if (c.pending && c.pendingWrites === c.writes) return c.pending;
  const pending = check(c).finally(() => {
    if (c.pending === pending) c.pending = null;
  });
  c.pending = pending;
  c.pendingWrites = c.writes;
  return pending;
}

/**
 * Called with the new overlay whenever the version changes (a write of this process, or another
 * instance's noticed by a check). Returns the function that stops listening.
 */
export function onOverlayChanged(listener: Listener): () => void {
  const c = cache();
  c.listeners.add(listener);
  return () => void c.listeners.delete(listener);
}

/**
 * Tells the overlay about a write this process just committed (./write.ts calls it). When it is
 * the next version, it is applied in place (no reload); otherwise the next call re-reads.
 */
export function overlayWritten(result: UpdateAnnotationsResult): void {
  const c = cache();
  if (result.tenants.length === 0 && result.subscriptions.length === 0) return;
  if (!c.overlay || result.version !== c.version + 1) {
    c.writes++;
    c.stale = true;
    return;
  }
  const tenants = new Map(c.overlay.tenants);
  for (const { id, after } of result.tenants)
    if (after) tenants.set(id, freezeAnnotation(after));
    else tenants.delete(id);
  const subscriptions = new Map(c.overlay.subscriptions);
  for (const { id, after } of result.subscriptions)
    if (after) subscriptions.set(id, freezeLabel(after));
    else subscriptions.delete(id);
  install(
    c,
    Object.freeze({ version: String(result.version), subscriptions, tenants }),
    result.version,
  );
}

/** Tests: forget the cached overlay (and its listeners). */
export function resetOverlayForTests(): void {
  const c = cache();
  c.overlay = null;
  c.version = -1;
  c.checkedAt = 0;
  c.stale = false;
  c.writes++;
  c.pending = null;
  c.listeners.clear();
}
