// Runs once when the server starts: validate every setting so a bad one stops the process with a
// one-line message instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv, EnvError } = await import("./lib/config/schema");
  try {
    parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`tenant-atlas: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // server.mjs answers the hottest read route itself, through the same handler (lib/http/direct-routes.ts).
  const { registerDirectRoutes } = await import("./lib/http/direct-routes");
  const { GET: listTenants } = await import("./app/api/tenants/route");
  registerDirectRoutes({ "GET /api/tenants": listTenants });
  (await import("./lib/runtime/release-memory")).releaseMemoryWhenIdle();
  // Serve the last good snapshot at once and start syncing in the background.
  const { startSnapshotSync } = await import("./lib/tenants/snapshot");
  void startSnapshotSync().catch((error: unknown) =>
    console.error("tenant-atlas: snapshot store:", error instanceof Error ? error.message : error),
  );
}
