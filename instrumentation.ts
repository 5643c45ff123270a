// Runs once when the server starts: validate every setting so a bad one stops the process with a
// one-line message instead of failing on the first request, then load the last good snapshot and
// start syncing in the background.
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
  const { startSnapshotSync } = await import("./lib/tenants/snapshot");
  void startSnapshotSync().catch((error: unknown) =>
    console.error("tenant-atlas: snapshot store:", error instanceof Error ? error.message : error),
  );
}
