// One instance per server process of something expensive or stateful (the database, the Qlik
// client, the snapshot holder), kept on globalThis so that Next.js dev reloads, which re-evaluate
// modules, reuse it instead of opening a second one. The pattern of create-t3-app's `globalForDb`.

const store = globalThis as typeof globalThis & { __tenantAtlas?: Map<string, unknown> };

function registry(): Map<string, unknown> {
  return (store.__tenantAtlas ??= new Map());
}

/** The value kept under `key`, created by `create()` on first use. */
export function globalSingleton<T>(key: string, create: () => T): T {
  const map = registry();
  if (map.has(key)) return map.get(key) as T;
  const value = create();
  map.set(key, value);
  return value;
}

/**
 * Forgets the value under `key` (for shutdown, tests, a failed open to retry) and returns it.
 * With `only`, forgets it only if it is still that value.
 */
export function dropGlobalSingleton<T>(key: string, only?: T): T | undefined {
  const map = registry();
  const value = map.get(key) as T | undefined;
  if (only !== undefined && value !== only) return undefined;
  map.delete(key);
  return value;
}
