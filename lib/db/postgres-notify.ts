import "server-only";
import pg from "pg";
import type { SnapshotWatch, SnapshotWatchHandlers } from "./types";

// Snapshot notifications between instances sharing one PostgreSQL. replaceSnapshot sends
// NOTIFY atlas_snapshot_installed inside its transaction, so it is delivered when the transaction
// commits. Each instance keeps one connection of its own LISTENing, outside the pool: a pooled
// connection moves between queries, and a listener has to stay put. The payload is
// {"schema": …, "id": …}. The schema separates tables kept in different schemas of one database
// (the tests use one schema each). The id is only informational: a listener reloads whatever
// snapshot is newest.
// The connection drops when the server restarts or an admin ends it. The holder is then told
// (onListening(false)) and polls until this module has reconnected, with a backoff of up to 5 s.

export const SNAPSHOT_CHANNEL = "atlas_snapshot_installed";

/** The SQL (for the writer's transaction) that notifies every listener of snapshot $1. */
export const NOTIFY_SNAPSHOT_SQL = `SELECT pg_notify('${SNAPSHOT_CHANNEL}', json_build_object('schema', current_schema(), 'id', $1::int)::text)`;

export interface SnapshotListenerOptions {
  url: string;
  /** The search_path the storage uses; notifications of other schemas are ignored. */
  schema?: string;
  applicationName: string;
  handlers: SnapshotWatchHandlers;
  /** Told why the connection was lost or could not be opened (then it retries). */
  onError?: (error: Error) => void;
  /** First reconnect delay; doubles up to maxRetryMs. Default 250 ms / 5 s. */
  retryMs?: number;
  maxRetryMs?: number;
}

const payloadOf = (text: string | undefined): { schema?: unknown; id?: unknown } | null => {
  try {
    const value: unknown = JSON.parse(text ?? "");
    return typeof value === "object" && value !== null ? value : null;
  } catch {
    return null;
  }
};

export function listenForSnapshots(options: SnapshotListenerOptions): SnapshotWatch {
  const { handlers } = options;
  const firstRetry = options.retryMs ?? 250;
  const maxRetry = options.maxRetryMs ?? 5_000;
  let closed = false;
  let client: pg.Client | null = null;
  let listening = false;
  let retryMs = firstRetry;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const setListening = (value: boolean) => {
    if (listening === value) return;
    listening = value;
    try {
      handlers.onListening?.(value);
    } catch (error) {
      options.onError?.(error as Error);
    }
  };

  const lost = (from: pg.Client, error?: Error) => {
    if (client !== from) return; // an earlier connection's late event
    client = null;
    from.removeAllListeners("notification");
    from.end().catch(() => {});
    if (error && !closed) options.onError?.(error);
    setListening(false);
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    timer.unref?.();
    retryMs = Math.min(maxRetry, retryMs * 2);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({
      connectionString: options.url,
      application_name: options.applicationName,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    client = next;
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next));
    try {
      await next.connect();
      const schema = (await next.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s;
      next.on("notification", (message) => {
        if (message.channel !== SNAPSHOT_CHANNEL) return;
        const payload = payloadOf(message.payload);
        if (!payload || payload.schema !== schema) return;
        try {
          handlers.onInstalled(typeof payload.id === "number" ? payload.id : 0);
        } catch (error) {
          options.onError?.(error as Error);
        }
      });
      await next.query(`LISTEN ${SNAPSHOT_CHANNEL}`);
      if (closed || client !== next) {
        await next.end().catch(() => {});
        return;
      }
      retryMs = firstRetry;
      setListening(true);
    } catch (error) {
      lost(next, error as Error);
    }
  }

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const open = client;
      client = null;
      listening = false;
      await open?.end().catch(() => {});
    },
  };
}
