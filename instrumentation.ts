// Next.js calls register() once when a server starts. The work is Node.js-only, so it is imported
// only there (the edge bundle of this file stays empty): lib/runtime/on-server-start.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs")
    (await import("./lib/runtime/on-server-start")).onServerStart();
}
